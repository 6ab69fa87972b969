package dev.colony.runtime;

import static dev.colony.runtime.Fixture.ENVELOPE;
import static dev.colony.runtime.Fixture.TENANT;
import static dev.colony.runtime.Fixture.agent;
import static dev.colony.testing.ScriptedModelClient.call;
import static org.assertj.core.api.Assertions.assertThat;

import dev.colony.core.Envelope;
import dev.colony.core.identity.HopSeal;
import dev.colony.core.identity.IdentityRejected;
import dev.colony.core.run.RunEvent;
import dev.colony.core.run.RunStatus;
import dev.colony.testing.ScriptedModelClient;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class HopSealTests {
  /** Seals by reference; refuses hops from revoked agents, as the real seal's open does. */
  static final class TestSeal implements HopSeal {
    final Set<String> revoked;
    final List<String> sealed = new CopyOnWriteArrayList<>();
    final List<Envelope> envelopes = new CopyOnWriteArrayList<>();

    TestSeal(Set<String> revoked) {
      this.revoked = revoked;
    }

    @Override
    public String seal(Envelope envelope, String audience, String skill, String bodyDigest) {
      envelopes.add(envelope);
      var token = envelope.actor().id() + ">" + audience + "#" + skill + "@" + bodyDigest;
      sealed.add(token);
      return String.valueOf(envelopes.size() - 1);
    }

    @Override
    public Envelope open(String token, String receiver, String bodyDigest) {
      var envelope = envelopes.get(Integer.parseInt(token));
      if (revoked.contains(envelope.actor().id())) {
        throw new IdentityRejected("revoked", "agent '" + envelope.actor().id() + "' is revoked");
      }
      return envelope;
    }
  }

  private ScriptedModelClient delegating() {
    return ScriptedModelClient.builder()
        .callTools(call("d1", "agent.orders", "{\"request\":\"what is in order 1?\"}"))
        .answer("done")
        .build();
  }

  @Test
  void everyDelegationIsSealedByTheCallerForTheCalleeWithTheBodyDigest() {
    var fx = new Fixture().model("support", delegating());
    fx.model("orders", ScriptedModelClient.builder().answer("lamp and scarf").build());
    var seal = new TestSeal(Set.of());
    var runtime =
        fx.runtime()
            .tools(new SampleTools())
            .agent(agent("support", "agent.orders"))
            .agent(agent("orders", "get_order"))
            .hopSeal(seal)
            .build();

    var run = runtime.start("support", ENVELOPE, "order 1");

    assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(seal.sealed)
        .singleElement()
        .satisfies(s -> assertThat(s).startsWith("support>orders#*@"));
    assertThat(runtime.runs(TENANT, null, 10))
        .anySatisfy(r -> assertThat(r.agent()).isEqualTo("orders"));
  }

  @Test
  void aHopFromARevokedAgentIsRefusedAndTheCalleeNeverRuns() {
    var fx = new Fixture().model("support", delegating());
    var runtime =
        fx.runtime()
            .tools(new SampleTools())
            .agent(agent("support", "agent.orders"))
            .agent(agent("orders", "get_order"))
            .hopSeal(new TestSeal(Set.of("support")))
            .build();

    var run = runtime.start("support", ENVELOPE, "order 1");

    assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(runtime.runs(TENANT, null, 10))
        .extracting(r -> r.agent())
        .containsExactly("support");
    assertThat(fx.events.events(RunEvent.ToolFinished.class).getFirst().result().content())
        .contains("the hop to agent 'orders' was refused: revoked: agent 'support' is revoked");
  }
}
