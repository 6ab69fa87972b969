package dev.colony.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.colony.audit.EntryKind;
import dev.colony.audit.Ledger;
import dev.colony.audit.LedgerRecord;
import dev.colony.core.RunId;
import dev.colony.server.Node;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code colony audit verify | show --run ID}. */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description = "Verify the audit ledger, or show what was decided in a run.",
    subcommands = {AuditCommand.Verify.class, AuditCommand.Show.class})
final class AuditCommand {
  @Command(
      name = "verify",
      mixinStandardHelpOptions = true,
      description = {
        "Recompute the ledger's hash chain, Merkle tree and signed checkpoints, and name the first",
        "bad entry: edited, deleted, reordered, appended behind its back, or a truncated tail.",
        "Exit status 0 when it verifies, 1 when it does not."
      })
  static final class Verify implements Callable<Integer> {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--json", description = "Print the report as one JSON object.")
    boolean json;

    @Mixin NodeOptions node;

    @Override
    public Integer call() throws Exception {
      var out = spec.commandLine().getOut();
      try (var colony = Node.open(node.config())) {
        var report = colony.verifyLedger();
        if (json) {
          var view = new LinkedHashMap<String, Object>();
          view.put("ok", report.ok());
          view.put("entries", report.entriesChecked());
          view.put("checkpoints", report.checkpointsChecked());
          view.put("checkpointedSize", report.checkpointedSize());
          view.put(
              "firstBadEntry",
              report.firstBadEntry().isPresent() ? report.firstBadEntry().getAsLong() : null);
          view.put(
              "findings",
              report.findings().stream()
                  .map(
                      f ->
                          java.util.Map.of(
                              "problem",
                              f.problem().name(),
                              "entry",
                              f.seq(),
                              "message",
                              f.message()))
                  .toList());
          view.put("notes", report.notes());
          out.println(new ObjectMapper().writeValueAsString(view));
        } else {
          out.println(report.summary());
        }
        return report.ok() ? 0 : 1;
      }
    }
  }

  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = {
        "Print a run's ledger entries. A call to a tool with an effect has an INTENT entry, written",
        "before the tool ran, then its outcome; an INTENT without an outcome is marked NO OUTCOME:",
        "the call is in flight, or its process stopped before the outcome was written."
      })
  static final class Show implements Callable<Integer> {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--run", required = true, paramLabel = "ID", description = "The run.")
    String run;

    @Mixin NodeOptions node;

    @Override
    public Integer call() {
      var out = spec.commandLine().getOut();
      try (var colony = Node.open(node.config())) {
        var entries =
            Ledger.entries(colony.database().dataSource(), colony.config().tenant(), RunId.of(run));
        if (entries.isEmpty()) {
          out.println("no ledger entries for run " + run);
        }
        for (int i = 0; i < entries.size(); i++) {
          var record = entries.get(i);
          var e = record.entry();
          out.println(
              String.format(
                  "%6d %s %-18s %-15s %-10s %s%s%s",
                  record.seq(),
                  record.recordedAt(),
                  e.kind(),
                  e.tool(),
                  e.tier(),
                  e.reason(),
                  e.policies().isEmpty() ? "" : " " + e.policies(),
                  e.kind() == EntryKind.INTENT && !hasOutcome(entries, i)
                      ? " -- NO OUTCOME: in flight, or its process stopped (or the ledger"
                          + " failed) before the outcome was written; the effect may or may not"
                          + " have happened"
                      : ""));
        }
        return 0;
      }
    }

    /**
     * Whether the intent at {@code index} is followed by its call's outcome (same call and span)
     * before the call is intended again (a resumed run repeating it).
     */
    static boolean hasOutcome(List<LedgerRecord> entries, int index) {
      var intent = entries.get(index).entry();
      for (var later : entries.subList(index + 1, entries.size())) {
        var e = later.entry();
        if (!e.callId().equals(intent.callId())) {
          continue;
        }
        if (e.kind() == EntryKind.INTENT) {
          return false;
        }
        if (e.kind().outcome() && Objects.equals(e.spanId(), intent.spanId())) {
          return true;
        }
      }
      return false;
    }
  }
}
