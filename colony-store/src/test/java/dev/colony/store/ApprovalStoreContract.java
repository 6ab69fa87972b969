package dev.colony.store;

import static dev.colony.store.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.colony.core.Conflict;
import dev.colony.core.InvalidInput;
import dev.colony.core.NotFound;
import dev.colony.core.RunId;
import dev.colony.core.approval.Approval;
import dev.colony.core.approval.ApprovalId;
import dev.colony.core.approval.ApprovalStatus;
import dev.colony.core.store.ApprovalStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link ApprovalStore} must do; subclasses name the database. */
abstract class ApprovalStoreContract extends StoreContract {
  private static final RunId RUN = RunId.of("run-1");

  private ApprovalStore approvals;

  ApprovalStoreContract(Backend backend) {
    super(backend);
  }

  @BeforeEach
  void approvalStore() {
    approvals = database.approvalStore();
  }

  private Approval created(String id) {
    var approval = Fixtures.approval(tenant, id, RUN, "call_" + id, T0);
    approvals.create(approval);
    return approval;
  }

  @Test
  void createStoresAPendingApprovalThatFindReturns() {
    var approval = created("apr-1");

    assertThat(approvals.find(tenant, approval.id())).contains(approval);
    assertThat(approvals.require(tenant, approval.id())).isEqualTo(approval);
  }

  @Test
  void createOfAnExistingIdThrowsConflict() {
    var approval = created("apr-1");

    assertThatThrownBy(() -> approvals.create(approval))
        .isInstanceOf(Conflict.class)
        .hasMessageContaining("apr-1");
  }

  @Test
  void createRefusesAnApprovalThatIsAlreadyDecided() {
    var decided =
        Fixtures.approval(tenant, "apr-1", RUN, "call_1", T0)
            .decide(ApprovalStatus.APPROVED, "bob", null, T0);

    assertThatThrownBy(() -> approvals.create(decided))
        .isInstanceOf(InvalidInput.class)
        .hasMessage("approval.status: must be PENDING for a new approval, got APPROVED");
    assertThat(approvals.find(tenant, decided.id())).isEmpty();
  }

  @Test
  void requireOfAnUnknownApprovalThrowsNotFound() {
    assertThatThrownBy(() -> approvals.require(tenant, ApprovalId.of("apr-missing")))
        .isInstanceOf(NotFound.class)
        .hasMessage("approval 'apr-missing' not found");
  }

  @Test
  void decideApprovesAPendingApprovalAndReturnsIt() {
    var approval = created("apr-1");
    var at = T0.plusSeconds(60);

    var decided =
        approvals.decide(tenant, approval.id(), ApprovalStatus.APPROVED, "bob", "looks right", at);

    assertThat(decided)
        .isEqualTo(approval.decide(ApprovalStatus.APPROVED, "bob", "looks right", at));
    assertThat(approvals.find(tenant, approval.id())).contains(decided);
  }

  @Test
  void decidingTwiceThrowsConflictAndKeepsTheFirstDecision() {
    var approval = created("apr-1");
    var first = approvals.decide(tenant, approval.id(), ApprovalStatus.DENIED, "bob", null, T0);

    assertThatThrownBy(
            () ->
                approvals.decide(
                    tenant, approval.id(), ApprovalStatus.APPROVED, "mallory", "override", T0))
        .isInstanceOf(Conflict.class)
        .hasMessageContaining("already decided: DENIED by 'bob'");
    assertThat(approvals.find(tenant, approval.id())).contains(first);
  }

  @Test
  void concurrentDecisionsHaveExactlyOneWinner() throws Exception {
    var approval = created("apr-1");

    var race =
        race(
            16,
            i -> {
              var decision = i % 2 == 0 ? ApprovalStatus.APPROVED : ApprovalStatus.DENIED;
              return () -> approvals.decide(tenant, approval.id(), decision, "a-" + i, null, T0);
            });

    assertThat(race.returned()).hasSize(1);
    assertThat(race.thrown()).hasSize(15).allMatch(Conflict.class::isInstance);
    assertThat(approvals.find(tenant, approval.id())).contains(race.returned().getFirst());
  }

  @Test
  void decideRefusesPendingAsADecision() {
    var approval = created("apr-1");

    assertThatThrownBy(
            () -> approvals.decide(tenant, approval.id(), ApprovalStatus.PENDING, "bob", null, T0))
        .isInstanceOf(InvalidInput.class)
        .hasMessage("decision: must be APPROVED or DENIED, got PENDING");
  }

  @Test
  void decideRefusesABlankDecider() {
    var approval = created("apr-1");

    assertThatThrownBy(
            () -> approvals.decide(tenant, approval.id(), ApprovalStatus.APPROVED, " ", null, T0))
        .isInstanceOf(InvalidInput.class)
        .hasMessageContaining("decidedBy");
    assertThat(approvals.find(tenant, approval.id())).contains(approval);
  }

  @Test
  void decideOfAnUnknownApprovalThrowsNotFound() {
    assertThatThrownBy(
            () ->
                approvals.decide(
                    tenant, ApprovalId.of("apr-missing"), ApprovalStatus.APPROVED, "bob", null, T0))
        .isInstanceOf(NotFound.class);
  }

  @Test
  void findForCallReturnsTheNewestApprovalOfThatCall() {
    var older = Fixtures.approval(tenant, "apr-1", RUN, "call_1", T0);
    var newer = Fixtures.approval(tenant, "apr-2", RUN, "call_1", T0.plusSeconds(1));
    approvals.create(older);
    approvals.create(newer);

    assertThat(approvals.findForCall(tenant, RUN, "call_1")).contains(newer);
    assertThat(approvals.findForCall(tenant, RUN, "call_2")).isEmpty();
    assertThat(approvals.findForCall(tenant, RunId.of("run-2"), "call_1")).isEmpty();
  }

  @Test
  void listReturnsTheOldestFirstFilteredByStatusUpToTheLimit() {
    for (int i = 0; i < 4; i++) {
      approvals.create(Fixtures.approval(tenant, "apr-" + i, RUN, "call_" + i, T0.plusSeconds(i)));
    }
    approvals.decide(tenant, ApprovalId.of("apr-0"), ApprovalStatus.APPROVED, "bob", null, T0);

    assertThat(approvals.list(tenant, ApprovalStatus.PENDING, 2))
        .extracting(a -> a.id().value())
        .containsExactly("apr-1", "apr-2");
    assertThat(approvals.list(tenant, ApprovalStatus.APPROVED, 10))
        .extracting(a -> a.id().value())
        .containsExactly("apr-0");
    assertThat(approvals.list(tenant, null, 10)).hasSize(4);
  }

  @Test
  void anotherTenantCannotSeeAnApproval() {
    var approval = created("apr-1");

    assertThat(approvals.find(otherTenant, approval.id())).isEmpty();
    assertThat(approvals.findForCall(otherTenant, RUN, approval.callId())).isEmpty();
    assertThat(approvals.list(otherTenant, null, 10)).isEmpty();
  }

  @Test
  void anotherTenantCannotDecideAnApproval() {
    var approval = created("apr-1");

    assertThatThrownBy(
            () ->
                approvals.decide(
                    otherTenant, approval.id(), ApprovalStatus.APPROVED, "mallory", null, T0))
        .isInstanceOf(NotFound.class)
        .hasMessage("approval 'apr-1' not found");
    assertThat(approvals.find(tenant, approval.id())).contains(approval);
  }
}
