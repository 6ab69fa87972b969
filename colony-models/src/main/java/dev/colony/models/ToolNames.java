package dev.colony.models;

import dev.colony.core.tool.ToolSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Maps Colony tool names to names every provider accepts, and back, for one request.
 *
 * <p>Colony names may contain {@code '.'} ({@code orders.get_order}); OpenAI, Anthropic and Bedrock
 * accept only {@code [a-zA-Z0-9_-]{1,64}} and Gemini wants a letter or {@code '_'} first. Names
 * that already fit are sent as they are. Others get every other character replaced by {@code '_'},
 * a leading {@code '_'} if needed, and when that collides with another tool's name or exceeds 64
 * characters, a suffix from a hash of the original name. The mapping depends only on the request's
 * tools, so every turn of a run sends the same names.
 */
final class ToolNames {
  static final int MAX_LENGTH = 64;
  private static final Pattern FITS = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]{0,63}");

  private final Map<String, String> toWire = new HashMap<>();
  private final Map<String, String> fromWire = new HashMap<>();

  private ToolNames() {}

  static ToolNames of(List<ToolSpec> tools) {
    var names = new ToolNames();
    for (ToolSpec tool : tools) {
      if (FITS.matcher(tool.name()).matches()) {
        names.put(tool.name(), tool.name());
      }
    }
    for (ToolSpec tool : tools) {
      if (names.toWire.containsKey(tool.name())) {
        continue;
      }
      String wire = sanitize(tool.name());
      if (wire.length() > MAX_LENGTH || names.fromWire.containsKey(wire)) {
        String suffix = "_" + hash(tool.name());
        wire = wire.substring(0, Math.min(wire.length(), MAX_LENGTH - suffix.length())) + suffix;
      }
      names.put(tool.name(), wire);
    }
    return names;
  }

  /** The name to send for a Colony tool name, including tools not offered in this request. */
  String wire(String name) {
    String wire = toWire.get(name);
    if (wire != null) {
      return wire;
    }
    String sanitized = sanitize(name);
    return sanitized.length() > MAX_LENGTH ? sanitized.substring(0, MAX_LENGTH) : sanitized;
  }

  /** The Colony name for a name the model used; unknown names stay as the model wrote them. */
  String colony(String wireName) {
    return fromWire.getOrDefault(wireName, wireName);
  }

  private void put(String name, String wire) {
    toWire.putIfAbsent(name, wire);
    fromWire.putIfAbsent(wire, name);
  }

  static String sanitize(String name) {
    var out = new StringBuilder(name.length() + 1);
    if (name.isEmpty() || !(isLetter(name.charAt(0)) || name.charAt(0) == '_')) {
      out.append('_');
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      out.append(isLetter(c) || (c >= '0' && c <= '9') || c == '_' || c == '-' ? c : '_');
    }
    return out.toString();
  }

  private static boolean isLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static String hash(String name) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every JDK", e);
    }
  }
}
