package dev.colony.store;

import static dev.colony.store.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.colony.core.Conflict;
import dev.colony.core.Envelope;
import dev.colony.core.InvalidInput;
import dev.colony.core.NotFound;
import dev.colony.core.RunId;
import dev.colony.core.model.Message;
import dev.colony.core.run.Checkpoint;
import dev.colony.core.run.RunRecord;
import dev.colony.core.run.RunStatus;
import dev.colony.core.store.RunStore;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link RunStore} must do; subclasses name the database. */
abstract class RunStoreContract extends StoreContract {
  private RunStore runs;

  RunStoreContract(Backend backend) {
    super(backend);
  }

  @BeforeEach
  void runStore() {
    runs = database.runStore();
  }

  private RunRecord created(String id) {
    var run = Fixtures.run(tenant, id);
    return runs.create(run, Fixtures.initial(run));
  }

  @Test
  void createStoresTheRunAtVersionZeroAndFindReturnsIt() {
    var run = Fixtures.run(tenant, "run-1");

    var stored = runs.create(run, Fixtures.initial(run));

    assertThat(stored).isEqualTo(run);
    assertThat(runs.find(tenant, run.id())).contains(run);
    assertThat(runs.require(tenant, run.id())).isEqualTo(run);
  }

  @Test
  void createStoresTheInitialCheckpoint() {
    var run = Fixtures.run(tenant, "run-1");

    runs.create(run, Fixtures.initial(run));

    assertThat(runs.latestCheckpoint(tenant, run.id())).contains(Fixtures.initial(run));
  }

  @Test
  void createOfAnExistingIdThrowsConflictAndKeepsTheFirstRun() {
    var first = created("run-1");
    var second = Fixtures.run(tenant, "run-1").withStatus(RunStatus.FAILED, null, "x", null, T0);

    assertThatThrownBy(() -> runs.create(second, Fixtures.initial(second)))
        .isInstanceOf(Conflict.class)
        .hasMessageContaining("run-1");
    assertThat(runs.find(tenant, first.id())).contains(first);
  }

  @Test
  void createRefusesACheckpointOfAnotherRunAndStoresNothing() {
    var run = Fixtures.run(tenant, "run-1");
    var stray = Fixtures.initial(Fixtures.run(tenant, "run-2"));

    assertThatThrownBy(() -> runs.create(run, stray))
        .isInstanceOf(InvalidInput.class)
        .hasMessageContaining("checkpoint.runId")
        .hasMessageContaining("run-2");
    assertThat(runs.find(tenant, run.id())).isEmpty();
  }

  @Test
  void createRefusesARunWhoseVersionIsNotZero() {
    var run = Fixtures.run(tenant, "run-1");
    var versioned =
        new RunRecord(
            run.id(),
            run.agent(),
            run.envelope(),
            null,
            null,
            run.status(),
            run.input(),
            null,
            null,
            null,
            T0,
            T0,
            3);

    assertThatThrownBy(() -> runs.create(versioned, Fixtures.initial(run)))
        .isInstanceOf(InvalidInput.class)
        .hasMessage("run.version: must be 0 for a new run, got 3");
  }

  @Test
  void findOfAnUnknownRunIsEmptyAndRequireThrowsNotFound() {
    assertThat(runs.find(tenant, RunId.of("run-missing"))).isEmpty();
    assertThatThrownBy(() -> runs.require(tenant, RunId.of("run-missing")))
        .isInstanceOf(NotFound.class)
        .hasMessage("run 'run-missing' not found");
  }

  @Test
  void updateStoresTheHeadAndAdvancesTheVersion() {
    var run = created("run-1");
    var done =
        run.withStatus(RunStatus.COMPLETED, "It ships today.", null, null, T0.plusSeconds(5));

    var updated = runs.update(done);

    assertThat(updated.version()).isEqualTo(1);
    assertThat(updated.output()).isEqualTo("It ships today.");
    assertThat(runs.find(tenant, run.id())).contains(updated);
  }

  @Test
  void updateBasedOnAStaleVersionThrowsConflictAndStoresNothing() {
    var run = created("run-1");
    var current = runs.update(run.withStatus(RunStatus.WAITING, null, null, "approval:a", T0));

    var stale = run.withStatus(RunStatus.FAILED, null, "late writer", null, T0);

    assertThatThrownBy(() -> runs.update(stale))
        .isInstanceOf(Conflict.class)
        .hasMessageContaining("version 1")
        .hasMessageContaining("version 0");
    assertThat(runs.find(tenant, run.id())).contains(current);
  }

  @Test
  void updateOfAnUnknownRunThrowsNotFound() {
    var ghost = Fixtures.run(tenant, "run-ghost");

    assertThatThrownBy(() -> runs.update(ghost)).isInstanceOf(NotFound.class);
  }

