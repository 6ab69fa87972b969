package dev.colony.store.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.colony.core.ColonyException;
import dev.colony.core.Envelope;
import dev.colony.core.Principal;
import dev.colony.core.TenantId;
import dev.colony.core.TraceContext;
import dev.colony.core.approval.ApprovalVote;
import dev.colony.core.model.Message;
import dev.colony.core.model.Usage;
import dev.colony.core.run.RunCounters;
import dev.colony.core.tool.ToolCall;
import dev.colony.core.tool.ToolResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.function.Supplier;

/**
 * Writes and reads the JSON the stores keep in text columns: conversations, counters, envelopes and
 * tool results.
 *
 * <p>The format is spelled out field by field rather than derived from the core records, so that
 * renaming a record component never changes what is stored. Readers ignore fields they do not know
 * and report a malformed document with the path of the offending field. Stateless and thread-safe.
 */
final class JsonCodec {
  private static final JsonMapper MAPPER =
      JsonMapper.builder(
              JsonFactory.builder()
                  // The stores read back only what they wrote; a long tool result must not become
                  // unreadable because Jackson's default guard (20M characters) is lower than
                  // what the database accepted.
                  .streamReadConstraints(
                      StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
                  .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                  .build())
          .build();

  private JsonCodec() {}

  static String writeMessages(List<Message> messages) {
    var array = MAPPER.createArrayNode();
    for (var message : messages) {
      array.add(message(message));
    }
    return write(array);
  }

  static List<Message> readMessages(String json) {
    var root = array(parse(json), "messages");
    var messages = new ArrayList<Message>(root.size());
    for (int i = 0; i < root.size(); i++) {
      messages.add(message(object(root.get(i), "messages[" + i + "]"), "messages[" + i + "]"));
    }
    return messages;
  }

  static String writeCounters(RunCounters counters) {
    var node = MAPPER.createObjectNode();
    node.put("steps", counters.steps());
    node.putObject("usage")
        .put("inputTokens", counters.usage().inputTokens())
        .put("outputTokens", counters.usage().outputTokens());
    node.put("toolCalls", counters.toolCalls());
    node.put("costMicros", counters.costMicros());
    return write(node);
  }

  static RunCounters readCounters(String json) {
    var node = object(parse(json), "counters");
    var usage = object(node.get("usage"), "counters.usage");
    return build(
        "counters",
        () ->
            new RunCounters(
                integer(node, "steps", "counters"),
                new Usage(
                    number(usage, "inputTokens", "counters.usage"),
                    number(usage, "outputTokens", "counters.usage")),
                integer(node, "toolCalls", "counters"),
                // Checkpoints written before costs were counted have none.
                node.has("costMicros") ? number(node, "costMicros", "counters") : 0));
  }

  static String writeEnvelope(Envelope envelope) {
    var node = MAPPER.createObjectNode();
    node.put("tenant", envelope.tenant().value());
    var chain = node.putArray("chain");
    for (var principal : envelope.chain()) {
      chain.addObject().put("kind", principal.kind().name()).put("id", principal.id());
    }
    var scopes = node.putArray("scopes");
    envelope.scopes().stream().sorted().forEach(scopes::add);
    if (envelope.trace() == null) {
      node.putNull("trace");
    } else {
      node.putObject("trace")
          .put("traceId", envelope.trace().traceId())
          .put("spanId", envelope.trace().spanId());
    }
    node.put("deadline", envelope.deadline() == null ? null : envelope.deadline().toString());
    return write(node);
  }

  static Envelope readEnvelope(String json) {
    var node = object(parse(json), "envelope");
    var tenant = text(node, "tenant", "envelope");
    var chainNode = array(node.get("chain"), "envelope.chain");
    var chain = new ArrayList<Principal>(chainNode.size());
    for (int i = 0; i < chainNode.size(); i++) {
      var path = "envelope.chain[" + i + "]";
      var principal = object(chainNode.get(i), path);
      var kind = kind(text(principal, "kind", path), path + ".kind");
      var id = text(principal, "id", path);
      chain.add(build(path, () -> new Principal(kind, id)));
    }
    var scopesNode = array(node.get("scopes"), "envelope.scopes");
    var scopes = new HashSet<String>();
    for (int i = 0; i < scopesNode.size(); i++) {
      scopes.add(string(scopesNode.get(i), "envelope.scopes[" + i + "]"));
    }
    TraceContext trace = null;
    if (present(node.get("trace"))) {
      var traceNode = object(node.get("trace"), "envelope.trace");
      var traceId = text(traceNode, "traceId", "envelope.trace");
      var spanId = text(traceNode, "spanId", "envelope.trace");
      trace = new TraceContext(traceId, spanId);
    }
    var deadlineText = optionalText(node, "deadline", "envelope");
    var deadline =
        deadlineText == null ? null : build("envelope.deadline", () -> Instant.parse(deadlineText));
    var traceContext = trace;
    return build(
        "envelope", () -> new Envelope(TenantId.of(tenant), chain, scopes, traceContext, deadline));
  }

  static String writeVotes(List<ApprovalVote> votes) {
    var array = MAPPER.createArrayNode();
    for (var vote : votes) {
      var node = array.addObject();
      node.put("approver", vote.approver());
      node.put("approve", vote.approve());
      node.put("reason", vote.reason());
      node.put("at", Sql.micros(vote.at()).toString());
      node.put("token", vote.token());
    }
    return write(array);
  }

  static List<ApprovalVote> readVotes(String json) {
    var votes = new ArrayList<ApprovalVote>();
    var array = array(parse(json), "votes");
    for (int i = 0; i < array.size(); i++) {
      var node = object(array.get(i), "votes[" + i + "]");
      var path = "votes[" + i + "]";
      votes.add(
          build(
              path,
              () ->
                  new ApprovalVote(
                      text(node, "approver", path),
                      node.path("approve").asBoolean(),
                      optionalText(node, "reason", path),
                      Instant.parse(text(node, "at", path)),
                      optionalText(node, "token", path))));
    }
    return votes;
  }

  static String writeToolResult(ToolResult result) {
    var node = MAPPER.createObjectNode();
    putToolResult(node, result);
    return write(node);
  }

  static ToolResult readToolResult(String json) {
    return toolResult(object(parse(json), "result"), "result");
  }

  private static ObjectNode message(Message message) {
    var node = MAPPER.createObjectNode();
    switch (message) {
      case Message.System system -> node.put("type", "system").put("text", system.text());
      case Message.User user -> node.put("type", "user").put("text", user.text());
      case Message.Assistant assistant -> {
        node.put("type", "assistant").put("text", assistant.text());
        var calls = node.putArray("toolCalls");
        for (var call : assistant.toolCalls()) {
          calls
              .addObject()
              .put("id", call.id())
              .put("name", call.name())
              .put("arguments", call.arguments());
        }
      }
      case Message.ToolResultMessage result -> {
        node.put("type", "toolResult");
        putToolResult(node.putObject("result"), result.result());
      }
    }
    return node;
  }

  private static Message message(JsonNode node, String path) {
    var type = text(node, "type", path);
    return switch (type) {
      case "system" -> new Message.System(text(node, "text", path));
      case "user" -> new Message.User(text(node, "text", path));
      case "assistant" -> {
        var text = optionalText(node, "text", path);
        var callsNode = array(node.get("toolCalls"), path + ".toolCalls");
        var calls = new ArrayList<ToolCall>(callsNode.size());
        for (int i = 0; i < callsNode.size(); i++) {
          var callPath = path + ".toolCalls[" + i + "]";
          var call = object(callsNode.get(i), callPath);
          calls.add(
              new ToolCall(
                  text(call, "id", callPath),
                  text(call, "name", callPath),
                  text(call, "arguments", callPath)));
        }
        yield new Message.Assistant(text, calls);
      }
      case "toolResult" ->
          new Message.ToolResultMessage(
              toolResult(object(node.get("result"), path + ".result"), path + ".result"));
      default ->
          throw malformed(
              path + ".type",
              "must be one of system, user, assistant, toolResult, got '" + type + "'");
    };
  }

  private static Principal.Kind kind(String name, String path) {
    for (var kind : Principal.Kind.values()) {
      if (kind.name().equals(name)) {
        return kind;
      }
    }
    throw malformed(path, "must be one of USER, AGENT, SERVICE, got '" + name + "'");
  }

  private static void putToolResult(ObjectNode node, ToolResult result) {
    node.put("callId", result.callId())
        .put("name", result.name())
        .put("content", result.content())
        .put("error", result.error());
  }

  private static ToolResult toolResult(JsonNode node, String path) {
    var error = node.get("error");
    if (error == null || !error.isBoolean()) {
      throw malformed(path + ".error", "must be true or false, got " + describe(error));
    }
    return new ToolResult(
        text(node, "callId", path),
        text(node, "name", path),
        text(node, "content", path),
        error.booleanValue());
  }

  private static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new ColonyException("could not write JSON: " + e.getOriginalMessage(), e);
    }
  }

  private static JsonNode parse(String json) {
    try {
      var node = MAPPER.readTree(json);
      if (node == null || node.isMissingNode()) {
        throw malformed("", "the document is empty");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw malformed("", "not JSON: " + e.getOriginalMessage());
    }
  }

  private static boolean present(JsonNode node) {
    return node != null && !node.isNull();
  }

  private static JsonNode object(JsonNode node, String path) {
    if (node == null || !node.isObject()) {
      throw malformed(path, "must be an object, got " + describe(node));
    }
    return node;
  }

  private static JsonNode array(JsonNode node, String path) {
    if (node == null || !node.isArray()) {
      throw malformed(path, "must be an array, got " + describe(node));
    }
    return node;
  }

  private static String string(JsonNode node, String path) {
    if (node == null || !node.isTextual()) {
      throw malformed(path, "must be a string, got " + describe(node));
    }
    return node.textValue();
  }

  private static String text(JsonNode object, String field, String path) {
    return string(object.get(field), path + "." + field);
  }

  private static String optionalText(JsonNode object, String field, String path) {
    var node = object.get(field);
    return present(node) ? string(node, path + "." + field) : null;
  }

  private static long number(JsonNode object, String field, String path) {
    var node = object.get(field);
    if (node == null || !node.isIntegralNumber() || !node.canConvertToLong()) {
      throw malformed(path + "." + field, "must be a whole number, got " + describe(node));
    }
    return node.longValue();
  }

  private static int integer(JsonNode object, String field, String path) {
    var node = object.get(field);
    if (node == null || !node.isIntegralNumber() || !node.canConvertToInt()) {
      throw malformed(path + "." + field, "must be a 32-bit whole number, got " + describe(node));
    }
    return node.intValue();
  }

  private static <T> T build(String path, Supplier<T> constructor) {
    try {
      return constructor.get();
    } catch (ColonyException e) {
      throw malformed(path, e.getMessage());
    } catch (RuntimeException e) {
      throw malformed(path, e.toString());
    }
  }

  private static String describe(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return "nothing (the field is missing)";
    }
    return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
  }

  private static ColonyException malformed(String path, String problem) {
    var where = path.isEmpty() ? "stored JSON" : "stored JSON at '" + path + "'";
    return new ColonyException(where + ": " + problem);
  }
}
