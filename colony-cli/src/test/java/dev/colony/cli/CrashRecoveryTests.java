package dev.colony.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.colony.core.TenantId;
import dev.colony.core.run.RunStatus;
import dev.colony.examples.retail.OrderTools;
import dev.colony.examples.retail.PaymentTools;
import dev.colony.examples.retail.RetailAgents;
import dev.colony.store.Database;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kills a real demo process while the refund waits, then approves from a new process. */
class CrashRecoveryTests {
  private static final Pattern APPROVAL = Pattern.compile("Approval needed (apr-[0-9a-f-]+):");

  @TempDir Path data;

  private Process colony(String... args) throws Exception {
    var command = new ArrayList<String>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.add("--enable-native-access=ALL-UNNAMED");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Main.class.getName());
    command.addAll(List.of(args));
    command.add("--data");
    command.add(data.toString());
    return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
  }

  @Test
  void aDemoKilledWhileTheRefundWaitsIsCompletedByApprovingInANewProcessWithOneRefund()
      throws Exception {
    var demo = colony("demo", "retail");
    String approvalId = null;
    var seen = new StringBuilder();
    try (var out =
        new BufferedReader(new InputStreamReader(demo.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        seen.append(line).append('\n');
        var m = APPROVAL.matcher(line);
        if (m.find()) {
          approvalId = m.group(1);
        }
        if (line.startsWith("  requested by:") && approvalId != null) {
          break; // the prompt is next: the refund now waits for a person
        }
      }
      assertThat(approvalId).as("demo output:\n%s", seen).isNotNull();
      demo.destroyForcibly(); // SIGKILL
      assertThat(demo.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(demo.exitValue()).isEqualTo(137);

    var approve = colony("approvals", "approve", approvalId, "--as", "alice");
    var output = new String(approve.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(approve.waitFor(120, TimeUnit.SECONDS)).isTrue();

    assertThat(approve.exitValue()).as(output).isZero();
    assertThat(output).contains("approval " + approvalId + " approved by alice");
    assertThat(output).contains("[support] COMPLETED");
    try (var db = Database.embedded(data)) {
      var tenant = TenantId.DEFAULT;
      assertThat(PaymentTools.refunds(db.dataSource(), tenant, "1001")).isEqualTo(1);
      assertThat(OrderTools.reshipments(db.dataSource(), tenant, "1001")).isEqualTo(1);
      var support =
          db.runStore().list(tenant, null, 50).stream()
              .filter(r -> r.agent().equals(RetailAgents.SUPPORT))
              .toList();
      assertThat(support)
          .singleElement()
          .satisfies(r -> assertThat(r.status()).isEqualTo(RunStatus.COMPLETED));
    }
  }
}
