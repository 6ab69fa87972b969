package dev.colony.audit;

import java.util.SortedMap;
import java.util.concurrent.locks.LockSupport;

/**
 * An entry waiting to be written, and how its write ended. Written by the lock holder; {@code done}
 * is published last, so a waiter that sees it sees the outcome.
 */
final class Pending {
  final LedgerEntry entry;
  final SortedMap<String, Object> fields;
  final Thread waiter;
  volatile boolean done;
  LedgerRecord record;
  RuntimeException failure;

  Pending(LedgerEntry entry, SortedMap<String, Object> fields, Thread waiter) {
    this.entry = entry;
    this.fields = fields;
    this.waiter = waiter;
  }

  void complete(LedgerRecord stored) {
    record = stored;
    done = true;
    LockSupport.unpark(waiter);
  }

  void fail(RuntimeException e) {
    failure = e;
    done = true;
    LockSupport.unpark(waiter);
  }
}