  @Test
  void concurrentUpdatesOfOneVersionHaveExactlyOneWinner() throws Exception {
    var run = created("run-1");

    var race =
        race(
            16,
            i -> () -> runs.update(run.withStatus(RunStatus.COMPLETED, "w" + i, null, null, T0)));

    assertThat(race.returned()).hasSize(1);
    assertThat(race.thrown()).hasSize(15).allMatch(Conflict.class::isInstance);
    assertThat(runs.find(tenant, run.id())).contains(race.returned().getFirst());
  }

  @Test
  void checkpointAppendsACheckpointAndAdvancesTheHead() {
    var run = created("run-1");
    var initial = Fixtures.initial(run);
    var next = initial.next(Fixtures.everyMessageKind(), Fixtures.counters(), T0.plusSeconds(1));

    var updated = runs.checkpoint(run.withStatus(RunStatus.RUNNING, null, null, null, T0), next);

    assertThat(updated.version()).isEqualTo(1);
    assertThat(runs.find(tenant, run.id())).contains(updated);
    assertThat(runs.latestCheckpoint(tenant, run.id())).contains(next);
  }

  @Test
  void checkpointBasedOnAStaleVersionStoresNeitherHeadNorCheckpoint() {
    var run = created("run-1");
    var current = runs.update(run);
    var next = Fixtures.initial(run).next(Fixtures.everyMessageKind(), Fixtures.counters(), T0);

    assertThatThrownBy(() -> runs.checkpoint(run, next)).isInstanceOf(Conflict.class);
    assertThat(runs.find(tenant, run.id())).contains(current);
    assertThat(runs.latestCheckpoint(tenant, run.id())).contains(Fixtures.initial(run));
  }

  @Test
  void checkpointThatSkipsASequenceThrowsConflictAndStoresNothing() {
    var run = created("run-1");
    var skipped = new Checkpoint(run.id(), 2, Fixtures.everyMessageKind(), Fixtures.counters(), T0);

    assertThatThrownBy(() -> runs.checkpoint(run, skipped))
        .isInstanceOf(Conflict.class)
        .hasMessageContaining("it must be 1");
    assertThat(runs.find(tenant, run.id())).contains(run);
    assertThat(runs.latestCheckpoint(tenant, run.id())).contains(Fixtures.initial(run));
  }

  @Test
  void latestCheckpointIsTheOneWithTheHighestSequence() {
    var run = created("run-1");
    var first = Fixtures.initial(run).next(List.of(), Fixtures.counters(), T0.plusSeconds(1));
    var second = first.next(Fixtures.everyMessageKind(), Fixtures.counters(), T0.plusSeconds(2));
    var head = runs.checkpoint(run, first);
    runs.checkpoint(head, second);

    assertThat(runs.latestCheckpoint(tenant, run.id())).contains(second);
  }

  @Test
  void everyMessageKindRoundTripsThroughACheckpoint() {
    var run = created("run-1");
    var next = Fixtures.initial(run).next(Fixtures.everyMessageKind(), Fixtures.counters(), T0);

    runs.checkpoint(run, next);

    var stored = runs.latestCheckpoint(tenant, run.id()).orElseThrow();
    assertThat(stored.messages()).isEqualTo(Fixtures.everyMessageKind());
    assertThat(stored.counters()).isEqualTo(Fixtures.counters());
    assertThat(stored.openCalls()).isEmpty();
  }

  @Test
  void latestCheckpointOfAnUnknownRunIsEmpty() {
    assertThat(runs.latestCheckpoint(tenant, RunId.of("run-missing"))).isEmpty();
  }

  @Test
  void findChildFindsTheRunStartedByAParentsCall() {
    var parent = created("run-parent");
    var child = Fixtures.child(tenant, "run-child", parent.id(), "call_7", T0);
    var other = Fixtures.child(tenant, "run-other", parent.id(), "call_8", T0);
    runs.create(child, Fixtures.initial(child));
    runs.create(other, Fixtures.initial(other));

    assertThat(runs.findChild(tenant, parent.id(), "call_7")).contains(child);
    assertThat(runs.findChild(tenant, parent.id(), "call_9")).isEmpty();
  }

  @Test
  void findChildReturnsTheNewestWhenACallStartedSeveral() {
    var parent = created("run-parent");
    var older = Fixtures.child(tenant, "run-a", parent.id(), "call_1", T0);
    var newer = Fixtures.child(tenant, "run-b", parent.id(), "call_1", T0.plusSeconds(1));
    runs.create(older, Fixtures.initial(older));
    runs.create(newer, Fixtures.initial(newer));

    assertThat(runs.findChild(tenant, parent.id(), "call_1")).contains(newer);
  }

  @Test
  void listReturnsTheNewestRunsFirstUpToTheLimit() {
    for (int i = 0; i < 5; i++) {
      var run = Fixtures.run(tenant, "run-" + i, T0.plusSeconds(i));
      runs.create(run, Fixtures.initial(run));
    }

    assertThat(runs.list(tenant, null, 3))
        .extracting(r -> r.id().value())
        .containsExactly("run-4", "run-3", "run-2");
  }

