package dev.colony.server;

import dev.colony.core.InvalidInput;
import dev.colony.runtime.gate.Quota;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Set;

/**
 * A quota written on the command line: {@code window=24h,tokens=2000000,cost=5.00,calls=5000,
 * time=2h}, with {@code agent=NAME} first for one agent instead of the whole tenant.
 *
 * <p>{@code window} is required, in whole hours ({@code 1h} to {@code 720h}); every limit is
 * optional and unlimited when left out. {@code cost} is in the node's currency unit (up to six
 * decimals), {@code time} the wall time spent on model turns and tool calls ({@code 90m}, {@code
 * 2h}).
 */
final class QuotaSpec {
  private static final String OPTION = "--quota";
  private static final Set<String> KEYS =
      Set.of("agent", "window", "tokens", "cost", "calls", "time");

  private QuotaSpec() {}

  /**
   * Reads one quota.
   *
   * @throws InvalidInput naming the option, the key and what is wrong
   */
  static Quota parse(String text) {
    if (text == null || text.isBlank()) {
      throw new InvalidInput(OPTION, "must not be blank; e.g. window=24h,tokens=2000000");
    }
    var values = new HashMap<String, String>();
    for (var part : text.split(",")) {
      var pair = part.split("=", 2);
      var key = pair[0].strip().toLowerCase(Locale.ROOT);
      if (pair.length != 2 || pair[1].isBlank()) {
        throw new InvalidInput(
            OPTION, "'" + part.strip() + "' must be KEY=VALUE in '" + text + "'");
      }
      if (!KEYS.contains(key)) {
        throw new InvalidInput(
            OPTION,
            "unknown key '" + key + "'; expected one of " + KEYS.stream().sorted().toList());
      }
      if (values.put(key, pair[1].strip()) != null) {
        throw new InvalidInput(OPTION, "'" + key + "' is given twice in '" + text + "'");
      }
    }
    if (!values.containsKey("window")) {
      throw new InvalidInput(OPTION, "needs window=HOURSh, e.g. window=24h, in '" + text + "'");
    }
    var window = duration("window", values.get("window"));
    if (window.toMinutes() % 60 != 0 || window.toHours() < 1 || window.toHours() > 720) {
      throw new InvalidInput(
          OPTION, "window must be whole hours from 1h to 720h, got " + values.get("window"));
    }
    var tokens = count("tokens", values.get("tokens"));
    var cost = cost(values.get("cost"));
    var calls = count("calls", values.get("calls"));
    var agent = values.get("agent");
    var quota =
        agent == null
            ? Quota.tenant(window, tokens, cost, calls)
            : Quota.agent(agent, window, tokens, cost, calls);
    return values.containsKey("time")
        ? quota.withMaxBusyTime(duration("time", values.get("time")))
        : quota;
  }

  private static long count(String key, String value) {
    if (value == null) {
      return Long.MAX_VALUE;
    }
    try {
      var n = Long.parseLong(value.replace("_", ""));
      if (n < 0) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new InvalidInput(
          OPTION, key + " must be a whole number of at least 0, got '" + value + "'");
    }
  }

  private static long cost(String value) {
    if (value == null) {
      return Long.MAX_VALUE;
    }
    try {
      var amount = new BigDecimal(value);
      if (amount.signum() < 0 || amount.scale() > 6) {
        throw new NumberFormatException();
      }
      return amount.movePointRight(6).longValueExact();
    } catch (NumberFormatException | ArithmeticException e) {
      throw new InvalidInput(
          OPTION,
          "cost must be an amount of at least 0 with up to 6 decimals, got '" + value + "'");
    }
  }

  private static Duration duration(String key, String value) {
    return Durations.parse(value)
        .orElseThrow(
            () ->
                new InvalidInput(
                    OPTION, key + " must be a duration such as 90m or 24h, got '" + value + "'"));
  }
}
