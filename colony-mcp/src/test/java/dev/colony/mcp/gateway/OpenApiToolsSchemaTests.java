package dev.colony.mcp.gateway;

import static dev.colony.mcp.gateway.Fixtures.call;
import static dev.colony.mcp.gateway.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.colony.core.InvalidInput;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Parameter clashes, references, recursion, the 3.0 dialect, and bodies other than JSON. */
class OpenApiToolsSchemaTests {
  private final FakeApi api = new FakeApi();

  @AfterEach
  void stopApi() {
    api.close();
  }

  private OpenApiTools edgeCases() {
    return OpenApiTools.builder(Fixtures.path("gateway/edge-cases-3.1.yaml"))
        .baseUrl(api.url(""))
        .build();
  }

  @Test
  void aParameterWhoseNameIsTakenIsRenamedAfterWhereItGoes() {
    var properties = json(edgeCases().tool("getCategory").spec().inputSchema()).get("properties");

    assertThat(properties.fieldNames())
        .toIterable()
        .containsExactly("id", "body", "filter", "header_id", "session");
    assertThat(properties.at("/header_id/description").asText())
        .isEqualTo("The header parameter 'id'.");
  }

  @Test
  void theRequestBodyKeepsItsNameAndAClashingQueryParameterIsRenamed() {
    var schema = json(edgeCases().tool("replaceCategory").spec().inputSchema());

    assertThat(schema.get("properties").fieldNames())
        .toIterable()
        .containsExactly("body", "id", "query_body");
    assertThat(schema.get("required")).isEqualTo(json("[\"body\", \"id\"]"));
    assertThat(schema.at("/properties/body/description").asText())
        .isEqualTo("The category's new state");
  }

  @Test
  void renamedParametersAreSentUnderTheirOwnNames() {
    api.json("GET /categories/c1", 200, "{}");

    call(
        edgeCases().tool("getCategory"),
        "{\"id\": \"c1\", \"body\": \"all\", \"header_id\": \"h1\", \"session\": \"s1\","
            + " \"filter\": {\"color\": \"red\"}}");

    var seen = api.next();
    assertThat(seen.rawQuery()).isEqualTo("body=all&filter%5Bcolor%5D=red");
    assertThat(seen.header("id")).isEqualTo("h1");
    assertThat(seen.header("Cookie")).isEqualTo("session=s1");
  }

  @Test
  void anAuthorizationHeaderParameterIsIgnoredAsOpenApiSays() {
    var schema = json(edgeCases().tool("getCategory").spec().inputSchema());

    assertThat(schema.at("/properties/Authorization").isMissingNode()).isTrue();
  }

  @Test
  void aRecursiveSchemaIsCutWhereItRecurs() {
    var output = json(edgeCases().tool("getCategory").spec().outputSchema());

    assertThat(output.at("/properties/parent"))
        .isEqualTo(
            json(
                "{\"type\": \"object\", \"description\": \"Category, recursive: not expanded further\"}"));
    assertThat(output.at("/properties/children/items/description").asText())
        .isEqualTo("Category, recursive: not expanded further");
  }

  @Test
  void aRefsSiblingsApplyOnTopOfItsTargetAndExtensionsAreLeftOut() {
    var output = json(edgeCases().tool("getCategory").spec().outputSchema());

    assertThat(output.at("/properties/name"))
        .isEqualTo(
            json(
                "{\"type\": \"string\", \"minLength\": 1, \"description\": \"What people call it\"}"));
    assertThat(output.toString()).doesNotContain("x-owner", "$ref");
  }

  @Test
  void aMergePatchBodyIsSentWithItsOwnMediaType() {
    api.json("PUT /categories/c1", 200, "{\"name\": \"Toys\"}");

    call(edgeCases().tool("replaceCategory"), "{\"id\": \"c1\", \"body\": {\"name\": \"Toys\"}}");

    var seen = api.next();
    assertThat(seen.header("Content-Type")).isEqualTo("application/merge-patch+json");
    assertThat(json(seen.body())).isEqualTo(json("{\"name\": \"Toys\"}"));
  }

  @Test
  void aFormBodyIsEncodedFromTheBodyObject() {
    api.answer("POST /login", 204, null, "");

    var result =
        call(
            edgeCases().tool("login"),
            "{\"body\": {\"user\": \"ana maria\", \"scopes\": [\"a\", \"b\"]}}");

    var seen = api.next();
    assertThat(seen.header("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
    assertThat(seen.body()).isEqualTo("user=ana%20maria&scopes=a&scopes=b");
    assertThat(result.error()).isFalse();
  }

  @Test
  void aMultipartOperationIsSkippedAndListed() {
    var tools = edgeCases();

    assertThat(tools.tools()).extracting(tool -> tool.spec().name()).doesNotContain("upload");
    assertThat(tools.skipped())
        .containsExactly(
            "POST /upload: request body [multipart/form-data] is neither JSON nor form-urlencoded");
  }

  @Test
  void openApi30NullableExclusiveBoundsAndExamplesBecomeJsonSchema2020() {
    var tools = OpenApiTools.builder(Fixtures.path("gateway/nullable-3.0.yaml")).build();

    assertThat(json(tools.tool("listPrices").spec().inputSchema()).get("properties"))
        .isEqualTo(
            json(
                """
                {"currency": {"type": ["string", "null"], "enum": ["EUR", "USD", null]},
                 "above": {"type": "number", "exclusiveMinimum": 0, "maximum": 1000,
                           "examples": [9.5]}}
                """));
  }

  @Test
  void aSchemaThatExpandsBeyondTheLimitWhenInlinedIsRefused() {
    var levels = new StringBuilder();
    for (int level = 0; level < 6; level++) {
      var next = "#/components/schemas/L" + (level + 1);
      levels.append("    L").append(level).append(":\n      type: object\n      properties:\n");
      for (int p = 0; p < 8; p++) {
        levels.append("        p").append(p).append(": {$ref: \"").append(next).append("\"}\n");
      }
    }
    levels.append("    L6: {type: string}\n");
    var text =
        """
        openapi: 3.0.3
        info: {title: Wide, version: "1"}
        servers: [{url: "http://127.0.0.1:9"}]
        paths:
          /a:
            post:
              operationId: post_a
              requestBody:
                content:
                  application/json:
                    schema: {$ref: "#/components/schemas/L0"}
              responses: {"204": {description: ok}}
        components:
          schemas:
        """
            + levels;

    assertThatThrownBy(() -> OpenApiTools.builder(text).build())
        .isInstanceOf(InvalidInput.class)
        .hasMessage(
            "paths./a.post.requestBody: schema expands to more than 20000 schemas when its $refs"
                + " are inlined");
  }
}
