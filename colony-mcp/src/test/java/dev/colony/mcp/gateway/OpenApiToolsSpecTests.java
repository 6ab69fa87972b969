package dev.colony.mcp.gateway;

import static dev.colony.mcp.gateway.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.colony.core.tool.RiskTier;
import dev.colony.core.tool.ToolHandler;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The tools the orders API makes, the same from its OpenAPI 3.0 YAML and 3.1 JSON documents. */
class OpenApiToolsSpecTests {

  static Stream<String> documents() {
    return Stream.of(Fixtures.YAML_30, Fixtures.JSON_31);
  }

  private static OpenApiTools tools(String document) {
    return OpenApiTools.builder(Fixtures.path(document)).baseUrl("http://127.0.0.1:9/api").build();
  }

  @ParameterizedTest
  @MethodSource("documents")
  void toolsAreNamedByOperationIdOrByMethodAndPath(String document) {
    assertThat(tools(document).tools())
        .extracting(tool -> tool.spec().name())
        .containsExactly(
            "listOrders", "createOrder", "getOrder", "deleteOrder", "get_orders_orderId_receipt");
  }

  @ParameterizedTest
  @MethodSource("documents")
  void namePrefixIsPrependedToEveryName(String document) {
    var tools =
        OpenApiTools.builder(Fixtures.path(document))
            .baseUrl("http://127.0.0.1:9/api")
            .namePrefix("orders.")
            .build();
    assertThat(tools.tools())
        .extracting(tool -> tool.spec().name())
        .allMatch(name -> name.startsWith("orders."))
        .contains("orders.getOrder", "orders.get_orders_orderId_receipt");
  }

  @ParameterizedTest
  @MethodSource("documents")
  void descriptionIsTheSummaryThenTheDescription(String document) {
    var tools = tools(document);
    assertThat(tools.tool("listOrders").spec().description())
        .isEqualTo("List orders\n\nOrders newest first, filtered by status and tags.");
    assertThat(tools.tool("getOrder").spec().description()).isEqualTo("Get an order");
    assertThat(tools.tool("get_orders_orderId_receipt").spec().description())
        .isEqualTo("The order's receipt as text");
  }

  @ParameterizedTest
  @MethodSource("documents")
  void readsAreReadWritesNeedApprovalAndTheExtensionWins(String document) {
    var tools = tools(document);
    assertThat(tools.tool("listOrders").spec().tier()).isEqualTo(RiskTier.READ);
    assertThat(tools.tool("getOrder").spec().tier()).isEqualTo(RiskTier.READ);
    assertThat(tools.tool("createOrder").spec().tier()).isEqualTo(RiskTier.WRITE_HIGH);
    assertThat(tools.tool("deleteOrder").spec().tier()).isEqualTo(RiskTier.CRITICAL);
  }

  @ParameterizedTest
  @MethodSource("documents")
  void queryAndHeaderParametersAreOptionalProperties(String document) {
    assertThat(json(tools(document).tool("listOrders").spec().inputSchema()))
        .isEqualTo(
            json(
                """
                {"type": "object",
                 "properties": {
                   "status": {"type": "string", "enum": ["open", "shipped", "cancelled"],
                              "description": "Only orders in this status"},
                   "limit": {"type": "integer", "minimum": 1, "maximum": 100, "default": 20},
                   "tag": {"type": "array", "items": {"type": "string"}},
                   "X-Request-Id": {"type": "string"}},
                 "additionalProperties": false}
                """));
  }

  @ParameterizedTest
  @MethodSource("documents")
  void pathParametersAreRequiredEvenWhenDeclaredOnThePath(String document) {
    assertThat(json(tools(document).tool("getOrder").spec().inputSchema()))
        .isEqualTo(
            json(
                """
                {"type": "object",
                 "properties": {"orderId": {"type": "string", "description": "The order's id"}},
                 "required": ["orderId"],
                 "additionalProperties": false}
                """));
  }

  @ParameterizedTest
  @MethodSource("documents")
  void jsonBodyIsTheBodyPropertyWithComponentSchemasInlined(String document) {
    assertThat(json(tools(document).tool("createOrder").spec().inputSchema()))
        .isEqualTo(
            json(
                """
                {"type": "object",
                 "properties": {"body": {
                   "type": "object",
                   "required": ["items"],
                   "properties": {
                     "note": {"type": "string"},
                     "items": {"type": "array", "minItems": 1, "items": {
                       "type": "object",
                       "required": ["quantity", "sku"],
                       "properties": {
                         "sku": {"type": "string", "examples": ["SKU-1"]},
                         "quantity": {"type": "integer", "minimum": 1}}}}}}},
                 "required": ["body"],
                 "additionalProperties": false}
                """));
  }

  @ParameterizedTest
  @MethodSource("documents")
  void outputSchemaIsTheObjectResponseSchemaInJsonSchemaTerms(String document) {
    var output = json(tools(document).tool("getOrder").spec().outputSchema());
    assertThat(output.get("type").asText()).isEqualTo("object");
    assertThat(output.at("/properties/note/type")).isEqualTo(json("[\"string\", \"null\"]"));
    assertThat(output.at("/properties/items/items/properties/sku/type").asText())
        .isEqualTo("string");
    assertThat(output.toString()).doesNotContain("$ref", "nullable");
  }

  @ParameterizedTest
  @MethodSource("documents")
  void outputSchemaIsLeftOutForArraysTextAndEmptyResponses(String document) {
    var tools = tools(document);
    assertThat(tools.tool("listOrders").spec().outputSchema()).isNull();
    assertThat(tools.tool("get_orders_orderId_receipt").spec().outputSchema()).isNull();
    assertThat(tools.tool("deleteOrder").spec().outputSchema()).isNull();
    assertThat(tools.tool("createOrder").spec().outputSchema()).contains("\"object\"");
  }

  @ParameterizedTest
  @MethodSource("documents")
  void everySchemaIsValidJsonSchema2020AndAcceptsGoodArguments(String document) {
    var registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    var tools = tools(document);
    for (ToolHandler tool : tools.tools()) {
      registry.getSchema(tool.spec().inputSchema());
    }
    var create = registry.getSchema(tools.tool("createOrder").spec().inputSchema());
    assertThat(
            create.validate(json("{\"body\": {\"items\": [{\"sku\": \"A\", \"quantity\": 2}]}}")))
        .isEmpty();
    assertThat(create.validate(json("{\"body\": {\"items\": []}}"))).isNotEmpty();
    assertThat(create.validate(json("{\"body\": {\"items\": [{\"sku\": \"A\"}]}, \"x\": 1}")))
        .hasSizeGreaterThanOrEqualTo(2);
  }
}
