package dev.colony.mcp.gateway;

import static dev.colony.mcp.gateway.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.colony.core.Envelope;
import dev.colony.core.Principal;
import dev.colony.core.RunId;
import dev.colony.core.TenantId;
import dev.colony.core.agent.Budget;
import dev.colony.core.gate.GateOutcome;
import dev.colony.core.gate.GateRequest;
import dev.colony.core.telemetry.Telemetry;
import dev.colony.core.tool.ToolCall;
import dev.colony.core.tool.ToolHandler;
import dev.colony.runtime.gate.Gate;
import dev.colony.runtime.gate.GateConfig;
import dev.colony.testing.InMemoryApprovalStore;
import dev.colony.testing.InMemoryEffectStore;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Gateway tools behind the runtime's standard Gate: schema, tiers and approvals apply to them. */
class OpenApiToolsGateTests {
  private final FakeApi api = new FakeApi();
  private final OpenApiTools tools =
      OpenApiTools.builder(Fixtures.path(Fixtures.YAML_30)).baseUrl(api.url("/api")).build();
  private final Gate gate =
      Gate.standard(
          new GateConfig(),
          tools.tools().stream()
              .collect(Collectors.toMap(tool -> tool.spec().name(), Function.identity())),
          new InMemoryApprovalStore(),
          new InMemoryEffectStore(),
          Telemetry.none(),
          Clock.systemUTC(),
          UUID::randomUUID);

  @AfterEach
  void stopApi() {
    api.close();
  }

  private GateOutcome pass(String tool, String arguments) {
    ToolHandler handler = tools.tool(tool);
    return gate.pass(
        new GateRequest(
            Envelope.of(TenantId.DEFAULT, Principal.user("ana"), Set.of()),
            RunId.of("run-1"),
            "support",
            new ToolCall("call-1", tool, arguments),
            handler.spec(),
            "run-1:call-1",
            new GateRequest.Budgeting(Budget.DEFAULT, 0, Instant.now())));
  }

  @Test
  void aReadToolRunsThroughTheGateAndReachesTheApi() {
    api.json("GET /api/orders/42", 200, "{\"id\": \"42\"}");

    var outcome = pass("getOrder", "{\"orderId\": \"42\"}");

    assertThat(outcome).isInstanceOf(GateOutcome.Executed.class);
    var result = ((GateOutcome.Executed) outcome).result();
    assertThat(json(result.content())).isEqualTo(json("{\"id\": \"42\"}"));
    assertThat(api.received()).isEqualTo(1);
  }

  @Test
  void argumentsThatBreakTheInputSchemaNeverReachTheApi() {
    var outcome = pass("listOrders", "{\"limit\": 0, \"status\": \"lost\"}");

    assertThat(outcome).isInstanceOf(GateOutcome.Rejected.class);
    assertThat(((GateOutcome.Rejected) outcome).stage()).isEqualTo("schema");
    assertThat(api.received()).isZero();
  }

  @Test
  void aWriteWaitsForApprovalBeforeTheApiIsCalled() {
    var outcome =
        pass("createOrder", "{\"body\": {\"items\": [{\"sku\": \"A\", \"quantity\": 1}]}}");

    assertThat(outcome).isInstanceOf(GateOutcome.AwaitingApproval.class);
    assertThat(api.received()).isZero();
  }

  @Test
  void theCriticalDeleteIsDeniedWithoutAPolicyThatPermitsIt() {
    var outcome = pass("deleteOrder", "{\"orderId\": \"42\"}");

    assertThat(outcome).isInstanceOf(GateOutcome.Rejected.class);
    assertThat(api.received()).isZero();
  }

  @Test
  void anUpstreamFailureReachesTheModelAsAFailedResult() {
    api.json("GET /api/orders/42", 503, "{\"error\": \"maintenance\"}");

    var outcome = pass("getOrder", "{\"orderId\": \"42\"}");

    var result = ((GateOutcome.Executed) outcome).result();
    assertThat(result.error()).isTrue();
    assertThat(result.content()).contains("GET /api/orders/42 returned HTTP 503");
  }
}
