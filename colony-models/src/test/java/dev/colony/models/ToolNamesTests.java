package dev.colony.models;

import static org.assertj.core.api.Assertions.assertThat;

import dev.colony.core.tool.RiskTier;
import dev.colony.core.tool.ToolSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class ToolNamesTests {

  private static ToolSpec tool(String name) {
    return new ToolSpec(name, "", "{\"type\":\"object\"}", null, RiskTier.READ);
  }

  @Test
  void keepsNamesEveryProviderAccepts() {
    var names = ToolNames.of(List.of(tool("get_order"), tool("refund-order")));

    assertThat(names.wire("get_order")).isEqualTo("get_order");
    assertThat(names.wire("refund-order")).isEqualTo("refund-order");
  }

  @Test
  void replacesDotsWithUnderscores() {
    var names = ToolNames.of(List.of(tool("orders.get_order")));

    assertThat(names.wire("orders.get_order")).isEqualTo("orders_get_order");
  }

  @Test
  void mapsSentNamesBackToColonyNames() {
    var names = ToolNames.of(List.of(tool("orders.get_order")));

    assertThat(names.colony("orders_get_order")).isEqualTo("orders.get_order");
  }

  @Test
  void leavesNamesItDidNotSendAsTheModelWroteThem() {
    var names = ToolNames.of(List.of(tool("orders.get_order")));

    assertThat(names.colony("delete_everything")).isEqualTo("delete_everything");
  }

  @Test
  void keepsANameThatFitsAndRenamesTheToolThatWouldCollideWithIt() {
    var names = ToolNames.of(List.of(tool("orders.get"), tool("orders_get")));

    assertThat(names.wire("orders_get")).isEqualTo("orders_get");
    assertThat(names.wire("orders.get")).matches("orders_get_[0-9a-f]{8}");
    assertThat(names.colony(names.wire("orders.get"))).isEqualTo("orders.get");
  }

  @Test
  void shortensLongNamesToSixtyFourCharactersWithAHash() {
    String longName = "warehouse." + "a".repeat(60);
    var names = ToolNames.of(List.of(tool(longName)));

    assertThat(names.wire(longName)).hasSize(64).matches("warehouse_a+_[0-9a-f]{8}");
    assertThat(names.colony(names.wire(longName))).isEqualTo(longName);
  }

  @Test
  void prefixesNamesThatStartWithADigit() {
    var names = ToolNames.of(List.of(tool("3d.render")));

    assertThat(names.wire("3d.render")).isEqualTo("_3d_render");
  }

  @Test
  void givesTheSameNamesForTheSameTools() {
    var tools = List.of(tool("a.b"), tool("a_b"), tool("c.d"));

    assertThat(ToolNames.of(tools).wire("a.b")).isEqualTo(ToolNames.of(tools).wire("a.b"));
  }
}
