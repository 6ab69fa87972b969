package dev.colony.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.colony.core.Principal;
import dev.colony.core.agent.AgentSpec;
import dev.colony.core.approval.Approval;
import dev.colony.core.run.RunRecord;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON shapes of the REST API: snake_case fields, ISO-8601 instants, nulls kept. */
public final class Views {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Views() {}

  public static Map<String, Object> run(RunRecord run) {
    var view = new LinkedHashMap<String, Object>();
    view.put("id", run.id().value());
    view.put("agent", run.agent());
    view.put("status", run.status().name());
    view.put("input", run.input());
    view.put("output", run.output());
    view.put("error", run.error());
    view.put(
        "waiting_on",
        run.waitingOn() == null ? List.of() : Arrays.asList(run.waitingOn().split(",")));
    view.put("parent_id", run.parentId() == null ? null : run.parentId().value());
    view.put("parent_call_id", run.parentCallId());
    view.put("tenant", run.tenant().value());
    view.put("principals", run.envelope().chain().stream().map(Principal::toString).toList());
    view.put("created_at", time(run.createdAt()));
    view.put("updated_at", time(run.updatedAt()));
    return view;
  }

  public static Map<String, Object> approval(Approval approval) {
    var view = new LinkedHashMap<String, Object>();
    view.put("id", approval.id().value());
    view.put("run_id", approval.runId().value());
    view.put("call_id", approval.callId());
    view.put("tool", approval.tool());
    view.put("tier", approval.tier().name());
    view.put("arguments", arguments(approval.arguments()));
    view.put("arguments_sha256", approval.argumentsDigest());
    view.put("requested_by", approval.requestedBy().toString());
    view.put("status", approval.status().name());
    view.put("decided_by", approval.decidedBy());
    view.put("reason", approval.reason());
    view.put("created_at", time(approval.createdAt()));
    view.put("decided_at", time(approval.decidedAt()));
    view.put("required", approval.required());
    view.put(
        "votes",
        approval.votes().stream()
            .map(
                v -> {
                  var vote = new LinkedHashMap<String, Object>();
                  vote.put("approver", v.approver());
                  vote.put("approve", v.approve());
                  vote.put("reason", v.reason());
                  vote.put("at", time(v.at()));
                  vote.put("signed", v.token() != null);
                  return vote;
                })
            .toList());
    view.put("used_by", approval.consumedBy());
    return view;
  }

  public static Map<String, Object> agent(AgentSpec agent, List<String> tools) {
    var view = new LinkedHashMap<String, Object>();
    view.put("name", agent.name());
    view.put("version", agent.version());
    view.put("description", agent.description());
    view.put("tools", tools);
    view.put(
        "skills",
        agent.skills().stream()
            .map(s -> Map.of("id", s.id(), "name", s.name(), "description", s.description()))
            .toList());
    return view;
  }

  private static Object arguments(String json) {
    try {
      return JSON.readValue(json, JsonNode.class);
    } catch (java.io.IOException e) {
      return json;
    }
  }

  private static String time(Instant instant) {
    return instant == null ? null : instant.toString();
  }
}
