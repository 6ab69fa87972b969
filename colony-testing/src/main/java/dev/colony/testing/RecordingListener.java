package dev.colony.testing;

import dev.colony.core.run.RunEvent;
import dev.colony.core.run.RunListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every run event it receives, for assertions. Thread-safe. */
public final class RecordingListener implements RunListener {
  private final List<RunEvent> events = new CopyOnWriteArrayList<>();

  @Override
  public void onEvent(RunEvent event) {
    events.add(event);
  }

  public List<RunEvent> events() {
    return List.copyOf(events);
  }

  /** The events of one type, in order. */
  public <T extends RunEvent> List<T> events(Class<T> type) {
    return events.stream().filter(type::isInstance).map(type::cast).toList();
  }

  public void clear() {
    events.clear();
  }
}
