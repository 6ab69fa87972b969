package dev.colony.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.colony.audit.internal.CanonicalJson;
import dev.colony.core.RunId;
import dev.colony.core.TenantId;
import dev.colony.core.tool.RiskTier;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The stored form of a ledger entry: RFC 8785 canonical JSON holding the entry's fields, its {@code
 * seq} and {@code recordedAt}, and a format version {@code v}. Absent values are left out.
 * Stateless and thread-safe.
 *
 * <p>The position is inside the hashed content, so an entry moved to another row is recognized as
 * moved rather than merely changed.
 */
final class EntryCodec {
  /** The stored format's version. */
  static final int VERSION = 1;

  private static final ObjectMapper MAPPER = JsonMapper.builder().build();

  private EntryCodec() {}

  /** A stored entry's position and time, and the entry. */
  record Decoded(long seq, Instant recordedAt, LedgerEntry entry) {}

  /** The entry's fields, sorted, without position and time; built outside the append lock. */
  static SortedMap<String, Object> fields(LedgerEntry entry) {
    var fields = new TreeMap<String, Object>();
    fields.put("v", VERSION);
    fields.put("kind", entry.kind().name());
    fields.put("tenant", entry.tenant().value());
    fields.put("runId", entry.runId().value());
    fields.put("callId", entry.callId());
    putIfPresent(fields, "agent", entry.agent());
    fields.put("principals", entry.principals());
    fields.put("tool", entry.tool());
    putIfPresent(fields, "tier", entry.tier() == null ? null : entry.tier().name());
    putIfPresent(fields, "stage", entry.stage());
    fields.put("reason", entry.reason());
    fields.put("policies", entry.policies());
    putIfPresent(fields, "argumentsDigest", entry.argumentsDigest());
    putIfPresent(fields, "resultDigest", entry.resultDigest());
    putIfPresent(fields, "approvalId", entry.approvalId());
    putIfPresent(fields, "decidedBy", entry.decidedBy());
    fields.put("replayed", entry.replayed());
    putIfPresent(fields, "traceId", entry.traceId());
    putIfPresent(fields, "spanId", entry.spanId());
    return fields;
  }

  /** The canonical JSON stored for an entry at a position and time. */
  static String encode(SortedMap<String, Object> fields, long seq, Instant recordedAt) {
    var all = new TreeMap<>(fields);
    all.put("seq", seq);
    all.put("recordedAt", recordedAt.toString());
    return CanonicalJson.write(all);
  }

  /**
   * Reads a stored entry back.
   *
   * @throws IllegalArgumentException naming the field, when the text is not a stored entry
   */
  static Decoded decode(String json) {
    JsonNode node;
    try {
      node = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
    }
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("not a JSON object");
    }
    try {
      var entry =
          new LedgerEntry(
              EntryKind.valueOf(text(node, "kind")),
              TenantId.of(text(node, "tenant")),
              RunId.of(text(node, "runId")),
              text(node, "callId"),
              optional(node, "agent"),
              list(node, "principals"),
              text(node, "tool"),
              node.hasNonNull("tier") ? RiskTier.valueOf(text(node, "tier")) : null,
              optional(node, "stage"),
              text(node, "reason"),
              list(node, "policies"),
              optional(node, "argumentsDigest"),
              optional(node, "resultDigest"),
              optional(node, "approvalId"),
              optional(node, "decidedBy"),
              node.path("replayed").asBoolean(false),
              optional(node, "traceId"),
              optional(node, "spanId"));
      var seq = node.path("seq");
      if (!seq.canConvertToExactIntegral() || !seq.canConvertToLong()) {
        throw new IllegalArgumentException("field 'seq' must be an integer, got " + seq);
      }
      return new Decoded(seq.asLong(), Instant.parse(text(node, "recordedAt")), entry);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  private static void putIfPresent(SortedMap<String, Object> fields, String key, Object value) {
    if (value != null) {
      fields.put(key, value);
    }
  }

  private static String text(JsonNode node, String field) {
    var value = node.get(field);
    if (value == null || !value.isTextual()) {
      throw new IllegalArgumentException("field '" + field + "' must be a string, got " + value);
    }
    return value.asText();
  }

  private static String optional(JsonNode node, String field) {
    return node.hasNonNull(field) ? text(node, field) : null;
  }

  private static List<String> list(JsonNode node, String field) {
    var value = node.get(field);
    if (value == null || !value.isArray()) {
      throw new IllegalArgumentException("field '" + field + "' must be an array, got " + value);
    }
    var out = new ArrayList<String>();
    for (var item : value) {
      if (!item.isTextual()) {
        throw new IllegalArgumentException("field '" + field + "' must hold strings, got " + item);
      }
      out.add(item.asText());
    }
    return out;
  }
}
