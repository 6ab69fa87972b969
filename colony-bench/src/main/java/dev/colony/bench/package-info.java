/**
 * Benchmarks of the Gate, the agent loop, sealed hops and Cedar policy decisions (JMH), and
 * harnesses that measure the heap held by runs paused for approval and the audit ledger's appends
 * per second.
 *
 * <p>Nothing here runs in the normal build; {@code docs/benchmarks.md} gives the commands and the
 * figures they produced. The harnesses print their reports to standard output, as command-line
 * tools.
 */
package dev.colony.bench;
