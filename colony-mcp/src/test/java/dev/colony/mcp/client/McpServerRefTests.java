package dev.colony.mcp.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.colony.core.InvalidInput;
import dev.colony.core.tool.RiskTier;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class McpServerRefTests {
  private static final URI LOCAL = URI.create("http://127.0.0.1:8080/mcp");

  @Test
  void aServerStartsWithTheDefaultTimeoutsAndNoTiersOrToken() {
    var ref = McpServerRef.http("github", LOCAL);

    assertThat(ref.connectTimeout()).isEqualTo(McpServerRef.DEFAULT_CONNECT_TIMEOUT);
    assertThat(ref.requestTimeout()).isEqualTo(McpServerRef.DEFAULT_REQUEST_TIMEOUT);
    assertThat(ref.tiers()).isEmpty();
    assertThat(ref.bearerToken()).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "GitHub", "git.hub", "git hub", "../etc", "ß"})
  void aNameOtherThanLowerCaseLettersDigitsDashAndUnderscoreIsRejected(String name) {
    assertThatThrownBy(() -> McpServerRef.http(name, LOCAL))
        .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.field()).isEqualTo("name"))
        .hasMessageContaining("got '" + name + "'");
  }

  @Test
  void aNameLongerThanSixtyFourCharactersIsRejected() {
    assertThatThrownBy(() -> McpServerRef.http("a".repeat(65), LOCAL))
        .isInstanceOf(InvalidInput.class)
        .hasMessageContaining("1 to 64");
  }

  @Test
  void aMissingNameIsRejectedNamingTheField() {
    assertThatThrownBy(() -> McpServerRef.http(null, LOCAL))
        .isInstanceOf(InvalidInput.class)
        .hasMessage(
            "name: an MCP server name must be 1 to 64 lower-case letters, digits, '-' or"
                + " '_', got null");
  }

  @ParameterizedTest
  @ValueSource(strings = {"ftp://example.com/mcp", "/mcp", "file:///tmp/mcp", "http:///mcp"})
  void aUrlThatIsNotAbsoluteHttpIsRejected(String url) {
    assertThatThrownBy(() -> McpServerRef.http("github", URI.create(url)))
        .isInstanceOfSatisfying(
            InvalidInput.class, e -> assertThat(e.field()).isEqualTo("transport.url"));
  }

  @Test
  void aStdioServerNeedsACommand() {
    assertThatThrownBy(() -> McpServerRef.stdio("files", " ", List.of(), Map.of()))
        .isInstanceOfSatisfying(
            InvalidInput.class, e -> assertThat(e.field()).isEqualTo("transport.command"));
  }

  @Test
  void aStdioArgumentThatIsNullIsRejected() {
    var args = new java.util.ArrayList<String>();
    args.add(null);

    assertThatThrownBy(() -> McpServerRef.stdio("files", "npx", args, Map.of()))
        .isInstanceOfSatisfying(
            InvalidInput.class, e -> assertThat(e.field()).isEqualTo("transport.args"));
  }

  @Test
  void aStdioEnvironmentWithANullValueIsRejected() {
    var env = new HashMap<String, String>();
    env.put("TOKEN", null);

    assertThatThrownBy(() -> McpServerRef.stdio("files", "npx", List.of(), env))
        .isInstanceOfSatisfying(
            InvalidInput.class, e -> assertThat(e.field()).isEqualTo("transport.env"));
  }

  @Test
  void theStdioEnvironmentsValuesStayOutOfItsText() {
    var ref =
        McpServerRef.stdio(
            "files", "npx", List.of("server-files"), Map.of("API_TOKEN", "s3cr3t-value"));

    assertThat(ref.toString()).contains("API_TOKEN").doesNotContain("s3cr3t-value");
  }

  @Test
  void tiersMustNameToolsAndGiveATier() {
    var missing = new HashMap<String, RiskTier>();
    missing.put("create_issue", null);

    assertThatThrownBy(() -> McpServerRef.http("github", LOCAL).withTiers(missing))
        .isInstanceOfSatisfying(
            InvalidInput.class, e -> assertThat(e.field()).isEqualTo("tiers.create_issue"));
    assertThatThrownBy(
            () -> McpServerRef.http("github", LOCAL).withTiers(Map.of("no spaces", RiskTier.READ)))
        .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.field()).isEqualTo("tiers"))
        .hasMessageContaining("'no spaces'");
  }

  @Test
  void aBearerTokenIsSentOverHttpsOrToLoopbackOnly() {
    assertThat(McpServerRef.http("github", LOCAL).withBearerToken(() -> "t").bearerToken())
        .isNotNull();
    assertThat(
            McpServerRef.http("github", URI.create("https://mcp.example.com/mcp"))
                .withBearerToken(() -> "t")
                .bearerToken())
        .isNotNull();
    assertThat(
            McpServerRef.http("github", URI.create("http://[::1]:9000/mcp"))
                .withBearerToken(() -> "t")
                .bearerToken())
        .isNotNull();

    assertThatThrownBy(
            () ->
                McpServerRef.http("github", URI.create("http://mcp.example.com/mcp"))
                    .withBearerToken(() -> "t"))
        .isInstanceOfSatisfying(
            InvalidInput.class, e -> assertThat(e.field()).isEqualTo("bearerToken"))
        .hasMessageContaining("only sent over https");
  }

  @Test
  void aBearerTokenDoesNotApplyToStdio() {
    var stdio = McpServerRef.stdio("files", "npx", List.of(), Map.of());

    assertThatThrownBy(() -> stdio.withBearerToken(() -> "t"))
        .isInstanceOfSatisfying(
            InvalidInput.class, e -> assertThat(e.field()).isEqualTo("bearerToken"));
  }

  @Test
  void timeoutsMustBePositive() {
    var ref = McpServerRef.http("github", LOCAL);

    assertThatThrownBy(() -> ref.withTimeouts(Duration.ZERO, Duration.ofSeconds(1)))
        .isInstanceOfSatisfying(
            InvalidInput.class, e -> assertThat(e.field()).isEqualTo("connectTimeout"));
    assertThatThrownBy(() -> ref.withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(-1)))
        .isInstanceOfSatisfying(
            InvalidInput.class, e -> assertThat(e.field()).isEqualTo("requestTimeout"));
  }
}
