package dev.colony.models;

import dev.colony.core.model.Message;
import dev.colony.core.model.ModelRequest;
import dev.colony.core.tool.RiskTier;
import dev.colony.core.tool.ToolCall;
import dev.colony.core.tool.ToolResult;
import dev.colony.core.tool.ToolSpec;
import java.util.List;

/** The retail support exchange every provider's recordings follow. */
final class Scenario {
  static final String AGENT = "support";
  static final String SYSTEM = "You are the retail support agent. Use the tools to answer.";
  static final String HELLO = "Hello";
  static final String QUESTION = "Where is order A-1001? My customer id is C-42.";
  static final String GREETING = "Hello! How can I help you with your order today?";
  static final String ANSWER = "Order A-1001 shipped on 2 March 2025.";
  static final String ORDER_RESULT = "{\"status\":\"shipped\",\"shipped_on\":\"2025-03-02\"}";
  static final String CUSTOMER_ERROR = "customer C-42 is not visible to this agent";

  static final ToolSpec GET_ORDER =
      new ToolSpec(
          "orders.get_order",
          "Looks up an order by its number.",
          """
          {"type":"object",
           "properties":{"order_id":{"type":"string","description":"Order number, for example A-1001",
                                     "pattern":"^A-[0-9]+$"}},
           "required":["order_id"],
           "additionalProperties":false}""",
          null,
          RiskTier.READ);

  static final ToolSpec GET_CUSTOMER =
      new ToolSpec(
          "customers.get_customer",
          "Looks up a customer by id.",
          """
          {"type":"object",
           "properties":{"customer_id":{"type":"string","minLength":2}},
           "required":["customer_id"]}""",
          null,
          RiskTier.READ);

  static final List<ToolSpec> TOOLS = List.of(GET_ORDER, GET_CUSTOMER);

  private Scenario() {}

  static ModelRequest hello() {
    return new ModelRequest(
        AGENT, List.of(new Message.System(SYSTEM), new Message.User(HELLO)), TOOLS);
  }

  static ModelRequest question() {
    return new ModelRequest(
        AGENT, List.of(new Message.System(SYSTEM), new Message.User(QUESTION)), TOOLS);
  }

  /** The turn after the model called both tools with the given ids; the customer lookup failed. */
  static ModelRequest afterToolResults(String orderCallId, String customerCallId) {
    var order = new ToolCall(orderCallId, GET_ORDER.name(), "{\"order_id\":\"A-1001\"}");
    var customer = new ToolCall(customerCallId, GET_CUSTOMER.name(), "{\"customer_id\":\"C-42\"}");
    return new ModelRequest(
        AGENT,
        List.of(
            new Message.System(SYSTEM),
            new Message.User(QUESTION),
            new Message.Assistant(null, List.of(order, customer)),
            new Message.ToolResultMessage(ToolResult.success(order, ORDER_RESULT)),
            new Message.ToolResultMessage(ToolResult.failure(customer, CUSTOMER_ERROR))),
        TOOLS);
  }
}
