package dev.colony.mcp.client;

import dev.colony.core.InvalidInput;
import dev.colony.core.tool.RiskTier;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * A remote MCP server that Colony uses as a tool source: its name, how to reach it, and what the
 * agent's manifest says about its tools.
 *
 * <p>Build one with {@link #stdio} or {@link #http} and refine it with the {@code with...} methods;
 * every component is validated when the record is made, with an {@link InvalidInput} naming the
 * component.
 *
 * @param name the server's name, which is also its tools' namespace ({@code github} gives tools
 *     named {@code github.create_issue}): 1 to 64 lower-case letters, digits, '-' or '_'
 * @param transport how to reach the server
 * @param tiers risk tiers from the agent's manifest, keyed by the tool's name as the server lists
 *     it ({@code create_issue}, without the namespace); they win over what the server's annotations
 *     suggest, and the tools they name get handlers even before the server has listed its tools
 * @param bearerToken gives the token sent as {@code Authorization: Bearer ...} on every HTTP
 *     request (asked once per request, so a rotating token works), or {@code null} to send none;
 *     the token of the user an agent acts for is never forwarded
 * @param connectTimeout how long starting the connection and the MCP handshake may take
 * @param requestTimeout how long the server may take to answer one request (a listing, a call)
 */
public record McpServerRef(
    String name,
    Transport transport,
    Map<String, RiskTier> tiers,
    Supplier<String> bearerToken,
    Duration connectTimeout,
    Duration requestTimeout) {

  /** The connect timeout {@link #stdio} and {@link #http} start with. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

  /** The request timeout {@link #stdio} and {@link #http} start with. */
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(60);

  private static final Pattern NAME = Pattern.compile("[a-z0-9_-]{1,64}");
  private static final Pattern TOOL = Pattern.compile("[A-Za-z0-9_.-]{1,128}");

  public McpServerRef {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new InvalidInput(
          "name",
          "an MCP server name must be 1 to 64 lower-case letters, digits, '-' or '_', got "
              + (name == null ? "null" : "'" + name + "'"));
    }
    if (transport == null) {
      throw new InvalidInput("transport", "MCP server '" + name + "' needs a transport, got null");
    }
    tiers = tiers == null ? Map.of() : validTiers(name, tiers);
    if (bearerToken != null) {
      requireHttpsOrLoopback(name, transport);
    }
    requirePositive(name, "connectTimeout", connectTimeout);
    requirePositive(name, "requestTimeout", requestTimeout);
  }

  /**
   * A server started as a child process that speaks MCP on its standard input and output.
   *
   * @param env variables added to the child's environment (it inherits the node's too)
   */
  public static McpServerRef stdio(
      String name, String command, List<String> args, Map<String, String> env) {
    return new McpServerRef(
        name,
        new Stdio(command, args, env),
        Map.of(),
        null,
        DEFAULT_CONNECT_TIMEOUT,
        DEFAULT_REQUEST_TIMEOUT);
  }

  /** A server reached over Streamable HTTP at {@code url} (its MCP endpoint, such as /mcp). */
  public static McpServerRef http(String name, URI url) {
    return new McpServerRef(
        name,
        new StreamableHttp(url),
        Map.of(),
        null,
        DEFAULT_CONNECT_TIMEOUT,
        DEFAULT_REQUEST_TIMEOUT);
  }

  /** This server with the manifest's tiers for its tools. */
  public McpServerRef withTiers(Map<String, RiskTier> tiers) {
    return new McpServerRef(name, transport, tiers, bearerToken, connectTimeout, requestTimeout);
  }

  /** This server with a token for its HTTP requests; HTTPS only, or plain HTTP on loopback. */
  public McpServerRef withBearerToken(Supplier<String> bearerToken) {
    Objects.requireNonNull(bearerToken, "bearerToken");
    return new McpServerRef(name, transport, tiers, bearerToken, connectTimeout, requestTimeout);
  }

  /** This server with other timeouts. */
  public McpServerRef withTimeouts(Duration connectTimeout, Duration requestTimeout) {
    return new McpServerRef(name, transport, tiers, bearerToken, connectTimeout, requestTimeout);
  }

  /** How Colony reaches an MCP server. */
  public sealed interface Transport permits Stdio, StreamableHttp {}

  /**
   * A child process speaking MCP over its standard streams.
   *
   * @param command the program to run
   * @param args its arguments
   * @param env variables added to its environment; their values stay out of {@link #toString()}
   */
  public record Stdio(String command, List<String> args, Map<String, String> env)
      implements Transport {
    public Stdio {
      if (command == null || command.isBlank()) {
        throw new InvalidInput(
            "transport.command", "a stdio MCP server needs a command to run, got none");
      }
      if (args != null && args.stream().anyMatch(Objects::isNull)) {
        throw new InvalidInput("transport.args", "a stdio MCP server's arguments hold a null");
      }
      if (env != null) {
        env.forEach(
            (key, value) -> {
              if (key == null || key.isBlank() || key.contains("=") || value == null) {
                throw new InvalidInput(
                    "transport.env",
                    "a stdio MCP server's environment needs names without '=' and non-null"
                        + " values, got name "
                        + (key == null ? "null" : "'" + key + "'"));
              }
            });
      }
      args = args == null ? List.of() : List.copyOf(args);
      env = env == null ? Map.of() : Map.copyOf(env);
    }

    @Override
    public String toString() {
      return "Stdio[command=" + command + ", args=" + args + ", env=" + env.keySet() + "]";
    }
  }

  /**
   * An MCP endpoint served over Streamable HTTP.
   *
   * @param url the absolute http or https URL of the endpoint
   */
  public record StreamableHttp(URI url) implements Transport {
    public StreamableHttp {
      if (url == null
          || !url.isAbsolute()
          || url.getHost() == null
          || !("http".equalsIgnoreCase(url.getScheme())
              || "https".equalsIgnoreCase(url.getScheme()))) {
        throw new InvalidInput(
            "transport.url", "an MCP server URL must be an absolute http or https URL, got " + url);
      }
    }
  }

  private static Map<String, RiskTier> validTiers(String server, Map<String, RiskTier> tiers) {
    var copy = new TreeMap<String, RiskTier>();
    tiers.forEach(
        (tool, tier) -> {
          if (tool == null || !TOOL.matcher(tool).matches()) {
            throw new InvalidInput(
                "tiers",
                "MCP server '"
                    + server
                    + "': a tier must name a tool as the server lists it (1 to 128 letters,"
                    + " digits, '_', '-' or '.'), got "
                    + (tool == null ? "null" : "'" + tool + "'"));
          }
          if (tier == null) {
            throw new InvalidInput(
                "tiers." + tool, "MCP server '" + server + "': tool '" + tool + "' has no tier");
          }
          copy.put(tool, tier);
        });
    return Map.copyOf(copy);
  }

  private static void requireHttpsOrLoopback(String server, Transport transport) {
    if (!(transport instanceof StreamableHttp http)) {
      throw new InvalidInput(
          "bearerToken",
          "MCP server '" + server + "' is reached over stdio; a bearer token applies to HTTP only");
    }
    if ("https".equalsIgnoreCase(http.url().getScheme())) {
      return;
    }
    if (!isLoopback(http.url().getHost())) {
      throw new InvalidInput(
          "bearerToken",
          "MCP server '"
              + server
              + "' is reached over plain http at "
              + http.url()
              + "; a bearer token is only sent over https (or http on loopback)");
    }
  }

  private static boolean isLoopback(String host) {
    if ("localhost".equalsIgnoreCase(host)) {
      return true;
    }
    var literal = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    if (!literal.matches("[0-9.]+|[0-9a-fA-F:]+")) {
      return false; // a name other than localhost: do not resolve it here
    }
    try {
      return InetAddress.getByName(literal).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static void requirePositive(String server, String field, Duration value) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new InvalidInput(
          field, "MCP server '" + server + "': " + field + " must be positive, got " + value);
    }
  }
}
