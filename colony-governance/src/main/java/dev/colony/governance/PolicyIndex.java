package dev.colony.governance;

import com.cedarpolicy.model.exception.CacheException;
import com.cedarpolicy.model.policy.Policy;
import com.cedarpolicy.model.policy.PolicySet;
import dev.colony.core.ColonyException;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The policies that can apply to a call, by tool and principal, as Cedar policy sets parsed once on
 * Cedar's native side.
 *
 * <p>Cedar evaluates every policy it is given, so each call is given only the policies whose scope
 * can match it: those whose action scope can include the tool's action, and whose principal scope
 * is not {@code ==} some other principal. The selection is a superset of the policies that can
 * match, so decisions are the same as with the whole set. Immutable and thread-safe.
 */
final class PolicyIndex {
  /** The system property that bounds how many policy sets cedar-java caches in a JVM. */
  static final String CACHE_LIMIT_PROPERTY = "cedar.cache.maxPolicySets";

  /** cedar-java's bound when the property is not set. */
  static final int DEFAULT_CACHE_LIMIT = 1024;

  /** Policy sets shared between indexes, by the ids of their policies. */
  static final class Sets {
    private final Map<List<String>, PolicySet> byIds = new HashMap<>();

    PolicySet of(List<PolicyLoader.Loaded> policies) {
      if (policies.isEmpty()) {
        return null;
      }
      return byIds.computeIfAbsent(
          policies.stream().map(PolicyLoader.Loaded::id).toList(),
          ids -> {
            var set =
                new PolicySet(
                    new LinkedHashSet<Policy>(
                        policies.stream().map(PolicyLoader.Loaded::policy).toList()));
            try {
              set.cache();
            } catch (CacheException e) {
              var cause = e.getCause() == null ? "" : ": " + e.getCause().getMessage();
              throw new ColonyException(
                  "Cedar could not cache policy set "
                      + (byIds.size() + 1)
                      + " of this engine ("
                      + e.getMessage()
                      + cause
                      + "); cedar-java caches at most "
                      + CACHE_LIMIT_PROPERTY
                      + " (a system property, "
                      + DEFAULT_CACHE_LIMIT
                      + " by default) policy sets in a JVM, for all its engines together",
                  e);
            }
            return set;
          });
    }

    int size() {
      return byIds.size();
    }
  }

  /**
   * The sets for one tool.
   *
   * @param others for principals no policy names with {@code ==}, or {@code null} for none
   * @param named for each principal some policy names with {@code ==}
   */
  private record Route(PolicySet others, Map<String, PolicySet> named) {}

  private final Map<String, Route> routes;

  PolicyIndex(Collection<ToolModel> tools, List<PolicyLoader.Loaded> policies, Sets sets) {
    var routes = new HashMap<String, Route>();
    for (var tool : tools) {
      var covering = policies.stream().filter(p -> p.covers(tool)).toList();
      var unnamed = covering.stream().filter(p -> p.principal() == null).toList();
      var named = new HashMap<String, PolicySet>();
      covering.stream()
          .map(PolicyLoader.Loaded::principal)
          .filter(java.util.Objects::nonNull)
          .distinct()
          .forEach(
              key ->
                  named.put(
                      key,
                      sets.of(
                          covering.stream()
                              .filter(p -> p.principal() == null || p.principal().equals(key))
                              .toList())));
      routes.put(tool.spec.name(), new Route(sets.of(unnamed), Map.copyOf(named)));
    }
    this.routes = Map.copyOf(routes);
  }

  /** The policy set to ask about a call, or {@code null} when no policy can apply to it. */
  PolicySet select(CedarRequests.Prepared call) {
    var route = routes.get(call.tool().spec.name());
    var set = route.named().get(call.principalKey());
    return set != null ? set : route.others();
  }
}
