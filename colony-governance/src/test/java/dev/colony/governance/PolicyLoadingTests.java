package dev.colony.governance;

import static dev.colony.governance.Calls.tool;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cedarpolicy.model.policy.PolicySet;
import dev.colony.core.ColonyException;
import dev.colony.core.tool.RiskTier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyLoadingTests {
  static final List<dev.colony.core.tool.ToolSpec> TOOLS = RetailTools.specs();

  private static List<String> problems(PolicyFile... files) {
    try {
      CedarPolicyEngine.builder(TOOLS).policies(files).build();
    } catch (PolicyLoadException e) {
      return e.problems().stream().map(PolicyLoadException.Problem::toString).toList();
    }
    throw new AssertionError("the policies loaded");
  }

  @Test
  void theRetailPoliciesLoadAndValidateAgainstTheSchema() {
    var engine = RetailPolicyTests.retailEngine();

    assertThat(engine.policyIds())
        .contains(
            "orders-reads",
            "reship-next-day-within-cost",
            "payments-may-request-refunds",
            "no-refund-over-500",
            "writes-need-a-person");
    assertThat(engine.schema()).contains("action \"reship_item\" in [\"tier:WRITE_LOW\"]");
  }

  @Test
  void aSyntaxErrorIsReportedWithFileLineAndColumn() {
    var file =
        PolicyFile.of(
            "bad.cedar",
            """
            // reads
            permit (principal, action == Colony::Action::"get_order", resource);

            permit (principal, action == Colony::Action::"get_shipments", resource)
            when { 1 + };
            """);

    assertThat(problems(file))
        .singleElement()
        .asString()
        .startsWith("bad.cedar:5:12: unexpected token `}`");
  }

  @Test
  void anUnknownAttributeFailsValidationWithFileLineAndColumn() {
    var file =
        PolicyFile.of(
            "orders.cedar",
            """
            permit (principal, action == Colony::Action::"reship_item", resource)
            when { context.input.cost == 3 };
            """);

    assertThat(problems(file))
        .singleElement()
        .asString()
        .startsWith("orders.cedar:2:8: ")
        .contains("attribute `input.cost`")
        .contains("not found");
  }

  @Test
  void comparingADecimalArgumentWithLessThanFailsValidationWithItsLocation() {
    var file =
        PolicyFile.of(
            "orders.cedar",
            """
            permit (principal, action == Colony::Action::"reship_item", resource)
            when { context.input.max_cost <= 20 };
            """);

    assertThat(problems(file))
        .first()
        .asString()
        .startsWith("orders.cedar:2:8: ")
        .contains("but saw decimal");
  }

  @Test
  void validationIsStrict() {
    var file =
        PolicyFile.of(
            "mixed.cedar",
            "permit (principal, action == Colony::Action::\"get_order\", resource)\n"
                + "when { [1, \"a\"].contains(1) };");

    assertThat(problems(file)).singleElement().asString().startsWith("mixed.cedar:2:8: ");
  }

  @Test
  void everyProblemInEveryFileIsReportedAtOnceInFileOrder() {
    var first =
        PolicyFile.of(
            "a.cedar",
            """
            permit (principal, action == Colony::Action::"get_order", resource)
            when { context.input.nope };
            permit (principal, action, resource) when { ( };
            """);
    var second = PolicyFile.of("b.cedar", "forbid (principal, action, resource)\nwhen { 1 };\n");

    assertThat(problems(first, second))
        .hasSize(3)
        .satisfiesExactly(
            p -> assertThat(p).startsWith("a.cedar:2:8: "),
            p -> assertThat(p).startsWith("a.cedar:3:47: "),
            p -> assertThat(p).startsWith("b.cedar:2:8: ").contains("Bool"));
  }

  @Test
  void columnsCountCharactersNotBytes() {
    var file =
        PolicyFile.of(
            "utf8.cedar",
            "permit (principal, action, resource)\nwhen { resource.name == \"größe\" && context.nope };\n");

    assertThat(problems(file))
        .singleElement()
        .asString()
        .startsWith("utf8.cedar:2:36: attribute `nope` in context for Colony::Action::")
        .endsWith("(and for 12 more actions)");
  }

  @Test
  void aPolicyIdUsedTwiceIsRefusedNamingBothPlaces() {
    var first = PolicyFile.of("a.cedar", "@id(\"reads\")\npermit (principal, action, resource);\n");
    var second =
        PolicyFile.of("b.cedar", "\n@id(\"reads\")\nforbid (principal, action, resource);");

    assertThat(problems(first, second))
        .singleElement()
        .asString()
        .isEqualTo("b.cedar:2:1: policy id 'reads' is already used by the policy at a.cedar:1");
  }

  @Test
  void policiesWithoutAnIdAreNamedAfterTheirFileAndPlaceInIt() {
    var engine =
        Calls.engine(
            TOOLS,
            """
            @id("first") permit (principal, action == Colony::Action::"get_order", resource);
            permit (principal, action == Colony::Action::"get_order", resource);
            """);

    assertThat(engine.policyIds()).containsExactlyInAnyOrder("first", "test.cedar#2");
  }

  @Test
  void aLastPolicyWithoutItsSemicolonIsAnError() {
    var file = PolicyFile.of("open.cedar", "permit (principal, action, resource)\n");

    assertThat(problems(file))
        .singleElement()
        .asString()
        .startsWith("open.cedar:1:")
        .contains("unexpected end of input");
  }

  @Test
  void semicolonsInStringsAndCommentsDoNotSplitPolicies() {
    var engine =
        Calls.engine(
            TOOLS,
            """
            // a comment; with a semicolon
            @id("odd;id") @reason("a \\"quoted\\" reason; still one policy")
            permit (principal, action == Colony::Action::"cancel_order", resource)
            when { context.input.reason == "fraud; confirmed" };
            """);

    assertThat(engine.policyIds()).containsExactly("odd;id");
  }

  @Test
  void aPolicyNamingAToolTheNodeDoesNotServeIsRefused() {
    var file =
        PolicyFile.of(
            "x.cedar", "permit (principal, action == Colony::Action::\"drop_db\", resource);");

    assertThat(problems(file))
        .contains(
            "x.cedar:1:30: unrecognized action `Colony::Action::\"drop_db\"` (did you mean"
                + " `Colony::Action::\"get_order\"`?)");
  }

  @Test
  void aTemplateIsRefused() {
    var file = PolicyFile.of("t.cedar", "permit (principal == ?principal, action, resource);");

    assertThat(problems(file)).singleElement().asString().contains("template");
  }

  @Test
  void policyFilesAreReadFromADirectoryInNameOrder(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("b.cedar"), "permit (principal, action, resource);");
    Files.writeString(dir.resolve("a.cedar"), "forbid (principal, action, resource);");
    Files.writeString(dir.resolve("notes.txt"), "not a policy");

    var files = PolicyFile.read(dir);

    assertThat(files)
        .extracting(f -> Path.of(f.name()).getFileName().toString())
        .containsExactly("a.cedar", "b.cedar");
    assertThat(CedarPolicyEngine.load(List.of(dir), TOOLS).policyIds())
        .containsExactlyInAnyOrder("a.cedar#1", "b.cedar#1");
  }

  @Test
  void aMissingPolicyFileIsReportedByPath(@TempDir Path dir) {
    assertThatThrownBy(() -> PolicyFile.read(dir.resolve("absent.cedar")))
        .hasMessageContaining("absent.cedar")
        .hasMessageContaining("no such policy file");
  }

  @Test
  void twoDifferentToolsWithOneNameAreRefused() {
    var tools = List.of(tool("x", RiskTier.READ), tool("x", RiskTier.CRITICAL));

    assertThatThrownBy(() -> CedarPolicyEngine.builder(tools).build())
        .isInstanceOf(PolicyLoadException.class)
        .hasMessageContaining("two different tools are named 'x'");
  }

  @Test
  void anEngineNeedingMorePolicySetsThanCedarCachesFailsNamingTheLimit() {
    var tools = List.of(tool("lookup", RiskTier.READ), tool("wipe", RiskTier.CRITICAL));
    var policies =
        PolicyFile.of(
            "test.cedar",
            """
            permit (principal == Colony::Agent::"a", action == Colony::Action::"lookup", resource);
            permit (principal == Colony::Agent::"b", action == Colony::Action::"wipe", resource);
            """);
    // Two policy sets, one per tool; cedar-java's cache is global, so restore its limit after.
    PolicySet.setCacheMaxPolicySets(1);
    try {
      assertThatThrownBy(() -> CedarPolicyEngine.builder(tools).policies(policies).build())
          .isInstanceOf(ColonyException.class)
          .hasMessageContaining("Policy set cache is full")
          .hasMessageContaining(
              "cedar-java caches at most cedar.cache.maxPolicySets (a system property, 1024 by"
                  + " default) policy sets in a JVM, for all its engines together");
    } finally {
      PolicySet.setCacheMaxPolicySets(
          Integer.getInteger(PolicyIndex.CACHE_LIMIT_PROPERTY, PolicyIndex.DEFAULT_CACHE_LIMIT));
    }
  }
}
