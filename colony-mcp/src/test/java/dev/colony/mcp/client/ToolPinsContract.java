package dev.colony.mcp.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What every {@link ToolPins} does; each implementation's tests extend this. */
abstract class ToolPinsContract {
  static final String A = "a".repeat(64);
  static final String B = "b".repeat(64);

  abstract ToolPins pins();

  @Test
  void aServerNeverSavedHasNoPins() {
    assertThat(pins().load("github")).isEmpty();
  }

  @Test
  void savedPinsLoadAsTheyWereSaved() {
    var pins = pins();

    pins.save("github", Map.of("search", A, "create_issue", B));

    assertThat(pins.load("github")).contains(Map.of("search", A, "create_issue", B));
  }

  @Test
  void anEmptySaveIsRememberedAsPinnedWithNoTools() {
    var pins = pins();

    pins.save("github", Map.of());

    assertThat(pins.load("github")).contains(Map.of());
  }

  @Test
  void aSaveReplacesTheServersPins() {
    var pins = pins();
    pins.save("github", Map.of("search", A, "create_issue", B));

    pins.save("github", Map.of("search", B));

    assertThat(pins.load("github")).contains(Map.of("search", B));
  }

  @Test
  void serversKeepTheirOwnPins() {
    var pins = pins();

    pins.save("github", Map.of("search", A));
    pins.save("tracker", Map.of("search", B));

    assertThat(pins.load("github")).contains(Map.of("search", A));
    assertThat(pins.load("tracker")).contains(Map.of("search", B));
  }

  @Test
  void changingTheSavedMapAfterwardsChangesNothing() {
    var pins = pins();
    var saved = new HashMap<>(Map.of("search", A));
    pins.save("github", saved);

    saved.put("search", B);

    assertThat(pins.load("github")).contains(Map.of("search", A));
  }
}