  @Test
  void listFiltersByStatus() {
    var waiting = created("run-waiting");
    created("run-running");
    var updated = runs.update(waiting.withStatus(RunStatus.WAITING, null, null, "approval:a", T0));

    assertThat(runs.list(tenant, RunStatus.WAITING, 10)).containsExactly(updated);
    assertThat(runs.list(tenant, RunStatus.COMPLETED, 10)).isEmpty();
    assertThat(runs.list(tenant, null, 10)).hasSize(2);
  }

  @Test
  void listRefusesALimitBelowOne() {
    assertThatThrownBy(() -> runs.list(tenant, null, 0))
        .isInstanceOf(InvalidInput.class)
        .hasMessage("limit: must be at least 1, got 0");
  }

  @Test
  void anotherTenantCannotSeeARun() {
    var parent = created("run-1");
    var child = Fixtures.child(tenant, "run-2", parent.id(), "call_1", T0);
    runs.create(child, Fixtures.initial(child));

    assertThat(runs.find(otherTenant, parent.id())).isEmpty();
    assertThatThrownBy(() -> runs.require(otherTenant, parent.id())).isInstanceOf(NotFound.class);
    assertThat(runs.latestCheckpoint(otherTenant, parent.id())).isEmpty();
    assertThat(runs.findChild(otherTenant, parent.id(), "call_1")).isEmpty();
    assertThat(runs.list(otherTenant, null, 10)).isEmpty();
  }

  @Test
  void anotherTenantCannotUpdateOrCheckpointARun() {
    var run = created("run-1");
    var foreign = Fixtures.run(otherTenant, "run-1");

    assertThatThrownBy(() -> runs.update(foreign)).isInstanceOf(NotFound.class);
    assertThatThrownBy(
            () ->
                runs.checkpoint(
                    foreign, Fixtures.initial(run).next(List.of(), Fixtures.counters(), T0)))
        .isInstanceOf(NotFound.class);
    assertThat(runs.find(tenant, run.id())).contains(run);
    assertThat(runs.latestCheckpoint(tenant, run.id())).contains(Fixtures.initial(run));
  }

  @Test
  void theSameRunIdInTwoTenantsNamesTwoRuns() {
    var mine = created("run-1");
    var theirs = Fixtures.run(otherTenant, "run-1");

    runs.create(theirs, Fixtures.initial(theirs));

    assertThat(runs.find(tenant, mine.id())).contains(mine);
    assertThat(runs.find(otherTenant, theirs.id())).contains(theirs);
  }

  @Test
  void instantsAreStoredToTheMicrosecond() {
    var nanos = Instant.parse("2025-03-04T05:06:07.123456789Z");
    var run = Fixtures.run(tenant, "run-1", nanos);

    var stored = runs.create(run, Fixtures.initial(run));

    assertThat(stored.createdAt()).isEqualTo(Instant.parse("2025-03-04T05:06:07.123456Z"));
    assertThat(runs.find(tenant, run.id())).contains(stored);
  }

  @Test
  void textWithANulCharacterIsRefusedOnEveryDatabase() {
    var run = Fixtures.run(tenant, "run-1");
    var hostile = run.withStatus(RunStatus.COMPLETED, "ok\u0000drop", null, null, T0);

    assertThatThrownBy(() -> runs.create(hostile, Fixtures.initial(run)))
        .isInstanceOf(InvalidInput.class)
        .hasMessageContaining("run.output")
        .hasMessageContaining("U+0000");
    assertThat(runs.find(tenant, run.id())).isEmpty();
  }

  @Test
  void aConversationWithAnUnpairedSurrogateIsRefused() {
    var run = created("run-1");
    var next =
        Fixtures.initial(run)
            .next(List.of(new Message.User("half \uD83D")), Fixtures.counters(), T0);

    assertThatThrownBy(() -> runs.checkpoint(run, next))
        .isInstanceOf(InvalidInput.class)
        .hasMessageContaining("checkpoint.messages")
        .hasMessageContaining("U+D83D");
    assertThat(runs.latestCheckpoint(tenant, run.id())).contains(Fixtures.initial(run));
  }

  @Test
  void aRunWithoutTraceOrDeadlineRoundTrips() {
    var base = Fixtures.run(tenant, "run-1");
    var bare = new Envelope(tenant, base.envelope().chain(), Set.of(), null, null);
    var run =
        new RunRecord(
            base.id(),
            base.agent(),
            bare,
            null,
            null,
            RunStatus.RUNNING,
            "",
            null,
            null,
            null,
            T0,
            T0,
            0);

    runs.create(run, Fixtures.initial(run));

    assertThat(runs.find(tenant, run.id())).contains(run);
  }
}
