package dev.colony.examples.retail;

import dev.colony.core.TenantId;
import dev.colony.core.approval.ApprovalStatus;
import dev.colony.core.run.RunRecord;
import dev.colony.runtime.AgentRuntime;
import dev.colony.runtime.gate.TierPolicy;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The retail support case, ready to install on a node: data, tools, agents and policy.
 *
 * <pre>{@code
 * RetailSupport.prepare(dataSource, tenant);
 * var runtime = RetailSupport.install(AgentRuntime.builder(), dataSource, clock)
 *     .stores(...).models(...).gate(g -> g.policy(RetailSupport.policy())).build();
 * runtime.start(RetailAgents.SUPPORT, envelope, RetailSupport.CASE_REQUEST);
 * }</pre>
 */
public final class RetailSupport {
  /** What the support representative passes on from the customer. */
  public static final String CASE_REQUEST =
      "Customer cust-42 writes: I was charged twice for order 1001, and one of its two items"
          + " never arrived. I need it tomorrow, it is a gift.";

  /** The most a reshipment may cost without a person's approval (EUR). */
  public static final double RESHIP_COST_LIMIT = 20;

  private RetailSupport() {}

  /** Creates the example's tables and seeds the case for the tenant (idempotent). */
  public static void prepare(DataSource dataSource, TenantId tenant) {
    RetailData.migrate(dataSource);
    RetailData.seed(dataSource, tenant);
  }

  /** Registers the example's tools and agents on a runtime builder. */
  public static AgentRuntime.Builder install(
      AgentRuntime.Builder builder, DataSource dataSource, Clock clock) {
    builder
        .tools(new OrderTools(dataSource, clock))
        .tools(new PaymentTools(dataSource, clock))
        .tools(new InventoryTools(dataSource, clock));
    RetailAgents.specs().forEach(builder::agent);
    return builder;
  }

  /** The Cedar policy files of the case, as classpath resources (policies/retail/). */
  public static final java.util.List<String> POLICY_RESOURCES =
      java.util.List.of(
          "policies/retail/guardrails.cedar",
          "policies/retail/inventory.cedar",
          "policies/retail/orders.cedar",
          "policies/retail/payments.cedar",
          "policies/retail/people.cedar",
          "policies/retail/support.cedar");

  /**
   * The tools of each bounded context, which a node serves as one MCP server per context ({@code
   * /mcp/orders}, {@code /mcp/payments}, {@code /mcp/inventory}).
   */
  public static final java.util.Map<String, java.util.List<String>> TOOL_SERVERS =
      java.util.Map.of(
          "orders",
          java.util.List.of("get_order", "get_shipments", "reship_item", "cancel_order"),
          "payments",
          java.util.List.of("list_charges", "get_invoice", "refund_charge"),
          "inventory",
          java.util.List.of("check_stock", "find_alternatives", "reserve_item"));

  /** Tier policy with the reshipment cost limit: a reship over it needs a person. */
  public static TierPolicy policy() {
    return TierPolicy.standard().withLimit("reship_item", "/max_cost", RESHIP_COST_LIMIT);
  }

  /**
   * The case's outcome as the demo reports it.
   *
   * @param status RESOLVED when the orchestrator's run completed with one refund and one reshipment
   *     made, WAITING_FOR_APPROVAL while it waits, else the run's status
   */
  public record Outcome(
      String status, String runId, int refunds, int reshipments, int approvals, String answer) {
    public Map<String, Object> toMap() {
      var map = new LinkedHashMap<String, Object>();
      map.put("status", status);
      map.put("run_id", runId);
      map.put("refunds", refunds);
      map.put("reshipments", reshipments);
      map.put("approvals", approvals);
      map.put("answer", answer);
      return map;
    }
  }

  /** Measures the case's outcome from the example's data and the runtime's records. */
  public static Outcome outcome(
      AgentRuntime runtime, DataSource dataSource, TenantId tenant, RunRecord run) {
    var refunds = PaymentTools.refunds(dataSource, tenant, RetailData.ORDER);
    var reshipments = OrderTools.reshipments(dataSource, tenant, RetailData.ORDER);
    var approvals =
        (int)
            runtime.approvals(tenant, ApprovalStatus.APPROVED).stream()
                .filter(a -> runtime.root(tenant, a.runId()).id().equals(run.id()))
                .count();
    var status =
        switch (run.status()) {
          case COMPLETED -> refunds >= 1 && reshipments >= 1 ? "RESOLVED" : "UNRESOLVED";
          case WAITING -> "WAITING_FOR_APPROVAL";
          default -> run.status().name();
        };
    return new Outcome(status, run.id().value(), refunds, reshipments, approvals, run.output());
  }
}
