package dev.colony.mcp.server;

import static dev.colony.mcp.server.McpServerFixture.TENANT;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Randomized input on the MCP endpoint: JSON-RPC messages built from random parts (methods, params,
 * ids, wrong types, truncation, garbage, headers), sent for a while. The endpoint must answer each
 * with a well-formed HTTP status, keep serving a correct client afterwards, leave threads where
 * they were, and run tools only for the calls that were valid.
 *
 * <p>{@code -Dcolony.fuzz.seconds=30} (CI) runs it for 30 s; the default is 3 s. {@code
 * -Dcolony.fuzz.seed} replays a run; the seed is in every failure message.
 */
class McpEndpointFuzzTests {
  private static final List<String> METHODS =
      List.of(
          "initialize",
          "tools/list",
          "tools/call",
          "resources/list",
          "resources/read",
          "resources/templates/list",
          "prompts/list",
          "prompts/get",
          "ping",
          "notifications/initialized",
          "notifications/cancelled",
          "completion/complete",
          "logging/setLevel",
          "no/such/method",
          "");
  private static final List<String> VALUES =
      List.of(
          "null",
          "1",
          "-1",
          "1e308",
          "true",
          "\"\"",
          "\"get_order\"",
          "\"refund_charge\"",
          "\"shop://orders/1001\"",
          "\"colony://calls/run-00000000-0000-0000-0000-000000000000\"",
          "[]",
          "{}",
          "{\"order_id\":\"1001\"}",
          "{\"order_id\":1001}",
          "{\"charge_id\":\"CH-1\",\"amount\":\"x\"}",
          "\"\\u0000\"",
          "\"" + "x".repeat(5_000) + "\"");
  private static final Set<Integer> STATUSES = Set.of(200, 202, 400, 401, 404, 405, 406, 413, 415);

  private final McpServerFixture fx = new McpServerFixture();
  private final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void close() {
    http.close();
    fx.close();
  }

  @Test
  void randomMessagesGetWellFormedAnswersAndTheServerKeepsServing() throws Exception {
    long seed = Long.getLong("colony.fuzz.seed", System.nanoTime());
    var random = new Random(seed);
    var deadline =
        System.nanoTime() + Duration.ofSeconds(Long.getLong("colony.fuzz.seconds", 3)).toNanos();
    var session = initializedSession();
    int threadsBefore = Thread.activeCount();
    int sent = 0;
    var unexpected = new ArrayList<String>();
    while (System.nanoTime() < deadline) {
      var body = message(random);
      var request =
          HttpRequest.newBuilder(URI.create(fx.url()))
              .timeout(Duration.ofSeconds(10))
              .header("Content-Type", random.nextInt(10) == 0 ? "text/plain" : "application/json")
              .header(
                  "Accept",
                  random.nextInt(10) == 0 ? "text/html" : "application/json, text/event-stream")
              .POST(HttpRequest.BodyPublishers.ofString(body));
      if (random.nextInt(8) != 0) {
        request.header("Authorization", "Bearer " + (random.nextInt(10) == 0 ? "forged" : "alice"));
      }
      if (random.nextInt(4) != 0) {
        request.header("Mcp-Session-Id", random.nextInt(10) == 0 ? "no-such-session" : session);
      }
      var response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      sent++;
      if (!STATUSES.contains(response.statusCode())) {
        unexpected.add(response.statusCode() + " for " + abbreviate(body));
      }
    }

    assertThat(unexpected).as("seed %d, %d messages", seed, sent).isEmpty();
    try (var client = fx.client("alice")) {
      var result =
          client.callTool(
              new io.modelcontextprotocol.spec.McpSchema.CallToolRequest(
                  "get_order", java.util.Map.of("order_id", "7")));
      assertThat(result.isError()).as("seed %d", seed).isFalse();
    }
    assertThat(Thread.activeCount()).as("seed %d", seed).isLessThan(threadsBefore + 50);
    // A refund never runs without an approval, whatever the input.
    assertThat(fx.tools.count("refund_charge")).as("seed %d", seed).isZero();
    assertThat(fx.approvals.list(TENANT, null, 10_000).size())
        .as("seed %d", seed)
        .isLessThanOrEqualTo(sent);
  }

  private String initializedSession() throws Exception {
    var response =
        http.send(
            HttpRequest.newBuilder(URI.create(fx.url()))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .header("Authorization", "Bearer alice")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
                            + "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},"
                            + "\"clientInfo\":{\"name\":\"fuzz\",\"version\":\"1\"}}}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return response.headers().firstValue("Mcp-Session-Id").orElseThrow();
  }

  private static String message(Random random) {
    var out = new StringBuilder("{");
    if (random.nextInt(6) != 0) {
      out.append("\"jsonrpc\":").append(random.nextInt(8) == 0 ? "\"1.0\"" : "\"2.0\"").append(',');
    }
    if (random.nextInt(3) != 0) {
      out.append("\"id\":").append(pick(random, VALUES)).append(',');
    }
    out.append("\"method\":\"").append(pick(random, METHODS)).append('"');
    if (random.nextInt(4) != 0) {
      out.append(",\"params\":{");
      int fields = random.nextInt(4);
      var names =
          List.of("name", "arguments", "uri", "protocolVersion", "cursor", "_meta", "level");
      for (int i = 0; i < fields; i++) {
        if (i > 0) {
          out.append(',');
        }
        out.append('"').append(pick(random, names)).append("\":").append(pick(random, VALUES));
      }
      out.append('}');
    }
    out.append('}');
    var text = out.toString();
    return switch (random.nextInt(12)) {
      case 0 -> text.substring(0, random.nextInt(text.length()));
      case 1 -> "[" + text + "," + text + "]";
      case 2 -> new String(randomBytes(random), java.nio.charset.StandardCharsets.ISO_8859_1);
      default -> text;
    };
  }

  private static byte[] randomBytes(Random random) {
    var bytes = new byte[random.nextInt(200)];
    random.nextBytes(bytes);
    return bytes;
  }

  private static String pick(Random random, List<String> values) {
    return values.get(random.nextInt(values.size()));
  }

  private static String abbreviate(String body) {
    return body.length() > 200 ? body.substring(0, 200) + "…" : body;
  }
}
