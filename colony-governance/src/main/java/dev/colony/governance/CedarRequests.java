package dev.colony.governance;

import com.cedarpolicy.AuthorizationEngine;
import com.cedarpolicy.model.AuthorizationRequest;
import com.cedarpolicy.model.AuthorizationResponse;
import com.cedarpolicy.model.entity.Entity;
import com.cedarpolicy.model.exception.AuthException;
import com.cedarpolicy.model.policy.PolicySet;
import com.cedarpolicy.value.CedarList;
import com.cedarpolicy.value.EntityTypeName;
import com.cedarpolicy.value.PrimString;
import com.cedarpolicy.value.Value;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.colony.core.InvalidInput;
import dev.colony.core.Principal;
import dev.colony.core.gate.Decision;
import dev.colony.core.gate.GateRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Turns Gate requests into Cedar requests and asks Cedar. Stateless and thread-safe. */
final class CedarRequests {
  /** A call ready for Cedar, or refused before Cedar was asked. */
  sealed interface Call permits Prepared, Refused {}

  /**
   * A Cedar request for one call.
   *
   * @param principal how the caller appears in messages, for example {@code agent:orders}
   * @param principalKey the principal as {@link PolicyLoader.Loaded#key}
   */
  record Prepared(
      GateRequest request,
      ToolModel tool,
      String principal,
      String principalKey,
      AuthorizationRequest cedar,
      Set<Entity> entities)
      implements Call {}

  /** The call was refused before Cedar was asked (no such tool, arguments Cedar cannot hold). */
  record Refused(Decision.Deny decision) implements Call {}

  /**
   * What Cedar answered.
   *
   * @param allowed whether Cedar allows the call
   * @param determining the policies that decided: permits when allowed, forbids when denied
   * @param errors policy id to error, for policies that could not be evaluated
   * @param failure why Cedar could not answer at all, or {@code null}
   */
  record Verdict(
      boolean allowed, List<String> determining, Map<String, String> errors, String failure) {
    static final Verdict NO_POLICIES = new Verdict(false, List.of(), Map.of(), null);
  }

  private final AuthorizationEngine cedar;

  CedarRequests(AuthorizationEngine cedar) {
    this.cedar = cedar;
  }

  Call call(GateRequest request, Map<String, ToolModel> tools) {
    var name = request.call().name();
    if (request.spec() == null) {
      return refuse(
          "unknown tool '" + name + "' for agent '" + request.agent() + "'", "unknown-tool");
    }
    var tool = tools.get(request.spec().name());
    if (tool == null) {
      return refuse(
          "tool '"
              + name
              + "' is not in the Cedar schema: the policy engine was built without it, so no"
              + " policy can permit it",
          "unknown-tool");
    }
    if (!tool.describes(request.spec())) {
      return refuse(
          "tool '"
              + name
              + "' has changed (tier or input schema) since its policies were validated; reload"
              + " the policies",
          "stale-tool");
    }
    var envelope = request.envelope();
    var tenant = ToolModel.TENANT.of(envelope.tenant().value());
    var tenants = Set.of(tenant);
    var actor = envelope.actor();
    var principal = type(actor).of(actor.id());
    // The tenant is only ever a parent, and parents need not be sent as entities.
    var entities = new HashSet<Entity>(8);
    entities.addAll(tool.entities);
    entities.add(new Entity(principal, tenants));
    var context = new HashMap<String, Value>(8);
    context.put("tier", tool.tier);
    context.put("tenant", tenant);
    var scopes = new ArrayList<Value>(envelope.scopes().size());
    envelope.scopes().forEach(s -> scopes.add(new PrimString(s)));
    context.put("scopes", new CedarList(scopes));
    var originator = envelope.originator();
    if (originator.kind() == Principal.Kind.USER) {
      var user = originator.equals(actor) ? principal : ToolModel.USER.of(originator.id());
      if (user != principal) {
        entities.add(new Entity(user, tenants));
      }
      context.put("user", user);
    }
    try {
      var arguments = ToolModel.JSON.readTree(request.call().arguments());
      if (arguments == null || !arguments.isObject()) {
        return refuse("arguments of '" + name + "' must be a JSON object", "input");
      }
      context.put("input", tool.input.convert(arguments, "arguments"));
    } catch (JsonProcessingException e) {
      return refuse(
          "arguments of '" + name + "' are not valid JSON: " + e.getOriginalMessage(), "input");
    } catch (InvalidInput e) {
      return refuse(
          "arguments of '" + name + "' cannot be given to Cedar: " + e.getMessage(), "input");
    }
    var cedarRequest = new AuthorizationRequest(principal, tool.action, tool.resource(), context);
    return new Prepared(
        request,
        tool,
        actor.toString(),
        PolicyLoader.Loaded.key(typeName(actor), actor.id()),
        cedarRequest,
        entities);
  }

  /** Asks Cedar; a {@code null} set (no policy covers the tool) denies without asking. */
  Verdict evaluate(Prepared call, PolicySet set) {
    if (set == null) {
      return Verdict.NO_POLICIES;
    }
    AuthorizationResponse response;
    try {
      response = cedar.isAuthorized(call.cedar(), set, call.entities());
    } catch (AuthException | RuntimeException e) {
      return new Verdict(false, List.of(), Map.of(), String.valueOf(e.getMessage()));
    }
    if (response.success.isEmpty()) {
      Object raw = response.errors;
      var errors =
          CedarLists.detailed(raw).stream().map(e -> e.message).collect(Collectors.joining("; "));
      return new Verdict(false, List.of(), Map.of(), errors.isEmpty() ? "no answer" : errors);
    }
    var success = response.success.get();
    var errors = new LinkedHashMap<String, String>();
    for (var error : success.getErrors()) {
      errors.merge(error.getPolicyId(), error.getError().message, (a, b) -> a + "; " + b);
    }
    var determining = new ArrayList<>(success.getReason());
    determining.sort(null);
    return new Verdict(success.isAllowed(), List.copyOf(determining), errors, null);
  }

  private static EntityTypeName type(Principal principal) {
    return switch (principal.kind()) {
      case AGENT -> ToolModel.AGENT;
      case USER -> ToolModel.USER;
      case SERVICE -> ToolModel.SERVICE;
    };
  }

  private static String typeName(Principal principal) {
    return switch (principal.kind()) {
      case AGENT -> ToolModel.NAMESPACE + "::Agent";
      case USER -> ToolModel.NAMESPACE + "::User";
      case SERVICE -> ToolModel.NAMESPACE + "::Service";
    };
  }

  private static Refused refuse(String reason, String stage) {
    return new Refused(new Decision.Deny(reason, List.of("cedar:" + stage)));
  }
}
