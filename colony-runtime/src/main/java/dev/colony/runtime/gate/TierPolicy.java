package dev.colony.runtime.gate;

import dev.colony.core.gate.Decision;
import dev.colony.core.gate.GateRequest;
import dev.colony.core.gate.PolicyEngine;
import dev.colony.runtime.internal.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The default policy: decides by risk tier, with numeric limits on {@code WRITE_LOW} arguments.
 *
 * <ul>
 *   <li>{@code READ}: allowed.
 *   <li>{@code WRITE_LOW}: allowed while every declared limit holds; a call over a limit needs one
 *       approval.
 *   <li>{@code WRITE_HIGH}: needs one approval.
 *   <li>{@code CRITICAL}: denied.
 * </ul>
 *
 * <p>Immutable and thread-safe.
 */
public final class TierPolicy implements PolicyEngine {
  /**
   * A ceiling on one numeric argument of one tool.
   *
   * @param tool the tool's name
   * @param pointer JSON pointer into the arguments, for example {@code /cost}
   * @param maximum the largest allowed value
   */
  public record Limit(String tool, String pointer, double maximum) {
    public Limit {
      Objects.requireNonNull(tool, "tool");
      Objects.requireNonNull(pointer, "pointer");
      if (!pointer.startsWith("/")) {
        throw new IllegalArgumentException(
            "limit pointer must be a JSON pointer starting with '/', got '" + pointer + "'");
      }
    }
  }

  private final List<Limit> limits;

  private TierPolicy(List<Limit> limits) {
    this.limits = List.copyOf(limits);
  }

  public static TierPolicy standard() {
    return new TierPolicy(List.of());
  }

  /** This policy with one more {@code WRITE_LOW} limit. */
  public TierPolicy withLimit(String tool, String pointer, double maximum) {
    var more = new ArrayList<>(limits);
    more.add(new Limit(tool, pointer, maximum));
    return new TierPolicy(more);
  }

  public List<Limit> limits() {
    return limits;
  }

  @Override
  public Decision decide(GateRequest request) {
    var tier = request.spec().tier();
    var policy = "tier:" + tier.name();
    return switch (tier) {
      case READ -> new Decision.Allow("tier READ: allowed and recorded", List.of(policy));
      case WRITE_LOW -> writeLow(request, policy);
      case WRITE_HIGH ->
          new Decision.NeedsApproval(
              "tier WRITE_HIGH: a person must approve this call", 1, List.of(policy));
      case CRITICAL ->
          new Decision.Deny("tier CRITICAL: denied unless a policy permits it", List.of(policy));
    };
  }

  private Decision writeLow(GateRequest request, String policy) {
    var args = Json.parse("arguments", request.call().arguments());
    for (var limit : limits) {
      if (!limit.tool().equals(request.call().name())) {
        continue;
      }
      var value = args.at(limit.pointer());
      if (value.isNumber() && value.asDouble() > limit.maximum()) {
        return new Decision.NeedsApproval(
            "tier WRITE_LOW: argument "
                + limit.pointer()
                + " = "
                + value.asText()
                + " is over the limit of "
                + format(limit.maximum())
                + ", so a person must approve",
            1,
            List.of(policy, "limit:" + limit.tool() + limit.pointer()));
      }
    }
    var within =
        limits.stream().anyMatch(l -> l.tool().equals(request.call().name()))
            ? "tier WRITE_LOW: allowed within its declared limits"
            : "tier WRITE_LOW: allowed";
    return new Decision.Allow(within, List.of(policy));
  }

  private static String format(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
  }
}
