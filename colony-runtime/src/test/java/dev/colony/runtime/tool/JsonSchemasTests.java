package dev.colony.runtime.tool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.colony.core.Envelope;
import dev.colony.core.Principal;
import dev.colony.core.RunId;
import dev.colony.core.TenantId;
import dev.colony.core.tool.Param;
import dev.colony.core.tool.RiskTier;
import dev.colony.core.tool.Tool;
import dev.colony.core.tool.ToolCall;
import dev.colony.core.tool.ToolContext;
import dev.colony.core.tool.ToolOutcome;
import dev.colony.runtime.internal.Json;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JsonSchemasTests {
  enum Speed {
    STANDARD,
    NEXT_DAY
  }

  record Address(@Param(description = "Street and number") String street, Optional<String> unit) {}

  record Shipment(String sku, int quantity) {}

  static class Shipping {
    @Tool(name = "ship", description = "Ship items", tier = RiskTier.WRITE_LOW)
    public Shipment ship(
        @Param(name = "items", minItems = 1, maxItems = 5) List<String> items,
        @Param(name = "speed") Speed speed,
        @Param(name = "address") Address address,
        @Param(name = "cost", minimum = 0, maximum = 50.5) double cost,
        @Param(name = "count", minimum = 1) long count,
        @Param(name = "note", maxLength = 200) Optional<String> note,
        @Param(name = "tags") Map<String, Integer> tags,
        ToolContext context) {
      return new Shipment(items.getFirst() + ":" + speed + ":" + note.orElse("-"), (int) count);
    }

    @Tool(name = "count", description = "Count")
    public int count() {
      return 3;
    }
  }

  @Test
  void aMethodSignatureBecomesA202012InputSchema() throws Exception {
    var tool =
        Tools.from(new Shipping()).stream()
            .filter(t -> t.spec().name().equals("ship"))
            .findFirst()
            .orElseThrow();
    var schema = Json.MAPPER.readTree(tool.spec().inputSchema());

    assertThat(schema.path("$schema").asText())
        .isEqualTo("https://json-schema.org/draft/2020-12/schema");
    assertThat(schema.path("required").toString())
        .isEqualTo("[\"items\",\"speed\",\"address\",\"cost\",\"count\",\"tags\"]");
    assertThat(schema.path("additionalProperties").asBoolean()).isFalse();
    var props = schema.path("properties");
    assertThat(props.path("items").toString())
        .isEqualTo(
            "{\"type\":\"array\",\"items\":{\"type\":\"string\"},\"minItems\":1,\"maxItems\":5}");
    assertThat(props.path("speed").toString())
        .isEqualTo("{\"type\":\"string\",\"enum\":[\"STANDARD\",\"NEXT_DAY\"]}");
    assertThat(props.path("cost").toString())
        .isEqualTo("{\"type\":\"number\",\"minimum\":0,\"maximum\":50.5}");
    assertThat(props.path("count").toString()).isEqualTo("{\"type\":\"integer\",\"minimum\":1}");
    assertThat(props.path("note").toString()).isEqualTo("{\"type\":\"string\",\"maxLength\":200}");
    assertThat(props.path("tags").toString())
        .isEqualTo("{\"type\":\"object\",\"additionalProperties\":{\"type\":\"integer\"}}");
    assertThat(props.path("address").path("required").toString()).isEqualTo("[\"street\"]");
    assertThat(props.path("address").path("properties").path("street").path("description").asText())
        .isEqualTo("Street and number");
    assertThat(props.has("context")).isFalse();
  }

  @Test
  void resultsAreStructuredObjectsWithAnOutputSchema() throws Exception {
    var tools = Tools.from(new Shipping());
    var count =
        tools.stream().filter(t -> t.spec().name().equals("count")).findFirst().orElseThrow();

    assertThat(count.spec().outputSchema())
        .isEqualTo(
            "{\"type\":\"object\",\"properties\":{\"result\":{\"type\":\"integer\"}},\"required\":[\"result\"]}");
    var outcome = count.invoke(context(new ToolCall("c", "count", "{}")), "{}");
    assertThat(outcome)
        .isEqualTo(
            new ToolOutcome.Done(
                new dev.colony.core.tool.ToolResult("c", "count", "{\"result\":3}", false)));
  }

  @Test
  void argumentsAreConvertedToTheParameterTypes() {
    var ship =
        Tools.from(new Shipping()).stream()
            .filter(t -> t.spec().name().equals("ship"))
            .findFirst()
            .orElseThrow();
    var args =
        "{\"items\":[\"lamp\"],\"speed\":\"NEXT_DAY\",\"address\":{\"street\":\"Main 1\"},"
            + "\"cost\":9.5,\"count\":2,\"tags\":{}}";

    var outcome = (ToolOutcome.Done) ship.invoke(context(new ToolCall("c", "ship", args)), args);

    assertThat(outcome.result().content())
        .isEqualTo("{\"sku\":\"lamp:NEXT_DAY:-\",\"quantity\":2}");
  }

  @Test
  void unsupportedParameterTypesAreRefusedWhenBindingWithTheMethodNamed() {
    class Bad {
      @Tool(name = "bad", description = "bad")
      public String bad(@Param(name = "when") java.io.File when) {
        return "";
      }
    }
    assertThatThrownBy(() -> Tools.from(new Bad()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Bad.bad(when)")
        .hasMessageContaining("java.io.File is not supported");
  }

  @Test
  void anObjectWithoutToolMethodsIsRefused() {
    assertThatThrownBy(() -> Tools.from(new Object()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("has no methods annotated with @Tool");
  }

  private static ToolContext context(ToolCall call) {
    return new ToolContext(
        Envelope.of(TenantId.of("t"), Principal.user("u"), Set.of()),
        RunId.of("run-1"),
        "agent",
        call,
        "run-1/" + call.id());
  }
}
