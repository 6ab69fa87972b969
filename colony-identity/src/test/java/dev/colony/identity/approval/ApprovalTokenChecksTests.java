package dev.colony.identity.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.colony.core.InvalidInput;
import dev.colony.core.RunId;
import dev.colony.core.TenantId;
import dev.colony.core.approval.ApprovalId;
import dev.colony.core.identity.ApprovalGrant;
import dev.colony.core.identity.IdentityRejected;
import dev.colony.identity.InMemoryKeyVault;
import dev.colony.identity.KeyRing;
import dev.colony.identity.TestClock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class ApprovalTokenChecksTests {
  private static final TenantId ACME = TenantId.of("acme");
  private static final String ARGUMENTS = "{\"order\":\"A-1\",\"amount\":25}";

  private final TestClock clock = TestClock.atNewYear();
  private final KeyRing keys = KeyRing.builder(new InMemoryKeyVault()).clock(clock).build();
  private final SignedApprovalTokens tokens = SignedApprovalTokens.create(keys);
  private final ApprovalTokenChecks checks =
      new ApprovalTokenChecks(new InMemoryUsedTokens(clock), clock);
  private final ApprovalBinding call =
      ApprovalBinding.ofArguments(
          ACME, RunId.of("run-1"), "call-1", "refund", ARGUMENTS, Set.of("refunds:write"));
  private final ApprovalGrant grant =
      new ApprovalGrant(
          "tok-1",
          ApprovalId.of("apr-1"),
          ACME,
          RunId.of("run-1"),
          "call-1",
          "refund",
          call.argumentsDigest(),
          "bob",
          Set.of("refunds:write"),
          clock.instant().plus(Duration.ofMinutes(15)));

  @Test
  void verifiedTokenForExactlyThisCallPasses() {
    var verified = tokens.verify(tokens.issue(grant));

    assertThatCode(() -> checks.check(verified, call)).doesNotThrowAnyException();
  }

  @Test
  void reusedTokenIsRefused() {
    var token = tokens.issue(grant);
    checks.check(tokens.verify(token), call);

    assertRefused(() -> checks.check(tokens.verify(token), call), "replayed", "already used");
  }

  @Test
  void tokenForOtherArgumentsIsRefused() {
    var other =
        ApprovalBinding.ofArguments(
            ACME,
            RunId.of("run-1"),
            "call-1",
            "refund",
            "{\"order\":\"A-1\",\"amount\":2500}",
            Set.of());

    assertRefused(() -> checks.check(grant, other), "binding", "arguments digest");
  }

  @Test
  void tokenForAnotherToolIsRefused() {
    var other =
        new ApprovalBinding(
            ACME, RunId.of("run-1"), "call-1", "delete_account", call.argumentsDigest(), Set.of());

    assertRefused(
        () -> checks.check(grant, other),
        "binding",
        "tool: expected 'delete_account', found 'refund'");
  }

  @Test
  void tokenForAnotherRunIsRefused() {
    var other =
        new ApprovalBinding(
            ACME, RunId.of("run-2"), "call-1", "refund", call.argumentsDigest(), Set.of());

    assertRefused(
        () -> checks.check(grant, other), "binding", "run: expected 'run-2', found 'run-1'");
  }

  @Test
  void tokenForAnotherCallIsRefused() {
    var other =
        new ApprovalBinding(
            ACME, RunId.of("run-1"), "call-2", "refund", call.argumentsDigest(), Set.of());

    assertRefused(() -> checks.check(grant, other), "binding", "call: expected 'call-2'");
  }

  @Test
  void tokenForAnotherTenantIsRefused() {
    var other =
        new ApprovalBinding(
            TenantId.of("globex"),
            RunId.of("run-1"),
            "call-1",
            "refund",
            call.argumentsDigest(),
            Set.of());

    assertRefused(
        () -> checks.check(grant, other), "binding", "tenant: expected 'globex', found 'acme'");
  }

  @Test
  void tokenThatExpiredAfterVerificationIsRefused() {
    var verified = tokens.verify(tokens.issue(grant));
    clock.advance(Duration.ofMinutes(16));

    assertRefused(() -> checks.check(verified, call), "expired", "expired at");
  }

  @Test
  void tokenNotCoveringTheScopeTheCallNeedsIsRefused() {
    var needsMore =
        ApprovalBinding.ofArguments(
            ACME,
            RunId.of("run-1"),
            "call-1",
            "refund",
            ARGUMENTS,
            Set.of("refunds:write", "refunds:large"));

    assertRefused(() -> checks.check(grant, needsMore), "binding", "scope");
  }

  @Test
  void tokenPresentedForTheWrongCallIsNotUsedUp() {
    var other =
        new ApprovalBinding(
            ACME, RunId.of("run-1"), "call-1", "delete_account", call.argumentsDigest(), Set.of());
    assertThatThrownBy(() -> checks.check(grant, other)).isInstanceOf(IdentityRejected.class);

    assertThatCode(() -> checks.check(grant, call)).doesNotThrowAnyException();
  }

  @Test
  void ofManyConcurrentUsesOfOneTokenExactlyOnePasses() throws Exception {
    var passed = new AtomicInteger();
    Callable<Void> use =
        () -> {
          try {
            checks.check(grant, call);
            passed.incrementAndGet();
          } catch (IdentityRejected e) {
            // the others are refused
          }
          return null;
        };
    try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
      executor.invokeAll(java.util.Collections.nCopies(32, use));
    }

    assertThat(passed).hasValue(1);
  }

  @Test
  void argumentsDigestIsTheSameForTheSameJsonWrittenDifferently() {
    assertThat(ApprovalBinding.argumentsDigest("{ \"amount\": 25.0, \"order\": \"A-1\" }"))
        .isEqualTo(ApprovalBinding.argumentsDigest(ARGUMENTS))
        .hasSize(64);
  }

  @Test
  void argumentsThatAreNotJsonAreRefused() {
    assertThatThrownBy(() -> ApprovalBinding.argumentsDigest("{amount: 25"))
        .isInstanceOf(InvalidInput.class);
  }

  private static void assertRefused(ThrowingCallable call, String check, String detail) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            IdentityRejected.class,
            e -> {
              assertThat(e.check()).as(e.getMessage()).isEqualTo(check);
              assertThat(e.getMessage()).contains(detail);
            });
  }
}
