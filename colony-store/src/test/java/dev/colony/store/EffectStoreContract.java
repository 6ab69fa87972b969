package dev.colony.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.colony.core.Conflict;
import dev.colony.core.InvalidInput;
import dev.colony.core.NotFound;
import dev.colony.core.store.EffectStore;
import dev.colony.core.tool.ToolResult;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link EffectStore} must do; subclasses name the database. */
abstract class EffectStoreContract extends StoreContract {
  private static final String KEY = "run-1/call_1";
  private static final String DIGEST = "a".repeat(64);

  private EffectStore effects;

  EffectStoreContract(Backend backend) {
    super(backend);
  }

  @BeforeEach
  void effectStore() {
    effects = database.effectStore();
  }

  @Test
  void beginStoresANewRecordAndReturnsIt() {
    var started = Fixtures.effect(KEY, "run-1", DIGEST);

    var stored = effects.begin(tenant, started);

    assertThat(stored).isEqualTo(started);
    assertThat(stored.finished()).isFalse();
    assertThat(effects.find(tenant, KEY)).contains(started);
  }

  @Test
  void beginOfAKnownKeyReturnsTheRecordThatWasThere() {
    var first = effects.begin(tenant, Fixtures.effect(KEY, "run-1", DIGEST));

    var second = effects.begin(tenant, Fixtures.effect(KEY, "run-2", "b".repeat(64)));

    assertThat(second).isEqualTo(first);
  }

  @Test
  void beginOfAFinishedKeyReturnsItsResult() {
    effects.begin(tenant, Fixtures.effect(KEY, "run-1", DIGEST));
    effects.finish(tenant, KEY, Fixtures.refunded("call_1"));

    var replayed = effects.begin(tenant, Fixtures.effect(KEY, "run-1", DIGEST));

    assertThat(replayed.result()).isEqualTo(Fixtures.refunded("call_1"));
  }

  @Test
  void concurrentBeginsForOneKeyHaveExactlyOneWinner() throws Exception {
    var mine =
        IntStream.range(0, 16).mapToObj(i -> Fixtures.effect(KEY, "run-" + i, DIGEST)).toList();

    var race = race(mine.size(), i -> () -> effects.begin(tenant, mine.get(i)));

    assertThat(race.thrown()).isEmpty();
    var stored = effects.find(tenant, KEY).orElseThrow();
    assertThat(race.returned()).containsOnly(stored);
    assertThat(mine).containsOnlyOnce(stored);
  }

  @Test
  void finishThenFindReturnsTheResult() {
    effects.begin(tenant, Fixtures.effect(KEY, "run-1", DIGEST));

    effects.finish(tenant, KEY, Fixtures.refunded("call_1"));

    var found = effects.find(tenant, KEY).orElseThrow();
    assertThat(found.finished()).isTrue();
    assertThat(found.result()).isEqualTo(Fixtures.refunded("call_1"));
  }

  @Test
  void finishingAgainWithTheSameResultIsHarmless() {
    effects.begin(tenant, Fixtures.effect(KEY, "run-1", DIGEST));
    effects.finish(tenant, KEY, Fixtures.refunded("call_1"));

    effects.finish(tenant, KEY, Fixtures.refunded("call_1"));

    assertThat(effects.find(tenant, KEY).orElseThrow().result())
        .isEqualTo(Fixtures.refunded("call_1"));
  }

  @Test
  void finishingAgainWithADifferentResultThrowsConflictAndKeepsTheFirst() {
    effects.begin(tenant, Fixtures.effect(KEY, "run-1", DIGEST));
    effects.finish(tenant, KEY, Fixtures.refunded("call_1"));
    var other = new ToolResult("call_1", "refunds.create", "{\"error\":\"declined\"}", true);

    assertThatThrownBy(() -> effects.finish(tenant, KEY, other))
        .isInstanceOf(Conflict.class)
        .hasMessageContaining(KEY);
    assertThat(effects.find(tenant, KEY).orElseThrow().result())
        .isEqualTo(Fixtures.refunded("call_1"));
  }

  @Test
  void finishOfAnUnknownKeyThrowsNotFound() {
    assertThatThrownBy(() -> effects.finish(tenant, "run-9/call_9", Fixtures.refunded("call_9")))
        .isInstanceOf(NotFound.class)
        .hasMessage("effect 'run-9/call_9' not found");
  }

  @Test
  void anotherTenantCannotSeeOrFinishAnEffect() {
    effects.begin(tenant, Fixtures.effect(KEY, "run-1", DIGEST));

    assertThat(effects.find(otherTenant, KEY)).isEmpty();
    assertThatThrownBy(() -> effects.finish(otherTenant, KEY, Fixtures.refunded("call_1")))
        .isInstanceOf(NotFound.class);
    assertThat(effects.find(tenant, KEY).orElseThrow().finished()).isFalse();
  }

  @Test
  void theSameKeyInAnotherTenantBeginsItsOwnEffect() {
    var mine = effects.begin(tenant, Fixtures.effect(KEY, "run-1", DIGEST));
    var theirs = Fixtures.effect(KEY, "run-other", "c".repeat(64));

    assertThat(effects.begin(otherTenant, theirs)).isEqualTo(theirs);
    assertThat(effects.find(tenant, KEY)).contains(mine);
  }

  @Test
  void beginRefusesAKeyLongerThan512Characters() {
    var oversized = Fixtures.effect("k".repeat(513), "run-1", DIGEST);

    assertThatThrownBy(() -> effects.begin(tenant, oversized))
        .isInstanceOf(InvalidInput.class)
        .hasMessage("effect.key: must be at most 512 characters, got 513");
  }
}
