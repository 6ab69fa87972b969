package dev.colony.mcp.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.colony.core.tool.RiskTier;
import dev.colony.core.tool.ToolHandler;
import org.junit.jupiter.api.Test;

/** The gateway example of docs/mcp.md, as written there, against a loopback API. */
class GuideExampleTests {
  @Test
  void theDocumentedGatewayExampleMakesToolsThatCallTheApiWithTheToken() {
    try (var api = new FakeApi()) {
      api.json("GET /api/orders/1001", 200, "{\"id\": \"1001\", \"status\": \"open\"}");
      var vault = new Vault();

      // docs/mcp.md, "The gateway": the same calls, on the test's document and API.
      var inventory =
          OpenApiTools.builder(Fixtures.path(Fixtures.YAML_30))
              .baseUrl(api.url("/api").toString())
              .bearerToken(vault::inventoryToken)
              .build();
      var tools = inventory.tools();

      assertThat(tools)
          .extracting(t -> t.spec().name())
          .contains("listOrders", "createOrder", "getOrder", "deleteOrder");
      var get = tools.stream().filter(t -> t.spec().name().equals("getOrder")).findFirst().get();
      assertThat(get.spec().tier()).isEqualTo(RiskTier.READ);
      assertThat(tierOf(tools, "deleteOrder")).isEqualTo(RiskTier.CRITICAL);
      assertThat(tierOf(tools, "createOrder")).isEqualTo(RiskTier.WRITE_HIGH);
      var result = Fixtures.call(get, "{\"orderId\": \"1001\"}");
      assertThat(result.error()).isFalse();
      assertThat(result.content()).contains("\"status\"");
      assertThat(api.next().header("Authorization")).isEqualTo("Bearer inventory-token");
    }
  }

  private static RiskTier tierOf(java.util.List<ToolHandler> tools, String name) {
    return tools.stream()
        .filter(t -> t.spec().name().equals(name))
        .findFirst()
        .orElseThrow()
        .spec()
        .tier();
  }

  /** Where the docs' example takes its token from. */
  static final class Vault {
    String inventoryToken() {
      return "inventory-token";
    }
  }
}
