package dev.colony.runtime;

import static dev.colony.runtime.Fixture.ENVELOPE;
import static dev.colony.runtime.Fixture.agent;
import static dev.colony.testing.ScriptedModelClient.call;
import static org.assertj.core.api.Assertions.assertThat;

import dev.colony.core.TraceContext;
import dev.colony.core.telemetry.Telemetry;
import dev.colony.core.telemetry.TelemetrySpan;
import dev.colony.testing.ScriptedModelClient;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TelemetryTests {
  /** Spans as the runtime reports them: name, parent's span id, attributes. */
  record Recorded(String name, String id, String parentId, Map<String, Object> attributes) {}

  static final class RecordingTelemetry implements Telemetry {
    final List<Recorded> spans = new CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();

    @Override
    public TelemetrySpan start(String name, TelemetrySpan parent, Map<String, Object> attributes) {
      return startChildOf(name, parent == null ? null : parent.context(), attributes);
    }

    @Override
    public TelemetrySpan startChildOf(
        String name, TraceContext remoteParent, Map<String, Object> attributes) {
      var id = String.format("%016x", ids.incrementAndGet());
      var attrs = new ConcurrentHashMap<String, Object>(attributes);
      spans.add(new Recorded(name, id, remoteParent == null ? null : remoteParent.spanId(), attrs));
      var context = new TraceContext("0".repeat(32), id);
      return new TelemetrySpan() {
        @Override
        public void set(String key, Object value) {
          attrs.put(key, value);
        }

        @Override
        public void recordError(String type, String message) {
          attrs.put("error.type", type);
        }

        @Override
        public void end() {}

        @Override
        public TraceContext context() {
          return context;
        }
      };
    }

    Recorded named(String prefix) {
      return spans.stream().filter(s -> s.name().startsWith(prefix)).findFirst().orElseThrow();
    }
  }

  @Test
  void agentChatAndToolSpansNestWithTheGenAiKeys() {
    var telemetry = new RecordingTelemetry();
    var fx = new Fixture();
    fx.model(
        "orders",
        ScriptedModelClient.builder()
            .callTools(call("c1", "get_order", "{\"order_id\":\"1\"}"))
            .answer("done")
            .build());
    var runtime =
        fx.runtime()
            .tools(new SampleTools())
            .agent(agent("orders", "get_order"))
            .telemetry(telemetry)
            .build();

    var run = runtime.start("orders", ENVELOPE, "order 1");

    var agentSpan = telemetry.named("invoke_agent orders");
    var chat = telemetry.named("chat scripted");
    var tool = telemetry.named("execute_tool get_order");
    assertThat(chat.parentId()).isEqualTo(agentSpan.id());
    assertThat(tool.parentId()).isEqualTo(agentSpan.id());
    assertThat(agentSpan.attributes())
        .containsEntry("gen_ai.operation.name", "invoke_agent")
        .containsEntry("gen_ai.agent.name", "orders")
        .containsEntry("colony.run.id", run.id().value())
        .containsEntry("colony.tenant", "acme");
    assertThat(chat.attributes())
        .containsEntry("gen_ai.operation.name", "chat")
        .containsEntry("gen_ai.usage.input_tokens", 10L)
        .containsEntry("gen_ai.usage.output_tokens", 5L);
    assertThat(tool.attributes())
        .containsEntry("gen_ai.operation.name", "execute_tool")
        .containsEntry("gen_ai.tool.name", "get_order")
        .containsEntry("gen_ai.tool.call.id", "c1")
        .containsEntry("colony.gate.decision", "allow")
        .containsEntry("colony.run.id", run.id().value());
  }
}
