package dev.colony.governance;

import static dev.colony.governance.Calls.call;
import static dev.colony.governance.Calls.engine;
import static dev.colony.governance.Calls.tool;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.colony.core.gate.Decision;
import dev.colony.core.tool.RiskTier;
import dev.colony.core.tool.ToolSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a call's JSON arguments become {@code context.input}. */
class InputMappingTests {
  static final ToolSpec PAY =
      tool(
          "pay",
          RiskTier.WRITE_LOW,
          """
          {"type":"object","properties":{
            "count":{"type":"integer"},
            "price":{"type":"number"},
            "note":{"type":"string"},
            "urgent":{"type":["boolean","null"]},
            "tags":{"type":"array","items":{"type":"string"}},
            "address":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]},
            "anything":{}
          },"required":["count","price"]}""");
  static final List<ToolSpec> TOOLS = List.of(PAY);

  private static Decision decide(String policy, String arguments) {
    return engine(TOOLS, policy).decide(call("clerk", PAY, arguments));
  }

  @Test
  void integerArgumentsAreLongs() {
    var policy = "permit (principal, action, resource) when { context.input.count <= 3 };";

    assertThat(decide(policy, "{\"count\":3,\"price\":1}")).isInstanceOf(Decision.Allow.class);
    assertThat(decide(policy, "{\"count\":4,\"price\":1}")).isInstanceOf(Decision.Deny.class);
  }

  @Test
  void aWholeNumberWrittenWithAFractionIsStillALong() {
    var policy = "permit (principal, action, resource) when { context.input.count == 3 };";

    assertThat(decide(policy, "{\"count\":3.0,\"price\":1}")).isInstanceOf(Decision.Allow.class);
  }

  @Test
  void aFractionInAnIntegerArgumentIsDeniedNamingTheFieldAndValue() {
    var decision = decide("permit (principal, action, resource);", "{\"count\":2.5,\"price\":1}");

    assertThat(decision.policies()).containsExactly("cedar:input");
    assertThat(decision.reason())
        .isEqualTo(
            "arguments of 'pay' cannot be given to Cedar: arguments.count: must be a whole"
                + " number for Cedar's Long, got 2.5");
  }

  @Test
  void numberArgumentsAreDecimals() {
    var policy =
        "permit (principal, action, resource)"
            + " when { context.input.price.lessThanOrEqual(decimal(\"0.3\")) };";

    assertThat(decide(policy, "{\"count\":1,\"price\":0.3}")).isInstanceOf(Decision.Allow.class);
    assertThat(decide(policy, "{\"count\":1,\"price\":0.3001}")).isInstanceOf(Decision.Deny.class);
    assertThat(decide(policy, "{\"count\":1,\"price\":0}")).isInstanceOf(Decision.Allow.class);
  }

  @Test
  void aNumberWithMoreThanFourDecimalPlacesIsDeniedRatherThanRounded() {
    var decision =
        decide("permit (principal, action, resource);", "{\"count\":1,\"price\":19.99999}");

    assertThat(decision).isInstanceOf(Decision.Deny.class);
    assertThat(decision.reason())
        .endsWith(
            "arguments.price: has more than 4 decimal places, which Cedar's decimal cannot hold:"
                + " 19.99999");
  }

  @Test
  void aNumberBeyondCedarsRangeIsDenied() {
    var decision = decide("permit (principal, action, resource);", "{\"count\":1e30,\"price\":1}");

    assertThat(decision.reason()).contains("arguments.count: is outside the range of Cedar's Long");
  }

  @Test
  void optionalArgumentsArePresentOnlyWhenGiven() {
    var policy =
        "permit (principal, action, resource)"
            + " when { context.input has note && context.input.note == \"ok\" };";

    assertThat(decide(policy, "{\"count\":1,\"price\":1,\"note\":\"ok\"}"))
        .isInstanceOf(Decision.Allow.class);
    assertThat(decide(policy, "{\"count\":1,\"price\":1}")).isInstanceOf(Decision.Deny.class);
  }

  @Test
  void aNullableArgumentGivenAsNullIsAbsent() {
    var policy = "permit (principal, action, resource) unless { context.input has urgent };";

    assertThat(decide(policy, "{\"count\":1,\"price\":1,\"urgent\":null}"))
        .isInstanceOf(Decision.Allow.class);
  }

  @Test
  void arraysAreSetsAndObjectsAreRecords() {
    var policy =
        "permit (principal, action, resource) when { context.input has tags &&"
            + " context.input.tags.contains(\"gift\") && context.input has address &&"
            + " context.input.address.city == \"Berlin\" };";

    assertThat(
            decide(
                policy,
                "{\"count\":1,\"price\":1,\"tags\":[\"gift\",\"gift\"],"
                    + "\"address\":{\"city\":\"Berlin\"}}"))
        .isInstanceOf(Decision.Allow.class);
  }

  @Test
  void argumentsWithoutACedarTypeAreLeftOutOfTheInput() {
    var file =
        PolicyFile.of(
            "any.cedar",
            "permit (principal, action, resource) when { context.input.anything == 1 };");

    var engine = CedarPolicyEngine.builder(TOOLS).policies(file);

    assertThatThrownBy(engine::build)
        .isInstanceOf(PolicyLoadException.class)
        .hasMessageContaining("any.cedar:1:45: attribute `input.anything`");
  }

  @Test
  void aValueOfTheWrongTypeIsDeniedNamingTheField() {
    var decision =
        decide("permit (principal, action, resource);", "{\"count\":1,\"price\":\"cheap\"}");

    assertThat(decision.reason()).endsWith("arguments.price: must be a number, got string");
  }
}
