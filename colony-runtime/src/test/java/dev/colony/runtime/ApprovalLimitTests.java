package dev.colony.runtime;

import static dev.colony.runtime.Fixture.TENANT;
import static dev.colony.runtime.Fixture.agent;
import static dev.colony.testing.ScriptedModelClient.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.colony.core.Envelope;
import dev.colony.core.Principal;
import dev.colony.core.RateLimited;
import dev.colony.core.approval.ApprovalStatus;
import dev.colony.core.run.RunEvent;
import dev.colony.core.run.RunStatus;
import dev.colony.testing.ScriptedModelClient;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Approval requests per requester and decisions per approver are rate-limited. */
class ApprovalLimitTests {
  final Fixture fx = new Fixture();
  final SampleTools tools = new SampleTools();

  private AgentRuntime runtime(int requests, int votes) {
    return fx.runtime()
        .tools(tools)
        .agent(agent("payments", "refund_charge"))
        .gate(
            g ->
                g.approvalRequestLimit(requests, Duration.ofHours(1))
                    .approvalVoteLimit(votes, Duration.ofHours(1)))
        .build();
  }

  private static Envelope by(String user) {
    return Envelope.of(TENANT, Principal.user(user), Set.of());
  }

  private static ScriptedModelClient.Builder refunds(int calls) {
    var script = ScriptedModelClient.builder();
    for (int i = 1; i <= calls; i++) {
      script.callTools(
          call("r" + i, "refund_charge", "{\"charge_id\":\"ch_" + i + "\",\"amount\":10}"));
    }
    return script;
  }

  @Test
  void aRequesterOverTheLimitIsDeniedWithoutAskingPeopleAgainAndOthersStillAsk() {
    fx.model(
        "payments",
        refunds(3)
            .answer("could not refund")
            .callTools(call("r4", "refund_charge", "{\"charge_id\":\"ch_4\",\"amount\":10}"))
            .build());
    var runtime = runtime(2, 60);

    var first = runtime.start("payments", by("rep-7"), "refund 1");
    var second = runtime.start("payments", by("rep-7"), "refund 2");
    var third = runtime.start("payments", by("rep-7"), "refund 3");

    assertThat(first.status()).isEqualTo(RunStatus.WAITING);
    assertThat(second.status()).isEqualTo(RunStatus.WAITING);
    assertThat(third.status()).isEqualTo(RunStatus.COMPLETED);
    var refused = fx.events.events(RunEvent.ToolFinished.class).getLast().result();
    assertThat(refused.error()).isTrue();
    assertThat(refused.content())
        .contains("approval requests from runs of user:rep-7 are over the limit of 2 per PT1H");
    assertThat(fx.approvals.list(TENANT, ApprovalStatus.PENDING, 10)).hasSize(2);
    assertThat(tools.count("refund_charge")).isZero();

    var other = runtime.start("payments", by("rep-9"), "refund 4");
    assertThat(other.status()).isEqualTo(RunStatus.WAITING);
    assertThat(fx.approvals.list(TENANT, ApprovalStatus.PENDING, 10)).hasSize(3);
  }

  @Test
  void anApproverOverTheLimitIsRefusedAndTheApprovalStaysPendingForOthers() {
    fx.model("payments", refunds(2).answer("refunded").answer("refunded").build());
    var runtime = runtime(60, 1);
    runtime.start("payments", by("rep-7"), "refund 1");
    runtime.start("payments", by("rep-7"), "refund 2");
    var pending = fx.approvals.list(TENANT, ApprovalStatus.PENDING, 10);

    runtime.approve(TENANT, pending.get(0).id(), "alice", "ok");

    assertThatThrownBy(() -> runtime.approve(TENANT, pending.get(1).id(), "alice", "ok"))
        .isInstanceOf(RateLimited.class)
        .hasMessageContaining("'alice' has decided 1 approvals in the last PT1H")
        .hasMessageContaining("stays PENDING");
    assertThat(fx.approvals.find(TENANT, pending.get(1).id()).orElseThrow().status())
        .isEqualTo(ApprovalStatus.PENDING);
    assertThat(fx.approvals.find(TENANT, pending.get(1).id()).orElseThrow().votes()).isEmpty();

    runtime.approve(TENANT, pending.get(1).id(), "bob", "ok");
    assertThat(fx.approvals.find(TENANT, pending.get(1).id()).orElseThrow().status())
        .isEqualTo(ApprovalStatus.APPROVED);
  }
}
