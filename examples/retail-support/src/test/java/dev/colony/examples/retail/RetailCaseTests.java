package dev.colony.examples.retail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.colony.core.Envelope;
import dev.colony.core.Principal;
import dev.colony.core.TenantId;
import dev.colony.core.approval.ApprovalStatus;
import dev.colony.core.run.RunEvent;
import dev.colony.core.run.RunStatus;
import dev.colony.planner.OfflinePlanner;
import dev.colony.runtime.AgentRuntime;
import dev.colony.runtime.ModelResolver;
import dev.colony.testing.InMemoryApprovalStore;
import dev.colony.testing.InMemoryEffectStore;
import dev.colony.testing.InMemoryRunStore;
import dev.colony.testing.RecordingListener;
import java.time.Clock;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RetailCaseTests {
  static final TenantId TENANT = TenantId.of("shop");
  static final OfflinePlanner PLANNER = RetailAgents.plans(OfflinePlanner.builder()).build();
  static JdbcDataSource data;

  final RecordingListener events = new RecordingListener();
  final InMemoryApprovalStore approvals = new InMemoryApprovalStore();
  AgentRuntime runtime;

  @BeforeAll
  static void database() {
    data = new JdbcDataSource();
    data.setURL("jdbc:h2:mem:retail-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    RetailSupport.prepare(data, TENANT);
  }

  private AgentRuntime runtime() {
    return RetailSupport.install(AgentRuntime.builder(), data, Clock.systemUTC())
        .stores(new InMemoryRunStore(), approvals, new InMemoryEffectStore())
        .models(ModelResolver.always(PLANNER))
        .gate(g -> g.policy(RetailSupport.policy()))
        .listener(events)
        .build();
  }

  @Test
  void theCaseWaitsForTheRefundApprovalThenIsResolved() {
    runtime = runtime();
    var envelope = Envelope.of(TENANT, Principal.user("rep-7"), RetailAgents.scopes());

    var waiting = runtime.start(RetailAgents.SUPPORT, envelope, RetailSupport.CASE_REQUEST);

    assertThat(waiting.status()).isEqualTo(RunStatus.WAITING);
    var pending = approvals.list(TENANT, ApprovalStatus.PENDING, 10);
    assertThat(pending)
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.tool()).isEqualTo("refund_charge");
              assertThat(a.arguments()).contains("\"charge_id\":\"CH-7782\"").contains("64");
            });

    runtime.approve(TENANT, pending.getFirst().id(), "alice", "duplicate confirmed");

    var done = runtime.run(TENANT, waiting.id()).orElseThrow();
    assertThat(done.status()).isEqualTo(RunStatus.COMPLETED);
    var outcome = RetailSupport.outcome(runtime, data, TENANT, done);
    assertThat(outcome.status()).isEqualTo("RESOLVED");
    assertThat(outcome.refunds()).isEqualTo(1);
    assertThat(outcome.reshipments()).isEqualTo(1);
    assertThat(outcome.approvals()).isEqualTo(1);
    assertThat(done.output())
        .contains("Refunded CH-7782")
        .contains("Reserved 1 of SCARF-02 at warehouse berlin")
        .contains("Reshipped SCARF-02 from berlin by NEXT_DAY");
    assertThat(events.events(RunEvent.ModelTurn.class))
        .allSatisfy(t -> assertThat(t.model()).isEqualTo(OfflinePlanner.MODEL_LABEL));
  }
}
