/**
 * JDBC stores for runs, checkpoints, approvals and effects, on H2 and PostgreSQL.
 *
 * <p>{@link dev.colony.store.Database} is the entry point: it opens a database, migrates its schema
 * and hands out the stores. Everything else is in {@code dev.colony.store.internal}.
 */
package dev.colony.store;
