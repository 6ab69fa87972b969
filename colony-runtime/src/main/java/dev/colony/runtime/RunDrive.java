package dev.colony.runtime;

import dev.colony.core.ColonyException;
import dev.colony.core.Conflict;
import dev.colony.core.Envelope;
import dev.colony.core.RunId;
import dev.colony.core.agent.AgentSpec;
import dev.colony.core.approval.ApprovalId;
import dev.colony.core.gate.Decision;
import dev.colony.core.gate.GateOutcome;
import dev.colony.core.gate.GateRequest;
import dev.colony.core.model.Message;
import dev.colony.core.model.ModelClient;
import dev.colony.core.model.ModelFailure;
import dev.colony.core.model.ModelRequest;
import dev.colony.core.model.ModelResponse;
import dev.colony.core.run.Checkpoint;
import dev.colony.core.run.RunEvent;
import dev.colony.core.run.RunRecord;
import dev.colony.core.run.RunStatus;
import dev.colony.core.telemetry.TelemetrySpan;
import dev.colony.core.tool.ToolCall;
import dev.colony.core.tool.ToolResult;
import dev.colony.core.tool.ToolSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Drives one run from a checkpoint until it completes, fails, is cancelled, or suspends.
 *
 * <p>The loop: if the latest checkpoint has open tool calls, pass them through the Gate (in
 * parallel) and checkpoint the batch; otherwise take a model turn and checkpoint it. A batch with
 * calls that wait (approval, child run) is checkpointed with the results it has and the run
 * suspends. Used by one thread at a time; not shared.
 */
final class RunDrive {
  private final AgentRuntime runtime;
  private final AgentSpec agent;
  private final boolean served;
  private RunRecord run;
  private Checkpoint checkpoint;
  private TelemetrySpan span = TelemetrySpan.NONE;
  private Envelope envelope;

  RunDrive(AgentRuntime runtime, RunRecord run, Checkpoint checkpoint) {
    this.runtime = runtime;
    this.agent = runtime.agent(run.agent());
    this.served = runtime.serves(agent);
    this.run = run;
    this.checkpoint = checkpoint;
  }

  RunRecord drive() {
    var attributes = new LinkedHashMap<String, Object>();
    if (served) {
      attributes.put("colony.tool_server", agent.name());
    } else {
      attributes.put("gen_ai.operation.name", "invoke_agent");
      attributes.put("gen_ai.agent.name", agent.name());
    }
    attributes.put("colony.run.id", run.id().value());
    attributes.put("colony.tenant", run.tenant().value());
    var name = (served ? "serve_tool " : "invoke_agent ") + agent.name();
    span = runtime.telemetry().startChildOf(name, run.envelope().trace(), attributes);
    envelope = span.context() == null ? run.envelope() : run.envelope().withTrace(span.context());
    if (run.envelope().trace() == null && span.context() != null) {
      // The run's first segment starts its trace; stored with the next write, later segments
      // (after an approval, in any process) join it.
      run = run.withEnvelope(run.envelope().withTrace(span.context()));
    }
    try {
      return loop();
    } catch (Conflict conflict) {
      return afterConflict(conflict);
    } catch (ColonyException | IllegalStateException e) {
      return fail(e.getMessage());
    } finally {
      span.set("colony.run.status", run.status().name());
      span.end();
    }
  }

