package dev.colony.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * STYLE.md's architecture rules over the main classes of every module.
 *
 * <p>This module depends on colony-cli and colony-bench, which bring in every other module. Test
 * classes are left out of the import, so tests may print and the rule fixtures stay invisible.
 */
class ArchitectureTests {
  private static final String ROOT = "dev.colony";
  private static final JavaClasses COLONY =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages(ROOT);

  @Test
  void importSeesTheMainClassesOfColonyCore() {
    assertThat(COLONY.contain("dev.colony.core.Envelope")).isTrue();
    assertThat(COLONY.contain("dev.colony.core.telemetry.Telemetry")).isTrue();
  }

  @Test
  void importLeavesOutTestClassesAndFixtures() {
    assertThat(COLONY.contain(ArchitectureTests.class)).isFalse();
    assertThat(COLONY.stream().map(JavaClass::getPackageName))
        .allMatch(name -> name.equals(ROOT) || name.startsWith(ROOT + "."));
  }

  @Test
  void packagesHaveNoCycles() {
    ColonyRules.noPackageCycles(ROOT).check(COLONY);
  }

  @Test
  void coreUsesOnlyTheJdk() {
    ColonyRules.coreUsesOnlyTheJdk(ROOT).check(COLONY);
  }

  @Test
  void internalPackagesAreUsedOnlyInTheirModule() {
    ColonyRules.internalsStayInTheirModule(ROOT).check(COLONY);
  }

  @Test
  void onlyTheCliUsesStandardStreams() {
    ColonyRules.onlyTheCliUsesStandardStreams(ROOT).check(COLONY);
  }

  @Test
  void nothingUsesJavaUtilLogging() {
    ColonyRules.noJavaUtilLogging(ROOT).check(COLONY);
  }

  @Test
  void runtimeStaysFreeOfAdapterLibraries() {
    ColonyRules.runtimeStaysFreeOfAdapterLibraries(ROOT).check(COLONY);
  }
}
