package dev.colony.store.internal;

import dev.colony.core.ColonyException;
import dev.colony.core.Conflict;
import dev.colony.core.InvalidInput;
import dev.colony.core.NotFound;
import dev.colony.core.Principal;
import dev.colony.core.RunId;
import dev.colony.core.TenantId;
import dev.colony.core.approval.Approval;
import dev.colony.core.approval.ApprovalId;
import dev.colony.core.approval.ApprovalStatus;
import dev.colony.core.approval.ApprovalVote;
import dev.colony.core.store.ApprovalStore;
import dev.colony.core.tool.RiskTier;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * An {@link ApprovalStore} on the {@code colony_approvals} table. Thread-safe: it keeps no state of
 * its own; every call borrows a pooled connection. {@link #vote} and {@link #consume} read the row
 * with {@code SELECT ... FOR UPDATE} and write it in the same transaction, so concurrent voters are
 * serialized and exactly one of two conflicting writers succeeds. Instants are stored to the
 * microsecond. Call ids are unique only within a model turn, so when one call id of a run was asked
 * about more than once, {@link #findForCall} returns the newest approval.
 */
public final class JdbcApprovalStore implements ApprovalStore {
  private static final String COLUMNS =
      "tenant, id, run_id, call_id, tool, arguments, arguments_digest, tier, requested_by_kind,"
          + " requested_by_id, status, decided_by, reason, created_at, decided_at, required, votes,"
          + " consumed_by";
  private static final String SELECT = "SELECT " + COLUMNS + " FROM colony_approvals";

  private final Sql sql;

  /** A store on a database whose schema Colony's migrations have created. */
  public JdbcApprovalStore(DataSource dataSource) {
    this.sql = new Sql(Objects.requireNonNull(dataSource, "dataSource"));
  }

  @Override
  public void create(Approval approval) {
    Objects.requireNonNull(approval, "approval");
    if (approval.status() != ApprovalStatus.PENDING) {
      throw new InvalidInput(
          "approval.status", "must be PENDING for a new approval, got " + approval.status());
    }
    var values =
        new Object[] {
          approval.tenant().value(),
          approval.id().value(),
          approval.runId().value(),
          Checks.required("approval.callId", approval.callId(), Checks.NAME),
          Checks.required("approval.tool", approval.tool(), Checks.NAME),
          Checks.text("approval.arguments", approval.arguments(), 0),
          Checks.required("approval.argumentsDigest", approval.argumentsDigest(), Checks.DIGEST),
          approval.tier(),
          approval.requestedBy().kind(),
          Checks.text("approval.requestedBy.id", approval.requestedBy().id(), Checks.NAME),
          approval.status(),
          Checks.text("approval.decidedBy", approval.decidedBy(), Checks.NAME),
          Checks.text("approval.reason", approval.reason(), 0),
          approval.createdAt(),
          approval.decidedAt(),
          approval.required(),
          JsonCodec.writeVotes(approval.votes()),
          approval.consumedBy()
        };
    sql.withConnection(
        "create approval '" + approval.id() + "' in tenant '" + approval.tenant() + "'",
        connection -> {
          try {
            return Sql.update(
                connection,
                "INSERT INTO colony_approvals ("
                    + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                values);
          } catch (SQLException e) {
            if (Sql.isUniqueViolation(e)) {
              throw new Conflict(
                  "approval '"
                      + approval.id()
                      + "' already exists in tenant '"
                      + approval.tenant()
                      + "'");
            }
            throw e;
          }
        });
  }

  @Override
  public Optional<Approval> find(TenantId tenant, ApprovalId id) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(id, "id");
    return sql.withConnection(
        "find approval '" + id + "' in tenant '" + tenant + "'",
        connection ->
            Sql.one(
                connection,
                JdbcApprovalStore::approval,
                SELECT + " WHERE tenant = ? AND id = ?",
                tenant.value(),
                id.value()));
  }

  @Override
  public Optional<Approval> findForCall(TenantId tenant, RunId runId, String callId) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(callId, "callId");
    return sql.withConnection(
        "find the approval for call '" + callId + "' of run '" + runId + "'",
        connection ->
            Sql.one(
                connection,
                JdbcApprovalStore::approval,
                SELECT
                    + " WHERE tenant = ? AND run_id = ? AND call_id = ?"
                    + " ORDER BY created_at DESC, id DESC LIMIT 1",
                tenant.value(),
                runId.value(),
                callId));
  }

  @Override
  public Approval vote(TenantId tenant, ApprovalId id, ApprovalVote vote) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(vote, "vote");
    Checks.required("approver", vote.approver(), Checks.NAME);
    Checks.text("reason", vote.reason(), 0);
    return sql.inTransaction(
        "vote on approval '" + id + "' in tenant '" + tenant + "'",
        connection -> {
          var current = locked(connection, tenant, id);
          var voted = current.withVote(vote);
          Sql.update(
              connection,
              "UPDATE colony_approvals SET status = ?, decided_by = ?, reason = ?, decided_at = ?,"
                  + " votes = ? WHERE tenant = ? AND id = ?",
              voted.status(),
              voted.decidedBy(),
              voted.reason(),
              voted.decidedAt(),
              JsonCodec.writeVotes(voted.votes()),
              tenant.value(),
              id.value());
          return locked(connection, tenant, id);
        });
  }

  @Override
  public Approval consume(TenantId tenant, ApprovalId id, String idempotencyKey) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(id, "id");
    Checks.text("idempotencyKey", idempotencyKey, 0);
    return sql.inTransaction(
        "use approval '" + id + "' in tenant '" + tenant + "'",
        connection -> {
          var current = locked(connection, tenant, id);
          if (current.status() != ApprovalStatus.APPROVED) {
            throw new Conflict("approval '" + id + "' is " + current.status() + ", not APPROVED");
          }
          if (current.consumedBy() != null) {
            if (current.consumedBy().equals(idempotencyKey)) {
              return current;
            }
            throw new Conflict(
                "approval '" + id + "' was already used by call " + current.consumedBy());
          }
          Sql.update(
              connection,
              "UPDATE colony_approvals SET consumed_by = ? WHERE tenant = ? AND id = ?",
              idempotencyKey,
              tenant.value(),
              id.value());
          return current.consumedBy(idempotencyKey);
        });
  }

  /** The approval, its row locked until the transaction ends. */
  private static Approval locked(java.sql.Connection connection, TenantId tenant, ApprovalId id)
      throws SQLException {
    return Sql.one(
            connection,
            JdbcApprovalStore::approval,
            SELECT + " WHERE tenant = ? AND id = ? FOR UPDATE",
            tenant.value(),
            id.value())
        .orElseThrow(() -> new NotFound("approval", id.value()));
  }

  @Override
  public List<Approval> list(TenantId tenant, ApprovalStatus status, int limit) {
    Objects.requireNonNull(tenant, "tenant");
    Checks.limit(limit);
    var oldestFirst = " ORDER BY created_at ASC, id ASC LIMIT ?";
    return sql.withConnection(
        "list approvals of tenant '" + tenant + "'",
        connection ->
            status == null
                ? Sql.list(
                    connection,
                    JdbcApprovalStore::approval,
                    SELECT + " WHERE tenant = ?" + oldestFirst,
                    tenant.value(),
                    limit)
                : Sql.list(
                    connection,
                    JdbcApprovalStore::approval,
                    SELECT + " WHERE tenant = ? AND status = ?" + oldestFirst,
                    tenant.value(),
                    status,
                    limit));
  }

  private static Approval approval(ResultSet row) throws SQLException {
    var id = row.getString("id");
    try {
      return new Approval(
          ApprovalId.of(id),
          TenantId.of(row.getString("tenant")),
          RunId.of(row.getString("run_id")),
          row.getString("call_id"),
          row.getString("tool"),
          row.getString("arguments"),
          row.getString("arguments_digest"),
          Sql.enumValue(row, "tier", RiskTier.class),
          new Principal(
              Sql.enumValue(row, "requested_by_kind", Principal.Kind.class),
              row.getString("requested_by_id")),
          Sql.enumValue(row, "status", ApprovalStatus.class),
          row.getString("decided_by"),
          row.getString("reason"),
          Sql.instant(row, "created_at"),
          Sql.instant(row, "decided_at"),
          row.getInt("required"),
          JsonCodec.readVotes(row.getString("votes")),
          row.getString("consumed_by"));
    } catch (ColonyException e) {
      throw new ColonyException("approval '" + id + "': " + e.getMessage(), e);
    }
  }
}
