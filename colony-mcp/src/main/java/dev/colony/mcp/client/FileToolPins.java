package dev.colony.mcp.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.colony.core.ColonyException;
import dev.colony.core.InvalidInput;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * {@link ToolPins} in JSON files, one per server ({@code NAME.pins.json}) in a directory, so that
 * approvals survive restarts.
 *
 * <p>Thread-safe: every method synchronizes. A save writes a temporary file in the same directory
 * and moves it over the old one atomically, so a crash leaves the old pins or the new ones, never
 * half of either. A file that is not what this class writes fails to load, naming the file and what
 * is wrong with it; it is never silently treated as empty, which would re-pin whatever the server
 * lists next.
 */
public final class FileToolPins implements ToolPins {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern SERVER = Pattern.compile("[a-z0-9_-]{1,64}");
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
  private final Path directory;

  private FileToolPins(Path directory) {
    this.directory = directory;
  }

  /** Pins kept in {@code directory}, which is created on the first save if missing. */
  public static FileToolPins in(Path directory) {
    Objects.requireNonNull(directory, "directory");
    return new FileToolPins(directory.toAbsolutePath());
  }

  /** The file holding a server's pins. */
  public Path file(String server) {
    if (server == null || !SERVER.matcher(server).matches()) {
      throw new InvalidInput(
          "server",
          "an MCP server name must be 1 to 64 lower-case letters, digits, '-' or '_', got "
              + (server == null ? "null" : "'" + server + "'"));
    }
    return directory.resolve(server + ".pins.json");
  }

  @Override
  public synchronized Optional<Map<String, String>> load(String server) {
    var file = file(server);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    JsonNode root;
    try {
      root = JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new ColonyException("cannot read the MCP tool pins " + file + ": " + e.getMessage(), e);
    }
    var tools = root == null ? null : root.get("tools");
    if (tools == null || !tools.isObject()) {
      throw new ColonyException(
          "cannot read the MCP tool pins " + file + ": expected an object with a 'tools' object");
    }
    var pins = new TreeMap<String, String>();
    var fields = tools.fields();
    while (fields.hasNext()) {
      var field = fields.next();
      var hash = field.getValue();
      if (!hash.isTextual() || !SHA256.matcher(hash.asText()).matches()) {
        throw new ColonyException(
            "cannot read the MCP tool pins "
                + file
                + ": tools."
                + field.getKey()
                + " must be a lower-case hex SHA-256, got "
                + hash);
      }
      pins.put(field.getKey(), hash.asText());
    }
    return Optional.of(Map.copyOf(pins));
  }

  @Override
  public synchronized void save(String server, Map<String, String> pins) {
    var file = file(server);
    var root = JSON.createObjectNode().put("server", server);
    var tools = root.putObject("tools");
    new TreeMap<>(pins)
        .forEach(
            (tool, hash) -> {
              if (hash == null || !SHA256.matcher(hash).matches()) {
                throw new InvalidInput(
                    "pins." + tool, "must be a lower-case hex SHA-256, got " + hash);
              }
              tools.put(tool, hash);
            });
    try {
      write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
    } catch (JsonProcessingException e) {
      throw new ColonyException("cannot encode the MCP tool pins for " + file, e);
    } catch (IOException e) {
      throw new ColonyException(
          "cannot write the MCP tool pins " + file + ": " + e.getMessage(), e);
    }
  }

  private static void write(Path file, byte[] bytes) throws IOException {
    Files.createDirectories(file.getParent());
    var temp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp");
    try {
      try (var channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        channel.write(ByteBuffer.wrap(bytes));
        channel.force(true);
      }
      try {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