  private RunRecord loop() {
    var model = served ? null : runtime.models().forAgent(agent);
    var tools = runtime.toolsOf(agent.name());
    while (true) {
      if (runtime.cancelRequested(run.id())) {
        return cancelled("cancelled");
      }
      var open = checkpoint.openCalls();
      if (!open.isEmpty()) {
        var waits = batch(open);
        if (!waits.isEmpty()) {
          return suspend(waits);
        }
        continue;
      }
      if (served) {
        return completeServed();
      }
      var exceeded = budgetExceeded();
      if (exceeded != null) {
        return fail(exceeded);
      }
      var turnStarted = runtime.clock().millis();
      var response = turn(model, tools);
      var turnMillis = Math.max(0, runtime.clock().millis() - turnStarted);
      var cost = runtime.pricing().costMicros(model.name(), response.usage());
      var counters = checkpoint.counters().afterTurn(response.usage(), cost);
      if (runtime.quotas() != null) {
        runtime
            .quotas()
            .afterModelTurn(
                run.tenant(), agent.name(), response.usage().totalTokens(), cost, turnMillis);
      }
      var assistant = withUniqueIds(response.message(), counters.steps());
      runtime.emit(
          new RunEvent.ModelTurn(
              run.id(),
              agent.name(),
              now(),
              counters.steps(),
              assistant.text(),
              assistant.toolCalls(),
              response.usage(),
              response.model()));
      var messages = new ArrayList<>(checkpoint.messages());
      messages.add(assistant);
      checkpoint = checkpoint.next(messages, counters, now());
      if (!assistant.callsTools()) {
        var answer = assistant.text() == null ? "" : assistant.text();
        run =
            runtime
                .runStore()
                .checkpoint(
                    run.withStatus(RunStatus.COMPLETED, answer, null, null, now()), checkpoint);
        runtime.emit(new RunEvent.Completed(run.id(), agent.name(), now(), answer));
        notifyParent();
        return run;
      }
      run = runtime.runStore().checkpoint(touched(), checkpoint);
    }
  }

  /** A served call's run ends with its call: its answer is the call's result. */
  private RunRecord completeServed() {
    var answer = ServedCalls.lastResult(checkpoint).map(ToolResult::content).orElse("");
    run = runtime.runStore().update(run.withStatus(RunStatus.COMPLETED, answer, null, null, now()));
    runtime.emit(new RunEvent.Completed(run.id(), agent.name(), now(), answer));
    return run;
  }

  /** Runs the open calls through the Gate and checkpoints what finished; returns the waits. */
  private List<String> batch(List<ToolCall> open) {
    var before = checkpoint.counters().toolCalls();
    var futures = new ArrayList<CompletableFuture<Passage>>();
    for (int i = 0; i < open.size(); i++) {
      var request = request(open.get(i), before + i);
      futures.add(
          open.size() == 1
              ? CompletableFuture.completedFuture(pass(request))
              : CompletableFuture.supplyAsync(() -> pass(request), runtime.executor()));
    }
    var messages = new ArrayList<>(checkpoint.messages());
    var waits = new ArrayList<String>();
    int executed = 0;
    for (var future : futures) {
      var passage = future.join();
      var call = passage.request().call();
      switch (passage.outcome()) {
        case GateOutcome.Executed e -> {
          decided(call, e.decision());
          finished(e.result(), passage.took(), e.replayed());
          messages.add(new Message.ToolResultMessage(e.result()));
          executed++;
        }
        case GateOutcome.Rejected r -> {
          decided(call, r.decision());
          var result = refused(call, r);
          finished(result, passage.took(), false);
          messages.add(new Message.ToolResultMessage(result));
        }
        case GateOutcome.AwaitingApproval a -> {
          decided(call, a.decision());
          runtime.emit(
              new RunEvent.ApprovalWaiting(
                  run.id(),
                  agent.name(),
                  now(),
                  a.approvalId(),
                  call.id(),
                  call.name(),
                  passage.request().spec().tier(),
                  call.arguments()));
          waits.add("approval:" + a.approvalId());
        }
        case GateOutcome.Waiting w -> waits.add(w.waitingOn());
      }
    }
    checkpoint = checkpoint.next(messages, checkpoint.counters().afterToolCalls(executed), now());
    if (waits.isEmpty()) {
      run = runtime.runStore().checkpoint(touched(), checkpoint);
    }
    return waits;
  }

  private record Passage(GateRequest request, GateOutcome outcome, Duration took) {}

  private Passage pass(GateRequest request) {
    long start = System.nanoTime();
    GateOutcome outcome;
    try {
      outcome = runtime.gate().pass(request);
    } catch (RuntimeException e) {
      outcome = failedWhileRunning(request.call(), e);
    }
    return new Passage(request, outcome, Duration.ofNanos(System.nanoTime() - start));
  }

