package dev.colony.store.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.colony.core.ColonyException;
import dev.colony.core.Envelope;
import dev.colony.core.Principal;
import dev.colony.core.TenantId;
import dev.colony.core.TraceContext;
import dev.colony.core.model.Message;
import dev.colony.core.model.Usage;
import dev.colony.core.run.RunCounters;
import dev.colony.core.tool.ToolCall;
import dev.colony.core.tool.ToolResult;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JsonCodecTests {
  private static final ToolCall LOOKUP =
      new ToolCall("call_1", "orders.lookup", "{\"orderId\":42,\"q\":\"say \\\"hi\\\"\"}");

  @Test
  void everyMessageKindRoundTripsExactly() {
    var messages =
        List.<Message>of(
            new Message.System("Quotes \" and \\ and \n and \t and \u0001 and </script>"),
            new Message.User("注文 #42 はどこ? 🚚 Ünïcödé"),
            new Message.Assistant(null, List.of(LOOKUP, new ToolCall("c2", "x", "{broken"))),
            new Message.Assistant("", List.of()),
            new Message.Assistant("both text and a call", List.of(LOOKUP)),
            new Message.ToolResultMessage(ToolResult.success(LOOKUP, "{\"eta\":null}")),
            new Message.ToolResultMessage(ToolResult.failure(LOOKUP, "no \"order\" 42")));

    assertThat(JsonCodec.readMessages(JsonCodec.writeMessages(messages))).isEqualTo(messages);
  }

  @Test
  void anEmptyConversationRoundTrips() {
    assertThat(JsonCodec.readMessages(JsonCodec.writeMessages(List.of()))).isEmpty();
  }

  @Test
  void messagesHaveAStableFormat() {
    var json =
        JsonCodec.writeMessages(
            List.of(
                new Message.User("hi"),
                new Message.Assistant(null, List.of(new ToolCall("c1", "t", "{}"))),
                new Message.ToolResultMessage(new ToolResult("c1", "t", "{}", false))));

    assertThat(json)
        .isEqualTo(
            "[{\"type\":\"user\",\"text\":\"hi\"},"
                + "{\"type\":\"assistant\",\"text\":null,"
                + "\"toolCalls\":[{\"id\":\"c1\",\"name\":\"t\",\"arguments\":\"{}\"}]},"
                + "{\"type\":\"toolResult\",\"result\":"
                + "{\"callId\":\"c1\",\"name\":\"t\",\"content\":\"{}\",\"error\":false}}]");
  }

  @Test
  void anEnvelopeWithTraceAndDeadlineRoundTrips() {
    var envelope =
        new Envelope(
            TenantId.of("acme"),
            List.of(Principal.user("ålice"), Principal.agent("triage"), Principal.service("cron")),
            Set.of("orders:read", "refunds:write", "scope with \"quotes\""),
            new TraceContext("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331"),
            Instant.parse("2025-03-04T05:06:07.123456789Z"));

    assertThat(JsonCodec.readEnvelope(JsonCodec.writeEnvelope(envelope))).isEqualTo(envelope);
  }

  @Test
  void anEnvelopeWithoutTraceDeadlineOrScopesRoundTrips() {
    var envelope = Envelope.of(TenantId.DEFAULT, Principal.user("bob"), Set.of());

    assertThat(JsonCodec.readEnvelope(JsonCodec.writeEnvelope(envelope))).isEqualTo(envelope);
  }

  @Test
  void countersRoundTrip() {
    var counters = new RunCounters(7, new Usage(Long.MAX_VALUE, 0), Integer.MAX_VALUE, 1_250_000);

    assertThat(JsonCodec.readCounters(JsonCodec.writeCounters(counters))).isEqualTo(counters);
  }

  @Test
  void countersWrittenBeforeCostsWereCountedReadAsZeroCost() {
    var json = "{\"steps\":2,\"usage\":{\"inputTokens\":5,\"outputTokens\":1},\"toolCalls\":1}";

    assertThat(JsonCodec.readCounters(json)).isEqualTo(new RunCounters(2, new Usage(5, 1), 1, 0));
  }

  @Test
  void aToolResultRoundTrips() {
    var result = ToolResult.failure(LOOKUP, "timed out after 30s — \"retry\"?");

    assertThat(JsonCodec.readToolResult(JsonCodec.writeToolResult(result))).isEqualTo(result);
  }

  @Test
  void unknownFieldsAreIgnored() {
    var json = "[{\"type\":\"user\",\"text\":\"hi\",\"addedLater\":{\"x\":1}}]";

    assertThat(JsonCodec.readMessages(json)).containsExactly(new Message.User("hi"));
  }

  @Test
  void anUnknownMessageTypeIsReportedWithItsPath() {
    var json = "[{\"type\":\"user\",\"text\":\"hi\"},{\"type\":\"video\"}]";

    assertThatThrownBy(() -> JsonCodec.readMessages(json))
        .isInstanceOf(ColonyException.class)
        .hasMessage(
            "stored JSON at 'messages[1].type': must be one of system, user, assistant,"
                + " toolResult, got 'video'");
  }

  @Test
  void aFieldOfTheWrongTypeIsReportedWithItsPath() {
    var json = "[{\"type\":\"assistant\",\"text\":null,\"toolCalls\":[{\"id\":1}]}]";

    assertThatThrownBy(() -> JsonCodec.readMessages(json))
        .hasMessage("stored JSON at 'messages[0].toolCalls[0].id': must be a string, got number");
  }

  @Test
  void anUnknownPrincipalKindIsReportedWithItsPath() {
    var json = "{\"tenant\":\"acme\",\"chain\":[{\"kind\":\"ROBOT\",\"id\":\"r2\"}],\"scopes\":[]}";

    assertThatThrownBy(() -> JsonCodec.readEnvelope(json))
        .hasMessage(
            "stored JSON at 'envelope.chain[0].kind': must be one of USER, AGENT, SERVICE,"
                + " got 'ROBOT'");
  }

  @Test
  void textThatIsNotJsonIsReported() {
    assertThatThrownBy(() -> JsonCodec.readCounters("{\"steps\":"))
        .isInstanceOf(ColonyException.class)
        .hasMessageStartingWith("stored JSON: not JSON: ");
  }

  @Test
  void negativeTokenCountsAreReportedWithTheirPath() {
    var json = "{\"steps\":1,\"usage\":{\"inputTokens\":-1,\"outputTokens\":0},\"toolCalls\":0}";

    assertThatThrownBy(() -> JsonCodec.readCounters(json))
        .hasMessageStartingWith("stored JSON at 'counters': ")
        .hasMessageContaining("must not be negative");
  }
}
