package dev.colony.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.colony.core.Envelope;
import dev.colony.core.Principal;
import dev.colony.core.TenantId;
import dev.colony.core.agent.AgentSpec;
import dev.colony.core.approval.ApprovalStatus;
import dev.colony.core.run.RunStatus;
import dev.colony.core.tool.Param;
import dev.colony.core.tool.RiskTier;
import dev.colony.core.tool.Tool;
import dev.colony.core.tool.ToolContext;
import dev.colony.testing.InMemoryApprovalStore;
import dev.colony.testing.InMemoryEffectStore;
import dev.colony.testing.InMemoryRunStore;
import dev.colony.testing.ScriptedModelClient;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The code of docs/agents-and-tools.md, run as written. Keep the two in step. */
class GuideExampleTests {
  // --- docs/agents-and-tools.md: "Tools are annotated methods" ---
  public record Ticket(String id, String status) {}

  public static final class Helpdesk {
    @Tool(name = "get_ticket", description = "Look up a support ticket")
    public Ticket getTicket(@Param(name = "ticket_id", pattern = "^T-[0-9]+$") String id) {
      return new Ticket(id, "OPEN");
    }

    @Tool(name = "close_ticket", description = "Close a ticket", tier = RiskTier.WRITE_HIGH)
    public Ticket closeTicket(@Param(name = "ticket_id") String id, ToolContext context) {
      // context.idempotencyKey() is the same every time this call is retried or resumed
      return new Ticket(id, "CLOSED");
    }
  }

  @Test
  void theGuidesAgentRunsPausesForApprovalAndFinishes() {
    // --- docs/agents-and-tools.md: "An agent and a runtime" ---
    var model =
        ScriptedModelClient.builder()
            .callTools(ScriptedModelClient.call("c1", "get_ticket", "{\"ticket_id\":\"T-42\"}"))
            .callTools(ScriptedModelClient.call("c2", "close_ticket", "{\"ticket_id\":\"T-42\"}"))
            .answer("Ticket T-42 is closed.")
            .build();
    var approvals = new InMemoryApprovalStore();
    var runtime =
        AgentRuntime.builder()
            .stores(new InMemoryRunStore(), approvals, new InMemoryEffectStore())
            .models(ModelResolver.always(model))
            .tools(new Helpdesk())
            .agent(
                AgentSpec.builder("helpdesk")
                    .description("Answers and closes support tickets")
                    .tools("get_ticket", "close_ticket")
                    .build())
            .build();
    var tenant = TenantId.of("acme");
    var envelope = Envelope.of(tenant, Principal.user("rep-7"), Set.of());

    var run = runtime.start("helpdesk", envelope, "Close ticket T-42 if it is open");
    // run.status() is WAITING: close_ticket is WRITE_HIGH
    var approval = runtime.approvals(tenant, ApprovalStatus.PENDING).getFirst();
    runtime.approve(tenant, approval.id(), "alice", "checked with the customer");
    var done = runtime.run(tenant, run.id()).orElseThrow();
    // done.status() is COMPLETED, done.output() is "Ticket T-42 is closed."

    assertThat(run.status()).isEqualTo(RunStatus.WAITING);
    assertThat(done.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(done.output()).isEqualTo("Ticket T-42 is closed.");
  }
}