  /** The result the caller sees for a call the Gate refused. */
  static ToolResult refused(ToolCall call, GateOutcome.Rejected r) {
    return ToolResult.failure(
        call, "denied by the gate (" + r.stage() + "): " + r.decision().reason());
  }

  /** The outcome of a call whose tool threw after the Gate allowed it. */
  static GateOutcome failedWhileRunning(ToolCall call, RuntimeException e) {
    return new GateOutcome.Executed(
        ToolResult.failure(call, "tool '" + call.name() + "' failed: " + describe(e)),
        new Decision.Allow("allowed, then failed while running", List.of()),
        false);
  }

  private GateRequest request(ToolCall call, int toolCallsBefore) {
    ToolSpec spec = agent.tools().contains(call.name()) ? runtime.tool(call.name()).spec() : null;
    return new GateRequest(
        envelope,
        run.id(),
        agent.name(),
        call,
        spec,
        run.id().value() + "/" + call.id(),
        new GateRequest.Budgeting(agent.budget(), toolCallsBefore, run.createdAt()));
  }

  private ModelResponse turn(ModelClient model, List<ToolSpec> tools) {
    var request = new ModelRequest(agent.name(), checkpoint.messages(), tools);
    var retry = runtime.retry();
    for (int attempt = 1; ; attempt++) {
      var attributes = new LinkedHashMap<String, Object>();
      attributes.put("gen_ai.operation.name", "chat");
      attributes.put("gen_ai.request.model", model.name());
      attributes.put("gen_ai.agent.name", agent.name());
      attributes.put("colony.run.id", run.id().value());
      attributes.put("colony.tenant", run.tenant().value());
      var chat = runtime.telemetry().start("chat " + model.name(), span, attributes);
      try {
        var response = model.chat(request);
        chat.set("gen_ai.response.model", response.model());
        chat.set("gen_ai.usage.input_tokens", response.usage().inputTokens());
        chat.set("gen_ai.usage.output_tokens", response.usage().outputTokens());
        return response;
      } catch (ModelFailure failure) {
        chat.recordError(failure.retryable() ? "retryable" : "model_error", failure.getMessage());
        if (!failure.retryable() || attempt >= retry.attempts()) {
          throw new ModelFailure(
              "model '"
                  + model.name()
                  + "' failed after "
                  + attempt
                  + " attempt(s): "
                  + failure.getMessage(),
              failure.retryable(),
              failure);
        }
        sleep(retry.backoff().multipliedBy(1L << (attempt - 1)));
      } catch (RuntimeException e) {
        chat.recordError(e.getClass().getSimpleName(), describe(e));
        throw new ModelFailure("model '" + model.name() + "' failed: " + describe(e), false, e);
      } finally {
        chat.end();
      }
    }
  }

  /** Gives tool calls ids unique within the run, keeping the model's ids where they are. */
  private Message.Assistant withUniqueIds(Message.Assistant message, int step) {
    if (!message.callsTools()) {
      return message;
    }
    var used = new HashSet<String>();
    for (var m : checkpoint.messages()) {
      if (m instanceof Message.Assistant a) {
        a.toolCalls().forEach(c -> used.add(c.id()));
      }
    }
    var calls = new ArrayList<ToolCall>();
    for (int i = 0; i < message.toolCalls().size(); i++) {
      var call = message.toolCalls().get(i);
      var id = call.id();
      if (id.isBlank() || !id.matches("[A-Za-z0-9_.:-]{1,64}") || !used.add(id)) {
        id = "call-" + step + "-" + i;
        used.add(id);
      }
      calls.add(new ToolCall(id, call.name(), call.arguments()));
    }
    return new Message.Assistant(message.text(), calls);
  }

