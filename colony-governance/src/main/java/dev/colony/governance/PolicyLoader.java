package dev.colony.governance;

import com.cedarpolicy.AuthorizationEngine;
import com.cedarpolicy.model.DetailedError;
import com.cedarpolicy.model.ValidationRequest;
import com.cedarpolicy.model.ValidationResponse;
import com.cedarpolicy.model.exception.AuthException;
import com.cedarpolicy.model.policy.Policy;
import com.cedarpolicy.model.policy.PolicySet;
import com.cedarpolicy.model.schema.Schema;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.colony.governance.PolicyLoadException.Problem;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parses policy files and validates them against Colony's schema, reporting every problem with its
 * file, line and column.
 */
final class PolicyLoader {
  private static final Logger log = LoggerFactory.getLogger(CedarPolicyEngine.class);
  private static final Pattern ACTION = Pattern.compile("Colony::Action::\"(?:[^\"\\\\]|\\\\.)*\"");
  private static final String PARSE_PREFIX = "failed to parse policy with id `probe` from string: ";

  /**
   * A loaded policy.
   *
   * @param id its id: the {@code @id} annotation, else {@code FILE#N}
   * @param policy the policy, under that id
   * @param permit whether it permits (else it forbids)
   * @param where {@code file:line} of its first line
   * @param reason its {@code @reason} annotation, or {@code null}
   * @param actions the action ids its scope names, or {@code null} when it names no action
   * @param principal the principal its scope is {@code ==} to, as {@link #key}, or {@code null}
   * @param shadow whether it is log-only
   */
  record Loaded(
      String id,
      Policy policy,
      boolean permit,
      String where,
      String reason,
      Set<String> actions,
      String principal,
      boolean shadow) {

    /** How an entity is named in {@link #principal}: type, newline, id. */
    static String key(String type, String id) {
      return type + "\n" + id;
    }

    /** Whether this policy can apply to calls of the tool (a superset: never misses one). */
    boolean covers(ToolModel tool) {
      if (actions == null) {
        return true;
      }
      for (var id : actions) {
        if (tool.actionIds.contains(id)) {
          return true;
        }
      }
      return false;
    }
  }

  private record Parsed(PolicyFile file, int fileIndex, CedarText.Chunk chunk, Loaded loaded) {}

  private final Map<PolicyFile, CedarText.Lines> lines = new java.util.IdentityHashMap<>();

  private final AuthorizationEngine engine;
  private final Schema schema;
  private final List<Problem> problems = new ArrayList<>();
  private final List<Integer> problemOrder = new ArrayList<>();

  PolicyLoader(AuthorizationEngine engine, Schema schema) {
    this.engine = engine;
    this.schema = schema;
  }

  /** Loads enforced then shadow files; throws if anything is wrong with any of them. */
  List<Loaded> load(List<PolicyFile> enforced, List<PolicyFile> shadow) {
    var parsed = new ArrayList<Parsed>();
    var byId = new HashMap<String, Parsed>();
    var files = new ArrayList<PolicyFile>(enforced);
    files.addAll(shadow);
    for (int f = 0; f < files.size(); f++) {
      var file = files.get(f);
      for (var chunk : CedarText.split(file.text())) {
        var p = parse(file, f, chunk, f >= enforced.size());
        if (p == null) {
          continue;
        }
        var earlier = byId.putIfAbsent(p.loaded().id(), p);
        if (earlier != null) {
          problem(
              f,
              file,
              chunk.start(),
              "policy id '"
                  + p.loaded().id()
                  + "' is already used by the policy at "
                  + earlier.loaded().where());
          continue;
        }
        parsed.add(p);
      }
    }
    if (!parsed.isEmpty()) {
      validate(parsed, byId);
    }
    if (!problems.isEmpty()) {
      var order = new ArrayList<Integer>();
      for (int i = 0; i < problems.size(); i++) {
        order.add(i);
      }
      order.sort(
          Comparator.<Integer>comparingInt(problemOrder::get)
              .thenComparingInt(i -> problems.get(i).line())
              .thenComparingInt(i -> problems.get(i).column()));
      throw new PolicyLoadException(collapse(order.stream().map(problems::get).toList()));
    }
    return parsed.stream().map(Parsed::loaded).toList();
  }

  /**
   * Folds problems that differ only in the action they were found for (a policy whose scope allows
   * many actions is checked against each) into one.
   */
  private static List<Problem> collapse(List<Problem> sorted) {
    var folded = new LinkedHashMap<String, List<Problem>>();
    for (var p : sorted) {
      var key =
          p.file()
              + ":"
              + p.line()
              + ":"
              + p.column()
              + ":"
              + ACTION.matcher(p.message()).replaceAll("");
      folded.computeIfAbsent(key, k -> new ArrayList<>()).add(p);
    }
    return folded.values().stream()
        .map(
            same ->
                same.size() == 1
                    ? same.getFirst()
                    : new Problem(
                        same.getFirst().file(),
                        same.getFirst().line(),
                        same.getFirst().column(),
                        same.getFirst().message()
                            + " (and for "
                            + (same.size() - 1)
                            + " more actions)"))
        .toList();
  }

