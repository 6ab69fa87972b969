package dev.colony.planner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.colony.core.model.Message;
import dev.colony.core.tool.ToolCall;
import dev.colony.core.tool.ToolResult;
import java.util.List;
import org.junit.jupiter.api.Test;

class TranscriptTests {
  private static final ToolCall GET = new ToolCall("call-1-1", "get_order", "{\"order_id\":\"7\"}");
  private static final ToolCall SHIP = new ToolCall("call-1-2", "get_shipments", "{");

  @Test
  void callsArePairedWithTheirResultsInOrder() {
    var transcript =
        Transcript.of(
            List.of(
                new Message.User("order 7"),
                new Message.Assistant(null, List.of(GET, SHIP)),
                new Message.ToolResultMessage(ToolResult.success(SHIP, "{\"delivered\":[]}")),
                new Message.ToolResultMessage(ToolResult.success(GET, "{\"id\":\"7\"}"))));

    var exchanges = transcript.exchanges(1);

    assertThat(exchanges)
        .extracting(ToolExchange::tool)
        .containsExactly("get_order", "get_shipments");
    assertThat(exchanges.get(0).result().path("id").asText()).isEqualTo("7");
    assertThat(exchanges.get(0).arguments().path("order_id").asText()).isEqualTo("7");
  }

  @Test
  void malformedArgumentsAndResultsAreKeptAsText() {
    var transcript =
        Transcript.of(
            List.of(
                new Message.User("order 7"),
                new Message.Assistant(null, List.of(SHIP)),
                new Message.ToolResultMessage(ToolResult.success(SHIP, "not json"))));

    var exchange = transcript.exchanges(1).get(0);

    assertThat(exchange.arguments().asText()).isEqualTo("{");
    assertThat(exchange.result().asText()).isEqualTo("not json");
    assertThat(exchange.error()).isFalse();
  }

  @Test
  void callWithoutResultCountsAsFailed() {
    var transcript =
        Transcript.of(
            List.of(new Message.User("order 7"), new Message.Assistant(null, List.of(GET))));

    var exchange = transcript.exchanges(1).get(0);

    assertThat(exchange.error()).isTrue();
    assertThat(exchange.errorMessage()).isEqualTo("no result was recorded for call 'call-1-1'");
  }

  @Test
  void errorMessageComesFromTheErrorField() {
    var transcript =
        Transcript.of(
            List.of(
                new Message.User("order 7"),
                new Message.Assistant(null, List.of(GET)),
                new Message.ToolResultMessage(
                    ToolResult.failure(GET, "denied: \"tier\" too high"))));

    assertThat(transcript.exchanges(1).get(0).errorMessage())
        .isEqualTo("denied: \"tier\" too high");
  }

  @Test
  void taskIsTheFirstUserMessageAndTurnsCountOnlyAfterIt() {
    var transcript =
        Transcript.of(
            List.of(
                new Message.System("be helpful"),
                new Message.Assistant(null, List.of(GET)),
                new Message.User("first"),
                Message.Assistant.text("which order?"),
                new Message.User("second"),
                new Message.Assistant("looking", List.of(SHIP))));

    assertThat(transcript.task()).isEqualTo("first");
    assertThat(transcript.userText()).isEqualTo("first\nsecond");
    assertThat(transcript.turns()).containsExactly(List.of(SHIP));
  }
}
