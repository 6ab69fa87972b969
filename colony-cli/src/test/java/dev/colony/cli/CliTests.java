package dev.colony.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTests {
  @TempDir Path data;

  record Result(int exit, String out, String err) {}

  private Result colony(String... args) {
    var out = new StringWriter();
    var err = new StringWriter();
    var cli = Main.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    var all = new ArrayList<>(List.of(args));
    if (!List.of("--help", "--version").contains(args[0])) {
      all.add("--data");
      all.add(data.toString());
    }
    int exit = cli.execute(all.toArray(String[]::new));
    return new Result(exit, out.toString(), err.toString());
  }

  @Test
  void theUnattendedDemoPrintsOneJsonObjectWithTheResolvedCase() throws Exception {
    var result = colony("demo", "retail", "--yes", "--json");

    assertThat(result.exit()).as(result.err()).isZero();
    var json = new ObjectMapper().readTree(result.out());
    assertThat(json.path("status").asText()).isEqualTo("RESOLVED");
    assertThat(json.path("refunds").asInt()).isEqualTo(1);
    assertThat(json.path("reshipments").asInt()).isEqualTo(1);
    assertThat(json.path("approvals").asInt()).isEqualTo(1);
    assertThat(json.path("ledgerVerified").asBoolean()).isTrue();
    assertThat(result.err()).contains("--yes: approving as a stand-in for a person");
  }

  @Test
  void theDemoPrintsWhichAgentActedWhichToolItCalledAndWhatTheGateDecided() {
    var result = colony("demo", "retail", "--yes");

    assertThat(result.exit()).isZero();
    assertThat(result.out())
        .contains("model: offline-planner (deterministic, not an LLM)")
        .contains("payments gate ALLOW list_charges: tier READ")
        .contains("payments gate NEEDS APPROVAL refund_charge: tier WRITE_HIGH")
        .contains(
            "orders gate ALLOW reship_item: tier WRITE_LOW: allowed within the limits of"
                + " reship-next-day-within-cost")
        .contains("Outcome: RESOLVED");
  }

  @Test
  void runningTheDemoAgainStartsTheCaseAfresh() throws Exception {
    colony("demo", "retail", "--yes", "--json");

    var again = colony("demo", "retail", "--yes", "--json");

    var json = new ObjectMapper().readTree(again.out());
    assertThat(json.path("status").asText()).isEqualTo("RESOLVED");
    assertThat(json.path("refunds").asInt()).isEqualTo(1);
  }

  @Test
  void aRevokedOrchestratorCannotDelegateAndTheCaseIsNotResolved() throws Exception {
    var revoked = colony("agents", "revoke", "support");

    var demo = colony("demo", "retail", "--yes", "--json");

    assertThat(revoked.out()).contains("agent support revoked");
    var json = new ObjectMapper().readTree(demo.out());
    assertThat(demo.exit()).isEqualTo(1);
    assertThat(json.path("status").asText()).isEqualTo("UNRESOLVED");
    assertThat(json.path("refunds").asInt()).isZero();
    assertThat(json.path("answer").asText())
        .contains("the hop to agent 'orders' was refused: revoked");
  }

  @Test
  void aReinstatedAgentWorksAgain() throws Exception {
    colony("agents", "revoke", "support");
    var reinstated = colony("agents", "reinstate", "support");

    var demo = colony("demo", "retail", "--yes", "--json");

    assertThat(reinstated.out()).contains("agent support reinstated with key support-");
    assertThat(new ObjectMapper().readTree(demo.out()).path("status").asText())
        .isEqualTo("RESOLVED");
  }

  @Test
  void revokingAnUnknownAgentSaysSo() {
    var result = colony("agents", "revoke", "ghost");

    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.err()).contains("agent 'ghost' not found");
  }

  @Test
  void theLedgerOfTheDemoVerifiesAndShowsTheRefundDecisions() throws Exception {
    colony("demo", "retail", "--yes", "--json");

    var verify = colony("audit", "verify", "--json");
    var report = new ObjectMapper().readTree(verify.out());
    var payments =
        colony("runs", "list")
            .out()
            .lines()
            .filter(l -> l.contains(" payments "))
            .findFirst()
            .orElseThrow();
    var shown = colony("audit", "show", "--run", payments.split(" ")[0]);

    assertThat(verify.exit()).isZero();
    assertThat(report.path("ok").asBoolean()).isTrue();
    assertThat(report.path("entries").asInt()).isGreaterThan(10);
    assertThat(shown.out())
        .contains("APPROVAL_REQUESTED")
        .contains("APPROVED")
        .contains("INTENT             refund_charge")
        .contains("EXECUTED           refund_charge")
        .doesNotContain("NO OUTCOME");
    assertThat(shown.out().indexOf("INTENT             refund_charge"))
        .isLessThan(shown.out().indexOf("EXECUTED           refund_charge"));
  }

  @Test
  void anIntentWithoutAnOutcomeIsMarkedByAuditShowAndTheLedgerStillVerifies() throws Exception {
    colony("demo", "retail", "--yes", "--json");
    // What a process killed while the refund ran leaves: its intent, and nothing after it.
    try (var db = dev.colony.store.Database.embedded(data);
        var ledger =
            dev.colony.audit.Ledger.open(
                db.dataSource(), dev.colony.audit.LedgerConfig.builder(data).build())) {
      ledger.append(
          new dev.colony.audit.LedgerEntry(
              dev.colony.audit.EntryKind.INTENT,
              dev.colony.core.TenantId.DEFAULT,
              dev.colony.core.RunId.of("run-cut-off"),
              "r1",
              "payments",
              List.of("user:rep-7", "agent:payments"),
              "refund_charge",
              dev.colony.core.tool.RiskTier.WRITE_HIGH,
              null,
              "tier WRITE_HIGH: approved by alice",
              List.of("approval:apr-1"),
              "c".repeat(64),
              null,
              null,
              null,
              false,
              "4bf92f3577b34da6a3ce929d0e0e4736",
              "00f067aa0ba902b7"));
    }

    var shown = colony("audit", "show", "--run", "run-cut-off");
    var verify = colony("audit", "verify");

    assertThat(shown.out())
        .contains("INTENT             refund_charge")
        .contains("NO OUTCOME: in flight, or its process stopped");
    assertThat(verify.exit()).as(verify.out()).isZero();
  }

  @Test
  void anEditedLedgerEntryIsNamedByAuditVerify() throws Exception {
    colony("demo", "retail", "--yes", "--json");
    long refund;
    try (var db = dev.colony.store.Database.embedded(data);
        var connection = db.dataSource().getConnection();
        var statement = connection.createStatement()) {
      try (var rows =
          statement.executeQuery(
              "SELECT seq FROM colony_ledger WHERE entry LIKE '%\"EXECUTED\"%'"
                  + " AND entry LIKE '%refund_charge%'")) {
        rows.next();
        refund = rows.getLong(1);
      }
      // What someone with the database's password could do: drop the guard, rewrite history.
      statement.execute("DROP TRIGGER colony_ledger_append_only");
      statement.executeUpdate(
          "UPDATE colony_ledger SET entry = REPLACE(entry, 'refund_charge', 'get_invoice')"
              + " WHERE seq = "
              + refund);
    }

    var verify = colony("audit", "verify");

    assertThat(verify.exit()).isEqualTo(1);
    assertThat(verify.out()).contains("entry " + refund);
  }

  @Test
  void aPolicyFileThatDoesNotValidateStopsTheNodeWithItsLocation() throws Exception {
    var bad = data.resolveSibling("bad-" + data.getFileName() + ".cedar");
    java.nio.file.Files.writeString(
        bad,
        "permit (principal, action == Colony::Action::\"reship_item\", resource)\n"
            + "when { context.input.cost <= 20 };\n");

    var result = colony("agents", "--policies", bad.toString());

    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.err()).contains(bad.getFileName() + ":2:").contains("input.cost");
  }

  @Test
  void anUnknownDemoIsRefusedWithTheChoices() {
    var result = colony("demo", "bank");

    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.err()).contains("unknown demo 'bank'; the demo is: retail");
  }

  @Test
  void approvingAnUnknownApprovalSaysSoAndChangesNothing() {
    var result = colony("approvals", "approve", "apr-missing");

    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.err()).contains("approval 'apr-missing' not found");
    assertThat(colony("runs", "list").out()).contains("no runs");
  }

  @Test
  void anUnknownAgentIsNamedInTheError() {
    var result = colony("run", "nobody", "hello");

    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.err()).contains("agent 'nobody' not found");
  }

  @Test
  void aMalformedRunIdIsRefusedWithTheRule() {
    var result = colony("runs", "show", "bad id!");

    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.err()).contains("runId: must be 1 to 128 letters");
  }

  @Test
  void everyCommandHasHelp() {
    for (var command : List.of("demo", "run", "runs", "approvals", "agents", "audit", "up")) {
      // (agents revoke and reinstate are checked below)
      var cli = Main.commandLine();
      var out = new StringWriter();
      cli.setOut(new PrintWriter(out, true));
      assertThat(cli.execute(command, "--help")).isZero();
      assertThat(out.toString()).contains("Usage: colony " + command);
    }
  }

  @Test
  void aRunThatWaitsListsItsPendingApproval() {
    var result =
        colony(
            "run",
            "payments",
            "Order 1001 may have been charged twice. Check its charges and refund the duplicate.");

    assertThat(result.exit()).isZero();
    assertThat(result.out()).contains("WAITING on approval:apr-").contains("refund_charge");
    assertThat(colony("approvals", "list").out()).contains("PENDING").contains("refund_charge");
  }

  @Test
  void aDevelopmentTokenIsForTheNamedUserWithTheAskedScopesAndOpensTheApi() throws Exception {
    var result = colony("auth", "token", "--user", "alice", "--scope", "colony:read,orders:read");

    assertThat(result.exit()).as(result.err()).isZero();
    var token = result.out().strip();
    var claims =
        new ObjectMapper().readTree(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]));
    assertThat(claims.path("sub").asText()).isEqualTo("alice");
    assertThat(claims.path("scope").asText()).isEqualTo("colony:read orders:read");
    assertThat(claims.path("aud").asText()).isEqualTo("colony");
    try (var node =
        dev.colony.server.Node.open(dev.colony.server.NodeConfig.defaults().withDataDir(data))) {
      var caller = node.auth().authenticate("Bearer " + token);
      assertThat(caller.user()).isEqualTo(dev.colony.core.Principal.user("alice"));
      assertThat(caller.envelope().scopes())
          .containsExactlyInAnyOrder("colony:read", "orders:read");
    }
  }

  @Test
  void aBadTokenLifetimeOrAuthModeIsNamed() {
    var lifetime = colony("auth", "token", "--lifetime", "forever");
    assertThat(lifetime.exit()).isNotZero();
    assertThat(lifetime.err()).contains("--lifetime: must be a duration such as 30m or 8h");

    var tooLong = colony("auth", "token", "--lifetime", "48h");
    assertThat(tooLong.exit()).isNotZero();
    assertThat(tooLong.err()).contains("lifetime: must be 1 s to 24 h");

    var mode = colony("up", "--auth", "maybe", "--port", "0");
    assertThat(mode.exit()).isNotZero();
    assertThat(mode.err()).contains("--auth: must be off, development or oidc, got 'maybe'");
  }

  @Test
  void aQuotaOnTheNodeStopsAnAgentOverItsToolCallsAndTheCaseSaysSo() throws Exception {
    var result =
        colony("demo", "retail", "--yes", "--json", "--quota", "agent=payments,window=1h,calls=1");

    assertThat(result.exit()).as(result.err()).isNotZero();
    var json = new ObjectMapper().readTree(result.out());
    assertThat(json.path("refunds").asInt()).isZero();
    assertThat(json.path("ledgerVerified").asBoolean()).isTrue();

    var bad = colony("demo", "retail", "--yes", "--quota", "window=1h,calls=many");
    assertThat(bad.exit()).isNotZero();
    assertThat(bad.err())
        .contains("--quota: calls must be a whole number of at least 0, got 'many'");
  }

  @Test
  void aRotatedAgentKeepsWorkingWithItsNewKeyAndTheOldOneStaysPublishedForItsGrace()
      throws Exception {
    var rotated = colony("keys", "rotate", "payments");

    assertThat(rotated.exit()).as(rotated.err()).isZero();
    assertThat(rotated.out()).contains("agent:payments now signs with key payments-");
    var kid = rotated.out().replaceAll("(?s).*with key (\\S+);.*", "$1");
    try (var node =
        dev.colony.server.Node.open(dev.colony.server.NodeConfig.defaults().withDataDir(data))) {
      var jwks = new ObjectMapper().readTree(node.keys().jwks());
      var payments = new ArrayList<String>();
      jwks.path("keys")
          .forEach(
              k -> {
                if (k.path("kid").asText().startsWith("payments-")) {
                  payments.add(k.path("kid").asText());
                }
              });
      assertThat(payments).contains(kid).hasSize(2);
    }
    var demo = colony("demo", "retail", "--yes", "--json");
    assertThat(new ObjectMapper().readTree(demo.out()).path("status").asText())
        .isEqualTo("RESOLVED");

    var approvals = colony("keys", "rotate", "approvals", "--grace", "30m");
    assertThat(approvals.out()).contains("service:approvals now signs with key");
  }

  @Test
  void rotatingAnUnknownOwnerOrWithTooShortAGraceIsRefused() {
    var unknown = colony("keys", "rotate", "ghost");
    assertThat(unknown.exit()).isNotZero();
    assertThat(unknown.err()).contains("agent 'ghost' not found");

    var tooShort = colony("keys", "rotate", "payments", "--grace", "10s");
    assertThat(tooShort.exit()).isNotZero();
    assertThat(tooShort.err()).contains("grace: must be at least 65 s, got 10");
  }
}
