/**
 * Benchmarks of the Gate and the agent loop (JMH), and a harness that measures the heap held by
 * runs paused for approval.
 *
 * <p>Nothing here runs in the normal build; {@code docs/benchmarks.md} gives the commands and the
 * figures they produced. The harness prints its report to standard output, as a command-line tool.
 */
package dev.colony.bench;
