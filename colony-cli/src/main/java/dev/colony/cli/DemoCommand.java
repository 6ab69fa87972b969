package dev.colony.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.colony.core.approval.Approval;
import dev.colony.core.approval.ApprovalStatus;
import dev.colony.core.run.RunListener;
import dev.colony.core.run.RunRecord;
import dev.colony.core.run.RunStatus;
import dev.colony.examples.retail.RetailAgents;
import dev.colony.examples.retail.RetailData;
import dev.colony.examples.retail.RetailSupport;
import dev.colony.server.Node;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code colony demo retail}: the support case end to end on this machine. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Run the retail support case end to end: a customer charged twice for order 1001, one of"
          + " its two items missing and needed tomorrow.",
      "The run stops for a person to approve the refund."
    })
final class DemoCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "CASE", description = "The demo to run: retail.")
  String name;

  @Option(
      names = "--yes",
      description = "Approve every request as a labelled stand-in for a person (unattended runs).")
  boolean yes;

  @Option(names = "--json", description = "Print only a JSON summary of the outcome.")
  boolean json;

  @Mixin NodeOptions node;

  @Override
  public Integer call() throws Exception {
    if (!"retail".equals(name)) {
      throw new dev.colony.core.InvalidInput(
          "CASE", "unknown demo '" + name + "'; the demo is: retail");
    }
    var out = spec.commandLine().getOut();
    var err = spec.commandLine().getErr();
    RunListener listener = json ? RunListener.none() : new EventPrinter(out);
    try (var colony = Node.open(node.config(), listener)) {
      var tenant = colony.config().tenant();
      var data = colony.database().dataSource();
      RetailData.reset(data, tenant);
      if (!json) {
        out.println("Colony retail support demo");
        out.println("  model: " + colony.modelDescription());
        out.println("  store: " + colony.storeDescription());
        out.println(
            "  acting for: "
                + colony.config().user()
                + " (authentication is off on the embedded node)");
        out.println();
        out.flush();
      }
      var runtime = colony.runtime();
      var run =
          runtime.start(RetailAgents.SUPPORT, colony.localEnvelope(), RetailSupport.CASE_REQUEST);
      var console = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      while (run.status() == RunStatus.WAITING) {
        var pending = pendingFor(colony, run);
        if (pending.isEmpty()) {
          break;
        }
        var approval = pending.getFirst();
        var prompt = json ? err : out;
        prompt.println();
        prompt.println(
            "Approval needed "
                + approval.id()
                + ": "
                + approval.tool()
                + " ("
                + approval.tier()
                + ")");
        prompt.println("  arguments: " + approval.arguments());
        prompt.println("  requested by: " + approval.requestedBy() + ", run " + approval.runId());
        if (yes) {
          prompt.println("  --yes: approving as a stand-in for a person (demo-approver)");
          prompt.flush();
          runtime.approve(tenant, approval.id(), "demo-approver", "approved by --yes");
        } else {
          prompt.print("Approve? [y/N] ");
          prompt.flush();
          var answer = console.readLine();
          if (System.console() == null) {
            prompt.println(answer == null ? "" : answer);
          }
          if (answer == null) {
            prompt.println();
            prompt.println("No answer; the run stays paused. Approve it later with:");
            prompt.println("  ./colony approvals approve " + approval.id());
            prompt.flush();
            break;
          }
          if (answer.trim().equalsIgnoreCase("y") || answer.trim().equalsIgnoreCase("yes")) {
            runtime.approve(
                tenant, approval.id(), colony.config().user().id(), "approved at the demo prompt");
          } else {
            runtime.deny(
                tenant, approval.id(), colony.config().user().id(), "declined at the demo prompt");
          }
        }
        run = runtime.run(tenant, run.id()).orElseThrow();
      }
      var outcome = RetailSupport.outcome(runtime, data, tenant, run);
      var ledger = colony.verifyLedger();
      if (json) {
        var summary = outcome.toMap();
        summary.put("ledgerVerified", ledger.ok());
        out.println(new ObjectMapper().writeValueAsString(summary));
      } else {
        printOutcome(out, outcome);
        out.println();
        out.println("colony audit verify: " + ledger.summary());
      }
      out.flush();
      if (!ledger.ok()) {
        return 1;
      }
      return switch (outcome.status()) {
        case "RESOLVED", "WAITING_FOR_APPROVAL" -> 0;
        default -> 1;
      };
    }
  }

  private static List<Approval> pendingFor(Node colony, RunRecord root) {
    var runtime = colony.runtime();
    var tenant = colony.config().tenant();
    return runtime.approvals(tenant, ApprovalStatus.PENDING).stream()
        .filter(a -> runtime.root(tenant, a.runId()).id().equals(root.id()))
        .toList();
  }

  private static void printOutcome(PrintWriter out, RetailSupport.Outcome outcome) {
    out.println();
    out.println("Outcome: " + outcome.status());
    out.println(
        "  refunds: "
            + outcome.refunds()
            + ", reshipments: "
            + outcome.reshipments()
            + ", approvals: "
            + outcome.approvals()
            + ", run: "
            + outcome.runId());
    if (outcome.answer() != null) {
      out.println();
      out.println(outcome.answer());
    }
  }
}
