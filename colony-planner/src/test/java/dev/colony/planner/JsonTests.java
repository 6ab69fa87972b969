package dev.colony.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTests {
  record Reship(String sku, Map<String, Object> options) {}

  @Test
  void mapArgumentsAreWrittenWithSortedKeysWhateverTheirOrder() {
    var reversed = new LinkedHashMap<String, Object>();
    for (char c = 'z'; c >= 'a'; c--) {
      reversed.put(String.valueOf(c), c - 'a');
    }

    assertThat(Json.arguments(reversed))
        .startsWith("{\"a\":0,\"b\":1,\"c\":2,")
        .endsWith("\"z\":25}");
  }

  @Test
  void recordArgumentsKeepComponentOrderAndSortNestedMaps() {
    var args = new Reship("MUG-2", Map.of("speed", "next_day", "gift", true));

    assertThat(Json.arguments(args))
        .isEqualTo("{\"sku\":\"MUG-2\",\"options\":{\"gift\":true,\"speed\":\"next_day\"}}");
  }

  @Test
  void argumentsThatAreNotAnObjectAreRejected() {
    assertThatThrownBy(() -> Json.arguments(List.of(1, 2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("arguments must be written as a JSON object, got ARRAY");
  }
}
