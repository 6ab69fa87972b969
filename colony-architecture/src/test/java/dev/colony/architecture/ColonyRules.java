package dev.colony.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.GeneralCodingRules;

/**
 * The architecture rules of STYLE.md, for the classes under a root package.
 *
 * <p>The root is {@code dev.colony} for the real code and {@code fixtures} for the deliberately bad
 * classes that prove each rule reports what it should. A module is approximated by the first
 * package below the root: {@code dev.colony.runtime.gate} belongs to {@code runtime}.
 */
final class ColonyRules {
  private ColonyRules() {}

  /** No two packages below the root depend on each other, directly or through others. */
  static ArchRule noPackageCycles(String root) {
    return slices()
        .matching(root + ".(**)")
        .namingSlices("package " + root + ".$1")
        .should()
        .beFreeOfCycles()
        .because("STYLE.md: no package cycles");
  }

  /** The core module uses nothing but the JDK and itself. */
  static ArchRule coreUsesOnlyTheJdk(String root) {
    return classes()
        .that()
        .resideInAPackage(root + ".core..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("java..", root + ".core..")
        .because("STYLE.md: colony-core imports only java.*");
  }

  /** Classes in an {@code ..internal..} package are used only from their own module. */
  static ArchRule internalsStayInTheirModule(String root) {
    return classes()
        .that()
        .resideInAPackage(root + "..")
        .should(notUseInternalsOfAnotherModule(root))
        .because("STYLE.md: ..internal.. is not used outside its module");
  }

  /**
   * Only the command line writes to standard output and standard error (and the benchmark
   * harnesses, which are command-line programs that print their figures).
   */
  static ArchRule onlyTheCliUsesStandardStreams(String root) {
    return noClasses()
        .that()
        .resideInAPackage(root + "..")
        .and()
        .resideOutsideOfPackages(root + ".cli..", root + ".bench..")
        .should(GeneralCodingRules.ACCESS_STANDARD_STREAMS)
        .because("STYLE.md: no System.out outside the CLI");
  }

  /**
   * Nothing logs through {@code java.util.logging}. Stricter than ArchUnit's {@code
   * USE_JAVA_UTIL_LOGGING}, which only catches setting a field of a JUL type and misses {@code
   * Logger.getLogger(...).info(...)}.
   */
  static ArchRule noJavaUtilLogging(String root) {
    return noClasses()
        .that()
        .resideInAPackage(root + "..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("java.util.logging..")
        .because("STYLE.md: no java.util.logging");
  }

  /**
   * The runtime knows the gate's interfaces, not JDBC, OpenTelemetry, Cedar, Nimbus or Javalin
   * (DESIGN.md section 3). It may be empty while the runtime is being written.
   */
  static ArchRule runtimeStaysFreeOfAdapterLibraries(String root) {
    return noClasses()
        .that()
        .resideInAPackage(root + ".runtime..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "java.sql..",
            "javax.sql..",
            "io.opentelemetry..",
            "com.cedarpolicy..",
            "com.nimbusds..",
            "io.javalin..")
        .because(
            "DESIGN.md 3: the runtime knows the Gate's interceptor interface, not the adapters")
        .allowEmptyShould(true);
  }

  private static ArchCondition<JavaClass> notUseInternalsOfAnotherModule(String root) {
    return new ArchCondition<>("not use ..internal.. classes of another module") {
      @Override
      public void check(JavaClass origin, ConditionEvents events) {
        var originModule = moduleOf(root, origin.getPackageName());
        for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
          var targetPackage = dependency.getTargetClass().getBaseComponentType().getPackageName();
          var targetModule = moduleOf(root, targetPackage);
          if (targetModule != null
              && isInternal(targetPackage)
              && !targetModule.equals(originModule)) {
            events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
          }
        }
      }
    };
  }

  /** The first package segment below the root, or {@code null} for a package outside it. */
  static String moduleOf(String root, String packageName) {
    if (!packageName.startsWith(root + ".")) {
      return null;
    }
    var rest = packageName.substring(root.length() + 1);
    var dot = rest.indexOf('.');
    return dot < 0 ? rest : rest.substring(0, dot);
  }

  private static boolean isInternal(String packageName) {
    return ("." + packageName + ".").contains(".internal.");
  }
}
