package dev.colony.governance;

import dev.colony.core.gate.Decision;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Turns Cedar's verdict on a call into a Colony decision: Cedar first, then the tool's tier. */
final class Decisions {
  /** How many conditional permits a default deny names as hints. */
  private static final int HINTS = 3;

  private final Map<String, PolicyLoader.Loaded> policies;
  private final List<PolicyLoader.Loaded> conditionalPermits;
  private final CedarRequests.Prepared call;

  /**
   * @param policies every loaded policy by id
   * @param conditionalPermits the enforced permits with a {@code @reason} that cover the tool
   */
  Decisions(
      Map<String, PolicyLoader.Loaded> policies,
      List<PolicyLoader.Loaded> conditionalPermits,
      CedarRequests.Prepared call) {
    this.policies = policies;
    this.conditionalPermits = conditionalPermits;
    this.call = call;
  }

  Decision of(CedarRequests.Verdict verdict) {
    var tool = call.tool().spec;
    if (verdict.failure() != null) {
      return new Decision.Deny(
          "Cedar could not decide on '"
              + tool.name()
              + "' ("
              + verdict.failure()
              + "); the call is denied",
          List.of("cedar:error"));
    }
    if (!verdict.errors().isEmpty()) {
      var detail =
          verdict.errors().entrySet().stream()
              .map(e -> name(e.getKey()) + ": " + e.getValue())
              .collect(Collectors.joining("; "));
      return new Decision.Deny(
          "Cedar could not evaluate " + detail + "; the call is denied (fail closed)",
          List.copyOf(verdict.errors().keySet()));
    }
    if (!verdict.allowed()) {
      return verdict.determining().isEmpty() ? defaultDeny() : forbidden(verdict.determining());
    }
    var by = names(verdict.determining());
    var ids = verdict.determining();
    return switch (tool.tier()) {
      case READ -> new Decision.Allow("tier READ: allowed and recorded; permitted by " + by, ids);
      case WRITE_LOW ->
          new Decision.Allow("tier WRITE_LOW: allowed within the limits of " + by, ids);
      case WRITE_HIGH ->
          new Decision.NeedsApproval(
              "tier WRITE_HIGH: permitted by " + by + "; a person must approve this call", 1, ids);
      case CRITICAL ->
          new Decision.NeedsApproval(
              "tier CRITICAL: permitted by "
                  + by
                  + "; two people, neither of them the requester, must approve this call",
              2,
              ids);
    };
  }

  private Decision forbidden(List<String> ids) {
    return new Decision.Deny("forbidden by " + names(ids), ids);
  }

  private Decision defaultDeny() {
    var tool = call.tool();
    var reason =
        new StringBuilder("no Cedar policy permits ")
            .append(call.principal())
            .append(" to call '")
            .append(tool.spec.name())
            .append("' (tier ")
            .append(tool.spec.tier())
            .append(") with these arguments");
    if (!conditionalPermits.isEmpty()) {
      var hints = new ArrayList<String>();
      conditionalPermits.forEach(p -> hints.add(name(p.id())));
      hints.sort(null);
      reason
          .append("; it is permitted only by ")
          .append(String.join("; ", hints.subList(0, Math.min(HINTS, hints.size()))));
    }
    return new Decision.Deny(reason.toString(), List.of("cedar:default-deny"));
  }

  private String names(List<String> ids) {
    return ids.stream().map(this::name).collect(Collectors.joining(", "));
  }

  /** A policy as decisions name it: its id, where it is, and its {@code @reason}. */
  private String name(String id) {
    var policy = policies.get(id);
    if (policy == null) {
      return id;
    }
    return id
        + " ("
        + policy.where()
        + (policy.reason() == null ? "" : ": " + policy.reason())
        + ")";
  }
}