  private Parsed parse(PolicyFile file, int fileIndex, CedarText.Chunk chunk, boolean shadow) {
    JsonNode json;
    try {
      json = ToolModel.JSON.readTree(new Policy(chunk.text(), "probe").toJson());
    } catch (AuthException | JsonProcessingException | RuntimeException e) {
      syntaxProblem(file, fileIndex, chunk, e);
      return null;
    }
    var annotations = json.path("annotations");
    var where = file.name() + ":" + position(file, chunk.start())[0];
    var id =
        annotations.hasNonNull("id")
            ? annotations.get("id").asText()
            : baseName(file.name()) + "#" + chunk.ordinal();
    if (id.isBlank()) {
      problem(fileIndex, file, chunk.start(), "@id must not be blank");
      return null;
    }
    var loaded =
        new Loaded(
            id,
            new Policy(chunk.text(), id),
            "permit".equals(json.path("effect").asText()),
            where,
            annotations.hasNonNull("reason") ? annotations.get("reason").asText() : null,
            actions(json.path("action")),
            principal(json.path("principal")),
            shadow);
    return new Parsed(file, fileIndex, chunk, loaded);
  }

  /** The principal a principal scope is {@code ==} to, or {@code null} for any other scope. */
  private static String principal(JsonNode scope) {
    if (!"==".equals(scope.path("op").asText()) || !scope.path("entity").isObject()) {
      return null;
    }
    var entity = scope.path("entity");
    return Loaded.key(entity.path("type").asText(), entity.path("id").asText());
  }

  /** The action ids an action scope names, or {@code null} for an unconstrained scope. */
  private static Set<String> actions(JsonNode scope) {
    var ids = new HashSet<String>();
    if (scope.has("entity")) {
      ids.add(scope.path("entity").path("id").asText());
    } else if (scope.has("entities")) {
      scope.path("entities").forEach(e -> ids.add(e.path("id").asText()));
    } else {
      return null;
    }
    return Set.copyOf(ids);
  }

  /** Finds where a chunk fails to parse: Cedar reports locations through its validator. */
  private void syntaxProblem(PolicyFile file, int fileIndex, CedarText.Chunk chunk, Exception e) {
    try {
      var probe = new PolicySet(Set.of(new Policy(chunk.text(), "probe")));
      var response = engine.validate(new ValidationRequest(schema, probe));
      Object raw = response.errors;
      var errors = CedarLists.detailed(raw);
      if (!errors.isEmpty()) {
        for (var error : errors) {
          located(file, fileIndex, chunk, error, error.message.replace(PARSE_PREFIX, ""));
        }
        return;
      }
    } catch (AuthException | RuntimeException again) {
      log.debug("could not locate the syntax error in {}", file.name(), again);
    }
    var message = String.valueOf(e.getMessage()).replaceFirst("^.*Internal JNI Error: ", "");
    problem(fileIndex, file, chunk.start(), message);
  }

  private void validate(List<Parsed> parsed, Map<String, Parsed> byId) {
    var set = new LinkedHashSet<Policy>();
    parsed.forEach(p -> set.add(p.loaded().policy()));
    ValidationResponse response;
    try {
      response = engine.validate(new ValidationRequest(schema, new PolicySet(set)));
    } catch (AuthException e) {
      problems.add(new Problem("schema", 0, 0, "Cedar could not validate: " + e.getMessage()));
      problemOrder.add(-1);
      return;
    }
    Object failures = response.errors;
    for (var e : CedarLists.detailed(failures)) {
      problems.add(new Problem("schema", 0, 0, text(e, e.message)));
      problemOrder.add(-1);
    }
    response.success.ifPresent(
        success -> {
          for (var error : CedarLists.errors(success)) {
            var p = byId.get(error.getPolicyId());
            var message =
                error.getError().message.replace("for policy `" + error.getPolicyId() + "`, ", "");
            if (p == null) {
              problems.add(new Problem("schema", 0, 0, message));
              problemOrder.add(-1);
            } else {
              located(p.file(), p.fileIndex(), p.chunk(), error.getError(), message);
            }
          }
          for (var warning : CedarLists.warnings(success)) {
            var p = byId.get(warning.getPolicyId());
            log.warn(
                "{}: policy '{}': {}",
                p == null ? "schema" : p.loaded().where(),
                warning.getPolicyId(),
                warning
                    .getError()
                    .message
                    .replace("for policy `" + warning.getPolicyId() + "`, ", ""));
          }
        });
  }

  private void located(
      PolicyFile file, int fileIndex, CedarText.Chunk chunk, DetailedError error, String message) {
    int offset = chunk.start();
    var locations = CedarLists.sourceLocations(error);
    if (!locations.isEmpty()) {
      offset += CedarText.charOffset(chunk.text(), locations.getFirst().start);
    }
    problem(fileIndex, file, offset, text(error, message));
  }

  private static String text(DetailedError error, String message) {
    var out = new StringBuilder(message);
    var locations = CedarLists.sourceLocations(error);
    if (!locations.isEmpty()) {
      locations
          .getFirst()
          .label
          .filter(l -> !l.isBlank())
          .ifPresent(l -> out.append("; ").append(l));
    }
    error.help.filter(h -> !h.isBlank()).ifPresent(h -> out.append(" (").append(h).append(')'));
    return out.toString();
  }

  private int[] position(PolicyFile file, int offset) {
    return lines.computeIfAbsent(file, f -> new CedarText.Lines(f.text())).position(offset);
  }

  private static String baseName(String name) {
    return name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
  }

  private void problem(int fileIndex, PolicyFile file, int offset, String message) {
    var position = position(file, offset);
    problems.add(new Problem(file.name(), position[0], position[1], message));
    problemOrder.add(fileIndex);
  }
}
