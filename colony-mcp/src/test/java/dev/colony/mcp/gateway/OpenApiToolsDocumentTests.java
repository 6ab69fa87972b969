package dev.colony.mcp.gateway;

import static dev.colony.mcp.gateway.Fixtures.call;
import static dev.colony.mcp.gateway.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.colony.core.InvalidInput;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where documents come from, and the documents that are refused, with what they say. */
class OpenApiToolsDocumentTests {
  private final FakeApi api = new FakeApi();

  @AfterEach
  void stopApi() {
    api.close();
  }

  /** A one-path document around the given operations YAML (indented under the path). */
  private static String document(String servers, String paths) {
    return """
        openapi: 3.0.3
        info: {title: Test, version: "1"}
        %s
        paths:
        %s
        """
        .formatted(servers, paths.indent(2));
  }

  private static InvalidInput refused(String text) {
    var thrown = catchThrowableOfType(InvalidInput.class, () -> OpenApiTools.builder(text).build());
    assertThat(thrown).as("the document was accepted").isNotNull();
    return thrown;
  }

  @Test
  void aDocumentGivenAsUrlIsFetchedAndItsRelativeServerResolvedAgainstIt() {
    api.answer("GET /docs/openapi.json", 200, "application/json", Fixtures.text(Fixtures.JSON_31));
    api.json("GET /api/orders/7", 200, "{\"id\": \"7\"}");

    var tools = OpenApiTools.builder(api.url("/docs/openapi.json")).build();
    var result = call(tools.tool("getOrder"), "{\"orderId\": \"7\"}");

    assertThat(tools.baseUrl()).isEqualTo(api.url("/api"));
    assertThat(api.next().rawPath()).isEqualTo("/docs/openapi.json");
    assertThat(api.next().rawPath()).isEqualTo("/api/orders/7");
    assertThat(json(result.content())).isEqualTo(json("{\"id\": \"7\"}"));
  }

  @Test
  void aUrlGivenAsTextIsFetchedToo() {
    api.answer("GET /openapi.json", 200, "application/json", Fixtures.text(Fixtures.JSON_31));

    var tools = OpenApiTools.builder(api.url("/openapi.json").toString()).build();

    assertThat(tools.tools()).hasSize(5);
  }

  @Test
  void aDocumentThatCannotBeFetchedNamesTheUrlAndStatus() {
    assertThatThrownBy(() -> OpenApiTools.builder(api.url("/missing.json")).build())
        .hasMessage("cannot fetch the OpenAPI document " + api.url("/missing.json") + ": HTTP 404");
  }

  @Test
  void theFirstServerIsTheDefaultBaseUrlWithItsVariablesAtTheirDefaults() {
    var text =
        Fixtures.text(Fixtures.YAML_30)
            .replace("default: \"8080\"", "default: \"" + api.port() + "\"");

    var tools = OpenApiTools.builder(text).build();

    assertThat(tools.baseUrl()).isEqualTo(api.url("/api"));
  }

  @Test
  void aDocumentInAFileGivenAsPathTextOrFileUrlIsRead(@TempDir Path dir) throws Exception {
    var file = Files.writeString(dir.resolve("orders.yaml"), Fixtures.text(Fixtures.YAML_30));

    assertThat(OpenApiTools.builder(file.toString()).build().tools()).hasSize(5);
    assertThat(OpenApiTools.builder(file.toUri().toString()).build().tools()).hasSize(5);
  }

  @Test
  void aMissingFileIsNamed(@TempDir Path dir) {
    var missing = dir.resolve("nope.yaml");

    assertThatThrownBy(() -> OpenApiTools.builder(missing).build())
        .isInstanceOf(InvalidInput.class)
        .hasMessage("source: no file '" + missing + "'");
  }

  @Test
  void anInvalidDocumentListsEveryParserMessageWithItsLocation() {
    var error =
        refused(
            """
            openapi: 3.0.3
            info: {title: Test}
            servers: [{url: "http://127.0.0.1:9"}]
            paths:
              /a:
                get:
                  parameters:
                    - {name: q, in: nowhere, schema: {type: string}}
                  responses: {"200": {description: ok}}
            """);

    assertThat(error.field()).isEqualTo("document");
    assertThat(error.getMessage())
        .contains("is not a valid OpenAPI 3.0 or 3.1 document (2 problems)")
        .contains(
            "attribute paths.'/a'(get).parameters.[q].in is not of type `[query|header|path|cookie]`")
        .contains("attribute info.version is missing");
  }

  @Test
  void malformedYamlIsReportedWithLineAndColumn() {
    var error = refused("openapi: 3.0.3\ninfo:\n  title: x\n  version: '1'\npaths:\n  /a: [oops\n");

    assertThat(error.getMessage()).contains("line 6, column 7");
  }

  @Test
  void malformedJsonIsReportedWithLineAndColumn() {
    var error =
        refused(
            "{\"openapi\": \"3.1.0\",\n \"info\": {\"title\": \"x\", \"version\": \"1\"},\n \"paths\": }");

    assertThat(error.getMessage()).contains("is not valid JSON at line 3, column 11");
  }

