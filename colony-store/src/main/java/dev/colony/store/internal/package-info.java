/**
 * The JDBC stores and their JSON codec; not an API, used only by {@link dev.colony.store.Database}.
 */
package dev.colony.store.internal;
