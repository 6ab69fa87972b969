package dev.colony.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each rule of {@link ColonyRules}, run over the deliberately bad classes in {@code fixtures},
 * reports the class that breaks it and leaves the fixtures that keep it alone.
 *
 * <p>The fixtures live outside {@code dev.colony} and in test sources, so the real rules never see
 * them.
 */
class ColonyRulesCatchViolationsTests {
  private static final String ROOT = "fixtures";
  private static final JavaClasses FIXTURES = new ClassFileImporter().importPackages(ROOT);

  @Test
  void importSeesTheFixtures() {
    assertThat(FIXTURES.contain(fixtures.core.CoreUsingALibrary.class)).isTrue();
  }

  @Test
  void packageCycleIsReported() {
    var violations = violations(ColonyRules.noPackageCycles(ROOT));

    assertThat(violations)
        .anyMatch(
            line ->
                line.contains("fixtures.cycle.a.Ping") && line.contains("fixtures.cycle.b.Pong"));
  }

  @Test
  void packagesWithoutCyclesAreNotReported() {
    var violations = String.join("\n", violations(ColonyRules.noPackageCycles(ROOT)));

    assertThat(violations).doesNotContain("fixtures.orders").doesNotContain("fixtures.core");
  }

  @Test
  void coreUsingALibraryIsReported() {
    var violations = violations(ColonyRules.coreUsesOnlyTheJdk(ROOT));

    assertThat(violations)
        .anyMatch(
            line ->
                line.contains("fixtures.core.CoreUsingALibrary")
                    && line.contains("org.assertj.core.api.Condition"));
  }

  @Test
  void coreUsingOnlyTheJdkIsNotReported() {
    var violations = violations(ColonyRules.coreUsesOnlyTheJdk(ROOT));

    assertThat(violations).noneMatch(line -> line.contains("fixtures.core.JdkOnlyValue"));
  }

  @Test
  void internalClassUsedFromAnotherModuleIsReported() {
    var violations = violations(ColonyRules.internalsStayInTheirModule(ROOT));

    assertThat(violations)
        .anyMatch(
            line ->
                line.contains("fixtures.payments.PaymentService")
                    && line.contains("fixtures.orders.internal.OrderCache"));
  }

  @Test
  void internalClassUsedInItsOwnModuleIsNotReported() {
    var violations = violations(ColonyRules.internalsStayInTheirModule(ROOT));

    assertThat(violations).noneMatch(line -> line.contains("fixtures.orders.OrderService"));
  }

  @Test
  void standardStreamsOutsideTheCliAreReported() {
    var violations = violations(ColonyRules.onlyTheCliUsesStandardStreams(ROOT));

    assertThat(violations)
        .anyMatch(
            line ->
                line.contains("fixtures.payments.ConsoleReporter") && line.contains("System.out"))
        .anyMatch(
            line ->
                line.contains("fixtures.payments.ConsoleReporter") && line.contains("System.err"))
        .anyMatch(
            line ->
                line.contains("fixtures.payments.ConsoleReporter")
                    && line.contains("printStackTrace"));
  }

  @Test
  void standardStreamsInTheCliAreNotReported() {
    var violations = violations(ColonyRules.onlyTheCliUsesStandardStreams(ROOT));

    assertThat(violations).noneMatch(line -> line.contains("fixtures.cli.Main"));
  }

  @Test
  void javaUtilLoggingIsReported() {
    var violations = violations(ColonyRules.noJavaUtilLogging(ROOT));

    assertThat(violations)
        .anyMatch(
            line ->
                line.contains("fixtures.payments.JulLogging")
                    && line.contains("java.util.logging.Logger"));
  }

  @Test
  void javaUtilLoggingWithoutALoggerFieldIsReported() {
    var violations = violations(ColonyRules.noJavaUtilLogging(ROOT));

    assertThat(violations)
        .anyMatch(
            line ->
                line.contains("fixtures.payments.JulWithoutAField")
                    && line.contains("java.util.logging.Logger.warning"));
  }

  @Test
  void runtimeUsingJdbcIsReported() {
    var violations = violations(ColonyRules.runtimeStaysFreeOfAdapterLibraries(ROOT));

    assertThat(violations)
        .anyMatch(
            line ->
                line.contains("fixtures.runtime.RuntimeUsingJdbc")
                    && line.contains("java.sql.Connection"));
  }

  @Test
  void runtimeUsingOnlyTheJdkIsNotReported() {
    var violations = violations(ColonyRules.runtimeStaysFreeOfAdapterLibraries(ROOT));

    assertThat(violations).noneMatch(line -> line.contains("fixtures.runtime.RuntimeLoop"));
  }

  @Test
  void moduleIsTheFirstPackageBelowTheRoot() {
    assertThat(ColonyRules.moduleOf("dev.colony", "dev.colony.runtime.gate.internal"))
        .isEqualTo("runtime");
    assertThat(ColonyRules.moduleOf("dev.colony", "dev.colony.core")).isEqualTo("core");
    assertThat(ColonyRules.moduleOf("dev.colony", "dev.colonyx.core")).isNull();
  }

  private static List<String> violations(ArchRule rule) {
    var result = rule.evaluate(FIXTURES);
    return result.getFailureReport().getDetails();
  }
}