  @Test
  void aSwaggerTwoDocumentIsRefused() {
    var error = refused("swagger: \"2.0\"\ninfo: {title: x, version: \"1\"}\npaths: {}\n");

    assertThat(error.getMessage()).contains("attribute openapi is missing");
  }

  @Test
  void withoutServersOrBaseUrlTheBuildSaysToGiveOne() {
    var error = refused(document("", "/a:\n  get:\n    responses: {\"200\": {description: ok}}"));

    assertThat(error.field()).isEqualTo("baseUrl");
    assertThat(error.getMessage())
        .contains("servers[0].url '/' is relative and the document was not fetched from a URL")
        .contains("give one with baseUrl(...)");
  }

  @Test
  void aRelativeServerInADocumentNotFetchedFromAUrlNeedsABaseUrl() {
    var text =
        document(
            "servers: [{url: /v1}]", "/a:\n  get:\n    responses: {\"200\": {description: ok}}");

    assertThat(refused(text).getMessage()).contains("servers[0].url '/v1' is relative");
    assertThat(OpenApiTools.builder(text).baseUrl(api.url("/v1")).build().tools()).hasSize(1);
  }

  @Test
  void twoOperationsWithTheSameOperationIdAreRefused() {
    var error =
        refused(
            document(
                "servers: [{url: \"http://127.0.0.1:9\"}]",
                """
                /a:
                  get: {operationId: fetch, responses: {"200": {description: ok}}}
                /b:
                  get: {operationId: fetch, responses: {"200": {description: ok}}}
                """));

    assertThat(error.getMessage()).contains("attribute paths.'/b'(get).operationId is repeated");
  }

  @Test
  void twoOperationsThatMakeTheSameToolNameAreRefusedNamingBoth() {
    var error =
        refused(
            document(
                "servers: [{url: \"http://127.0.0.1:9\"}]",
                """
                /a:
                  get: {responses: {"200": {description: ok}}}
                /b:
                  get: {operationId: get_a, responses: {"200": {description: ok}}}
                """));

    assertThat(error.field()).isEqualTo("paths./b.get.operationId");
    assertThat(error.getMessage())
        .contains("tool name 'get_a' is produced by both GET /a and GET /b");
  }

  @Test
  void anUnknownTierIsRefusedNamingTheOperationAndValue() {
    var error =
        refused(
            document(
                "servers: [{url: \"http://127.0.0.1:9\"}]",
                """
                /a:
                  post:
                    operationId: launch
                    x-colony-tier: DANGEROUS
                    responses: {"200": {description: ok}}
                """));

    assertThat(error.field()).isEqualTo("paths./a.post.x-colony-tier");
    assertThat(error.getMessage())
        .contains(
            "operation 'launch' declares tier 'DANGEROUS'; must be one of READ, WRITE_LOW, WRITE_HIGH, CRITICAL");
  }

  @Test
  void aRefToAMissingSchemaIsRefusedWithItsLocation() {
    var error =
        refused(
            document(
                "servers: [{url: \"http://127.0.0.1:9\"}]",
                """
                /a:
                  get:
                    parameters:
                      - {name: q, in: query, schema: {$ref: "#/components/schemas/Nope"}}
                    responses: {"200": {description: ok}}
                """));

    assertThat(error.getMessage()).contains("Nope");
  }

  @Test
  void aPathPlaceholderWithoutAParameterIsRefused() {
    var error =
        refused(
            document(
                "servers: [{url: \"http://127.0.0.1:9\"}]",
                "/a/{id}:\n  get: {operationId: getA, responses: {\"200\": {description: ok}}}"));

    assertThat(error.getMessage())
        .contains(
            "paths.'/a/{id}'. Declared path parameter id needs to be defined as a path parameter");
  }

  @Test
  void badOptionsAreRefusedBeforeTheDocumentIsRead() {
    var builder = OpenApiTools.builder(Path.of("never-read.yaml"));

    assertThatThrownBy(() -> builder.timeout(Duration.ZERO).build())
        .hasMessage("timeout: must be positive, got PT0S");
    assertThatThrownBy(() -> OpenApiTools.builder("x.yaml").header("Host", "evil").build())
        .hasMessageStartingWith("header: 'Host' cannot be set");
    assertThatThrownBy(() -> OpenApiTools.builder("x.yaml").header("Bad Name", "v").build())
        .hasMessage("header: 'Bad Name' is not a valid header name");
    assertThatThrownBy(() -> OpenApiTools.builder("x.yaml").namePrefix("orders/").build())
        .hasMessageStartingWith("namePrefix: must be at most 64 letters");
    assertThatThrownBy(() -> OpenApiTools.builder("x.yaml").maxResponseBytes(0).build())
        .hasMessage("maxResponseBytes: must be positive, got 0");
    assertThatThrownBy(() -> OpenApiTools.builder(URI.create("ftp://example/doc.yaml")))
        .hasMessage("source: must be an http or https URL, got 'ftp://example/doc.yaml'");
  }
}
