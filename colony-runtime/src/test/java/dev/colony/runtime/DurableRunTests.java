package dev.colony.runtime;

import static dev.colony.runtime.Fixture.ENVELOPE;
import static dev.colony.runtime.Fixture.TENANT;
import static dev.colony.runtime.Fixture.agent;
import static dev.colony.testing.ScriptedModelClient.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.colony.core.Conflict;
import dev.colony.core.NotFound;
import dev.colony.core.TenantId;
import dev.colony.core.approval.ApprovalStatus;
import dev.colony.core.run.Checkpoint;
import dev.colony.core.run.RunEvent;
import dev.colony.core.run.RunRecord;
import dev.colony.core.run.RunStatus;
import dev.colony.core.store.RunStore;
import dev.colony.testing.ScriptedModelClient;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class DurableRunTests {
  final Fixture fx = new Fixture();
  final SampleTools tools = new SampleTools();

  private ScriptedModelClient refundScript() {
    return ScriptedModelClient.builder()
        .callTools(call("r1", "refund_charge", "{\"charge_id\":\"ch_2\",\"amount\":49.5}"))
        .turn(
            request -> {
              var last = request.messages().getLast().toString();
              var text = last.contains("\"error\"") ? "Refund was not made." : "Refunded ch_2.";
              return new dev.colony.core.model.ModelResponse(
                  dev.colony.core.model.Message.Assistant.text(text),
                  dev.colony.core.model.Usage.ZERO,
                  "scripted");
            })
        .build();
  }

  private AgentRuntime newRuntime() {
    return fx.runtime().tools(tools).agent(agent("payments", "refund_charge")).build();
  }

  @Test
  void aWriteHighCallSuspendsTheRunWithAPendingApprovalAndNothingRuns() {
    fx.model("payments", refundScript());

    var run = newRuntime().start("payments", ENVELOPE, "refund the duplicate");

    assertThat(run.status()).isEqualTo(RunStatus.WAITING);
    assertThat(run.waitingOn()).startsWith("approval:");
    assertThat(tools.count("refund_charge")).isZero();
    var pending = fx.approvals.list(TENANT, ApprovalStatus.PENDING, 10);
    assertThat(pending)
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.tool()).isEqualTo("refund_charge");
              assertThat(a.arguments()).isEqualTo("{\"amount\":49.5,\"charge_id\":\"ch_2\"}");
              assertThat(a.requestedBy().id()).isEqualTo("rep-7");
            });
  }

  @Test
  void aPendingApprovalSurvivesARestartAndTheRunResumesWhenApproved() {
    fx.model("payments", refundScript());
    var waiting = newRuntime().start("payments", ENVELOPE, "refund the duplicate");
    var approval = fx.approvals.list(TENANT, ApprovalStatus.PENDING, 10).getFirst();

    // A new runtime on the same stores stands for a new process.
    var restarted = newRuntime();
    restarted.approve(TENANT, approval.id(), "alice", "duplicate confirmed");

    var run = restarted.run(TENANT, waiting.id()).orElseThrow();
    assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(run.output()).isEqualTo("Refunded ch_2.");
    assertThat(tools.count("refund_charge")).isEqualTo(1);
    assertThat(fx.events.events(RunEvent.GateDecided.class).getLast().decision().reason())
        .contains("approved by alice");
  }

  @Test
  void aDeniedApprovalIsReportedToTheModelAndTheToolNeverRuns() {
    fx.model("payments", refundScript());
    var runtime = newRuntime();
    var waiting = runtime.start("payments", ENVELOPE, "refund");
    var approval = fx.approvals.list(TENANT, ApprovalStatus.PENDING, 10).getFirst();

    runtime.deny(TENANT, approval.id(), "bob", "not a duplicate");

    var run = runtime.run(TENANT, waiting.id()).orElseThrow();
    assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(run.output()).isEqualTo("Refund was not made.");
    assertThat(tools.count("refund_charge")).isZero();
    assertThat(fx.events.events(RunEvent.ToolFinished.class).getLast().result().content())
        .contains("was denied by bob: not a duplicate");
  }

  @Test
  void anApprovalCanBeDecidedOnlyOnceAndNotFromAnotherTenant() {
    fx.model("payments", refundScript());
    var runtime = newRuntime();
    runtime.start("payments", ENVELOPE, "refund");
    var approval = fx.approvals.list(TENANT, ApprovalStatus.PENDING, 10).getFirst();

    assertThatThrownBy(() -> runtime.approve(TenantId.of("other"), approval.id(), "eve", null))
        .isInstanceOf(NotFound.class);
    runtime.approve(TENANT, approval.id(), "alice", null);
    assertThatThrownBy(() -> runtime.deny(TENANT, approval.id(), "bob", null))
        .isInstanceOf(Conflict.class);
    assertThat(tools.count("refund_charge")).isEqualTo(1);
  }

  @Test
  void anEffectIsNotRepeatedWhenTheProcessDiedBeforeItsCheckpoint() {
    fx.model("payments", refundScript());
    var crashing = new CrashAfterEffect(fx.runs);
    var first =
        AgentRuntime.builder()
            .stores(crashing, fx.approvals, fx.effects)
            .models(a -> fx.models.get(a.name()))
            .tools(tools)
            .agent(agent("payments", "refund_charge"))
            .build();
    var waiting = first.start("payments", ENVELOPE, "refund");
    var approval = fx.approvals.list(TENANT, ApprovalStatus.PENDING, 10).getFirst();
    crashing.armed.set(true);

    assertThatThrownBy(() -> first.approve(TENANT, approval.id(), "alice", null))
        .isInstanceOf(Crash.class);
    assertThat(tools.count("refund_charge")).isEqualTo(1);
    assertThat(fx.runs.find(TENANT, waiting.id()).orElseThrow().status())
        .isEqualTo(RunStatus.RUNNING);

    var recovered = newRuntime().resume(TENANT, waiting.id());

    assertThat(recovered.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(tools.count("refund_charge")).isEqualTo(1);
    assertThat(fx.events.events(RunEvent.ToolFinished.class).getLast().replayed()).isTrue();
  }

  @Test
  void cancellingAWaitingRunEndsItAndALaterApprovalDoesNothing() {
    fx.model("payments", refundScript());
    var runtime = newRuntime();
    var waiting = runtime.start("payments", ENVELOPE, "refund");
    var approval = fx.approvals.list(TENANT, ApprovalStatus.PENDING, 10).getFirst();

    var cancelled = runtime.cancel(TENANT, waiting.id(), "customer withdrew");
    runtime.approve(TENANT, approval.id(), "alice", null);

    assertThat(cancelled.status()).isEqualTo(RunStatus.CANCELLED);
    assertThat(cancelled.error()).isEqualTo("customer withdrew");
    assertThat(runtime.run(TENANT, waiting.id()).orElseThrow().status())
        .isEqualTo(RunStatus.CANCELLED);
    assertThat(tools.count("refund_charge")).isZero();
  }

  @Test
  void resumingAnotherTenantsRunIsRefused() {
    fx.model("payments", refundScript());
    var runtime = newRuntime();
    var waiting = runtime.start("payments", ENVELOPE, "refund");

    assertThatThrownBy(() -> runtime.resume(TenantId.of("other"), waiting.id()))
        .isInstanceOf(NotFound.class)
        .hasMessageContaining(waiting.id().value());
  }

  /** Thrown by the crashing store to stand for the process dying. */
  static final class Crash extends Error {
    private static final long serialVersionUID = 1L;

    Crash() {
      super("process killed");
    }
  }

  /**
   * A run store that "kills the process" at the first checkpoint after a tool batch, once armed.
   */
  static final class CrashAfterEffect implements RunStore {
    final AtomicBoolean armed = new AtomicBoolean();
    private final RunStore delegate;

    CrashAfterEffect(RunStore delegate) {
      this.delegate = delegate;
    }

    @Override
    public RunRecord create(RunRecord run, Checkpoint initial) {
      return delegate.create(run, initial);
    }

    @Override
    public java.util.Optional<RunRecord> find(TenantId tenant, dev.colony.core.RunId id) {
      return delegate.find(tenant, id);
    }

    @Override
    public RunRecord update(RunRecord run) {
      return delegate.update(run);
    }

    @Override
    public RunRecord checkpoint(RunRecord run, Checkpoint checkpoint) {
      if (armed.getAndSet(false)) {
        throw new Crash();
      }
      return delegate.checkpoint(run, checkpoint);
    }

    @Override
    public java.util.Optional<Checkpoint> latestCheckpoint(
        TenantId tenant, dev.colony.core.RunId id) {
      return delegate.latestCheckpoint(tenant, id);
    }

    @Override
    public java.util.Optional<RunRecord> findChild(
        TenantId tenant, dev.colony.core.RunId parent, String parentCallId) {
      return delegate.findChild(tenant, parent, parentCallId);
    }

    @Override
    public java.util.List<RunRecord> list(TenantId tenant, RunStatus status, int limit) {
      return delegate.list(tenant, status, limit);
    }
  }
}
