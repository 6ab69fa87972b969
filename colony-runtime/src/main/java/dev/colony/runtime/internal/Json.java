package dev.colony.runtime.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.colony.core.InvalidInput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.erdtman.jcs.JsonCanonicalizer;

/** The runtime's JSON: one shared mapper, parsing with located errors, and canonical digests. */
public final class Json {
  /** Thread-safe once configured, as Jackson documents. */
  public static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .build();

  private Json() {}

  /**
   * Parses JSON text, naming the field and the parser's location when it is malformed.
   *
   * @throws InvalidInput when the text is not JSON
   */
  public static JsonNode parse(String field, String text) {
    try {
      var node = MAPPER.readTree(text);
      if (node == null || node.isMissingNode()) {
        throw new InvalidInput(field, "is empty, expected JSON");
      }
      return node;
    } catch (JsonProcessingException e) {
      var loc = e.getLocation();
      var where =
          loc == null ? "" : " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")";
      throw new InvalidInput(field, "is not valid JSON: " + e.getOriginalMessage() + where);
    }
  }

  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** The RFC 8785 canonical form of JSON text. */
  public static String canonical(String json) {
    try {
      return new JsonCanonicalizer(json).getEncodedString();
    } catch (IOException | RuntimeException e) {
      throw new InvalidInput("json", "cannot be canonicalized: " + e.getMessage());
    }
  }

  /** SHA-256, in lower-case hex, of the RFC 8785 canonical form of JSON text. */
  public static String digest(String json) {
    try {
      var sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(canonical(json).getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every JDK", e);
    }
  }
}
