package dev.colony.mcp.client;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link ToolPins} held in memory, for tests and for nodes that re-approve after every restart.
 *
 * <p>Thread-safe: the pins of each server are replaced as one immutable map.
 */
public final class InMemoryToolPins implements ToolPins {
  private final Map<String, Map<String, String>> servers = new ConcurrentHashMap<>();

  @Override
  public Optional<Map<String, String>> load(String server) {
    return Optional.ofNullable(servers.get(Objects.requireNonNull(server, "server")));
  }

  @Override
  public void save(String server, Map<String, String> pins) {
    servers.put(Objects.requireNonNull(server, "server"), Map.copyOf(pins));
  }
}
