package dev.colony.core.run;

/** Receives a run's events as they happen; must not block for long. */
@FunctionalInterface
public interface RunListener {
  void onEvent(RunEvent event);

  static RunListener none() {
    return event -> {};
  }
}
