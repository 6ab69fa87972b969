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
import dev.colony.core.approval.ApprovalVote;
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
        Fixtures.approval(tenant, "apr-1", RUN, "call_1", T0).withVote(Fixtures.approve("bob", T0));

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

  private Approval createdNeedingTwo(String id) {
    var one = Fixtures.approval(tenant, id, RUN, "call_2", T0);
    var two =
        new Approval(
            one.id(),
            one.tenant(),
            one.runId(),
            one.callId(),
            one.tool(),
            one.arguments(),
            one.argumentsDigest(),
            one.tier(),
            one.requestedBy(),
            one.status(),
            null,
            null,
            one.createdAt(),
            null,
            2,
            java.util.List.of(),
            null);
    approvals.create(two);
    return two;
  }

  @Test
  void anApproveVoteApprovesASingleApproverApprovalAndKeepsItsToken() {
    var approval = created("apr-1");
    var at = T0.plusSeconds(60);

    var decided = approvals.vote(tenant, approval.id(), Fixtures.approve("bob", at));

    assertThat(decided).isEqualTo(approval.withVote(Fixtures.approve("bob", at)));
    assertThat(decided.status()).isEqualTo(ApprovalStatus.APPROVED);
    assertThat(decided.votes().getFirst().token()).isEqualTo("eyJhbGciOiJFUzI1NiJ9.e30.c2ln");
    assertThat(approvals.find(tenant, approval.id())).contains(decided);
  }

  @Test
  void anApprovalNeedingTwoStaysPendingAfterOneVoteAndIsApprovedByASecondPerson() {
    var approval = createdNeedingTwo("apr-2");

    var afterOne = approvals.vote(tenant, approval.id(), Fixtures.approve("bob", T0));
    var afterTwo = approvals.vote(tenant, approval.id(), Fixtures.approve("carol", T0));

    assertThat(afterOne.status()).isEqualTo(ApprovalStatus.PENDING);
    assertThat(afterTwo.status()).isEqualTo(ApprovalStatus.APPROVED);
    assertThat(afterTwo.decidedBy()).isEqualTo("bob, carol");
    assertThat(approvals.find(tenant, approval.id())).contains(afterTwo);
  }

  @Test
  void onePersonCannotVoteTwice() {
    var approval = createdNeedingTwo("apr-2");
    var afterOne = approvals.vote(tenant, approval.id(), Fixtures.approve("bob", T0));

    assertThatThrownBy(() -> approvals.vote(tenant, afterOne.id(), Fixtures.approve("bob", T0)))
        .isInstanceOf(Conflict.class)
        .hasMessageContaining("bob has voted already");
    assertThat(approvals.find(tenant, approval.id())).contains(afterOne);
  }

  @Test
  void votingOnADecidedApprovalThrowsConflictAndKeepsTheFirstDecision() {
    var approval = created("apr-1");
    var first = approvals.vote(tenant, approval.id(), Fixtures.deny("bob", T0));

    assertThatThrownBy(() -> approvals.vote(tenant, approval.id(), Fixtures.approve("mallory", T0)))
        .isInstanceOf(Conflict.class)
        .hasMessageContaining("already decided: DENIED by 'bob'");
    assertThat(approvals.find(tenant, approval.id())).contains(first);
  }

  @Test
  void concurrentVotesHaveExactlyOneWinner() throws Exception {
    var approval = created("apr-1");

    var race =
        race(
            16,
            i -> {
              var vote = i % 2 == 0 ? Fixtures.approve("a-" + i, T0) : Fixtures.deny("a-" + i, T0);
              return () -> approvals.vote(tenant, approval.id(), vote);
            });

    assertThat(race.returned()).hasSize(1);
    assertThat(race.thrown()).hasSize(15).allMatch(Conflict.class::isInstance);
    assertThat(approvals.find(tenant, approval.id())).contains(race.returned().getFirst());
  }

  @Test
  void aVoteWithABlankApproverIsRefused() {
    var approval = created("apr-1");

    assertThatThrownBy(
            () ->
                approvals.vote(tenant, approval.id(), new ApprovalVote(" ", true, null, T0, null)))
        .isInstanceOf(InvalidInput.class)
        .hasMessageContaining("approver");
    assertThat(approvals.find(tenant, approval.id())).contains(approval);
  }

  @Test
  void votingOnAnUnknownApprovalThrowsNotFound() {
    assertThatThrownBy(
            () -> approvals.vote(tenant, ApprovalId.of("apr-missing"), Fixtures.approve("bob", T0)))
        .isInstanceOf(NotFound.class);
  }

  @Test
  void anApprovalIsUsedByOneCallAndAgainOnlyByTheSameCall() {
    var approval = created("apr-1");
    approvals.vote(tenant, approval.id(), Fixtures.approve("bob", T0));

    var used = approvals.consume(tenant, approval.id(), "run-1/call_1");
    var retried = approvals.consume(tenant, approval.id(), "run-1/call_1");

    assertThat(used.consumedBy()).isEqualTo("run-1/call_1");
    assertThat(retried).isEqualTo(used);
    assertThatThrownBy(() -> approvals.consume(tenant, approval.id(), "run-1/call_9"))
        .isInstanceOf(Conflict.class)
        .hasMessageContaining("already used by call run-1/call_1");
    assertThat(approvals.find(tenant, approval.id())).contains(used);
  }

  @Test
  void aPendingOrDeniedApprovalCannotBeUsed() {
    var pending = created("apr-1");
    var denied = created("apr-2");
    approvals.vote(tenant, denied.id(), Fixtures.deny("bob", T0));

    assertThatThrownBy(() -> approvals.consume(tenant, pending.id(), "k"))
        .isInstanceOf(Conflict.class)
        .hasMessageContaining("is PENDING, not APPROVED");
    assertThatThrownBy(() -> approvals.consume(tenant, denied.id(), "k"))
        .isInstanceOf(Conflict.class)
        .hasMessageContaining("is DENIED, not APPROVED");
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
    approvals.vote(tenant, ApprovalId.of("apr-0"), Fixtures.approve("bob", T0));

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
  void anotherTenantCannotVoteOnOrUseAnApproval() {
    var approval = created("apr-1");

    assertThatThrownBy(
            () -> approvals.vote(otherTenant, approval.id(), Fixtures.approve("mallory", T0)))
        .isInstanceOf(NotFound.class)
        .hasMessage("approval 'apr-1' not found");
    assertThatThrownBy(() -> approvals.consume(otherTenant, approval.id(), "k"))
        .isInstanceOf(NotFound.class);
    assertThat(approvals.find(tenant, approval.id())).contains(approval);
  }
}