  private String budgetExceeded() {
    var limits = agent.budget();
    var used = checkpoint.counters();
    if (used.steps() >= limits.maxSteps()) {
      return "budget exceeded: the run took " + used.steps() + " model turns, its limit";
    }
    if (used.usage().totalTokens() >= limits.maxTokens()) {
      return "budget exceeded: the run used "
          + used.usage().totalTokens()
          + " tokens, limit "
          + limits.maxTokens();
    }
    if (Duration.between(run.createdAt(), now()).compareTo(limits.maxWallTime()) > 0) {
      return "budget exceeded: the run is older than its wall-time limit of "
          + limits.maxWallTime();
    }
    if (used.costMicros() >= limits.maxCostMicros()) {
      return "budget exceeded: the run's model cost is "
          + used.costMicros()
          + " micros, limit "
          + limits.maxCostMicros();
    }
    if (runtime.quotas() != null) {
      var quota = runtime.quotas().beforeModelTurn(run.tenant(), agent.name());
      if (quota != null) {
        return "budget exceeded: " + quota;
      }
    }
    return null;
  }

  private RunRecord suspend(List<String> waits) {
    var waitingOn = String.join(",", waits);
    run =
        runtime
            .runStore()
            .checkpoint(
                run.withStatus(RunStatus.WAITING, null, null, waitingOn, now()), checkpoint);
    runtime.emit(new RunEvent.Suspended(run.id(), agent.name(), now(), List.copyOf(waits)));
    // Something it waits on may have been settled while it was suspending.
    for (var wait : waits) {
      if (settled(wait)) {
        return runtime.resumeIfWaiting(run.tenant(), run.id());
      }
    }
    return run;
  }

  private boolean settled(String wait) {
    if (wait.startsWith("approval:")) {
      return runtime
          .approvalStore()
          .find(run.tenant(), ApprovalId.of(wait.substring(9)))
          .map(a -> a.status().decided())
          .orElse(false);
    }
    if (wait.startsWith("run:")) {
      return runtime
          .runStore()
          .find(run.tenant(), RunId.of(wait.substring(4)))
          .map(r -> r.status().terminal())
          .orElse(false);
    }
    return false;
  }

  private RunRecord fail(String error) {
    var message = error == null ? "failed" : error;
    try {
      run = runtime.runStore().update(run.withStatus(RunStatus.FAILED, null, message, null, now()));
    } catch (Conflict conflict) {
      return afterConflict(conflict);
    }
    span.recordError("run_failed", message);
    runtime.emit(new RunEvent.Failed(run.id(), agent.name(), now(), message));
    notifyParent();
    return run;
  }

  private RunRecord cancelled(String reason) {
    var current = runtime.runStore().require(run.tenant(), run.id());
    if (current.status() != RunStatus.CANCELLED) {
      current =
          runtime
              .runStore()
              .update(current.withStatus(RunStatus.CANCELLED, null, reason, null, now()));
      runtime.emit(new RunEvent.Cancelled(run.id(), agent.name(), now(), reason));
    }
    run = current;
    notifyParent();
    return run;
  }

  /** Another writer changed the run: cancelled elsewhere, or resumed twice. */
  private RunRecord afterConflict(Conflict conflict) {
    var current = runtime.runStore().require(run.tenant(), run.id());
    run = current;
    if (current.status() == RunStatus.CANCELLED) {
      notifyParent();
    }
    return current;
  }

  private void notifyParent() {
    if (run.parentId() != null) {
      runtime.resumeIfWaiting(run.tenant(), run.parentId());
    }
  }

  private void decided(ToolCall call, Decision decision) {
    runtime.emit(
        new RunEvent.GateDecided(run.id(), agent.name(), now(), call.id(), call.name(), decision));
  }

  private void finished(ToolResult result, Duration took, boolean replayed) {
    runtime.emit(new RunEvent.ToolFinished(run.id(), agent.name(), now(), result, took, replayed));
  }

  private RunRecord touched() {
    return run.withStatus(RunStatus.RUNNING, null, null, null, now());
  }

  private java.time.Instant now() {
    return runtime.clock().instant();
  }

  private static String describe(Throwable e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  private static void sleep(Duration duration) {
    if (duration.isZero() || duration.isNegative()) {
      return;
    }
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ModelFailure("interrupted while waiting to retry the model", false, e);
    }
  }
}
