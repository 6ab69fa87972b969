package dev.colony.mcp.gateway;

import dev.colony.core.InvalidInput;
import dev.colony.core.NotFound;
import dev.colony.core.tool.ToolHandler;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tools made from an OpenAPI 3.0 or 3.1 document, one per operation, each calling the real API.
 *
 * <pre>{@code
 * var orders = OpenApiTools.builder(Path.of("orders.yaml"))
 *     .bearerToken(vault::ordersApiToken)
 *     .namePrefix("orders.")
 *     .build();
 * List<ToolHandler> tools = orders.tools();
 * }</pre>
 *
 * <p><b>Names.</b> A tool is named after its operation's {@code operationId}, with characters other
 * than letters, digits, {@code _}, {@code -} and {@code .} replaced by {@code _}; without one,
 * after its method and path ({@code GET /orders/{orderId}} is {@code get_orders_orderId}). Two
 * operations with the same name are an error.
 *
 * <p><b>Arguments.</b> The input schema is an object with {@code body} for the request body, then
 * one property per path, query, header and cookie parameter, in that order; {@code $ref}s to {@code
 * #/components/schemas} are inlined (a recursive schema is cut where it recurs) and OpenAPI 3.0
 * schemas are translated to JSON Schema 2020-12. A parameter whose name is already taken, ignoring
 * case (by {@code body} or a parameter elsewhere), is renamed {@code IN_NAME}, for example {@code
 * query_body}, and its description says so. Header parameters named {@code Accept}, {@code
 * Content-Type} or {@code Authorization} are ignored, as OpenAPI says, and so are those the gateway
 * sets itself ({@link Builder#header}). Path values are sent percent-encoded as one segment; query
 * arrays as repeated keys unless the parameter says otherwise.
 *
 * <p><b>Bodies.</b> JSON bodies ({@code application/json} or {@code +json}) are sent as given;
 * {@code application/x-www-form-urlencoded} bodies are encoded from the {@code body} object.
 * Operations whose body is anything else (multipart, binary) are skipped with a warning and listed
 * by {@link #skipped()}.
 *
 * <p><b>Tiers.</b> An operation's {@code x-colony-tier} ({@code READ}, {@code WRITE_LOW}, {@code
 * WRITE_HIGH}, {@code CRITICAL}) sets its tool's tier; without it, {@code GET} and {@code HEAD} are
 * {@code READ} and every other method {@code WRITE_HIGH}. Calls with other methods carry the call's
 * idempotency key as {@code Idempotency-Key}.
 *
 * <p><b>Results.</b> See {@link #tools()}. Immutable and thread-safe.
 */
public final class OpenApiTools {
  private static final Logger log = LoggerFactory.getLogger(OpenApiTools.class);
  private final URI baseUrl;
  private final Map<String, ToolHandler> tools;
  private final List<String> skipped;

  private OpenApiTools(URI baseUrl, Map<String, ToolHandler> tools, List<String> skipped) {
    this.baseUrl = baseUrl;
    this.tools = tools;
    this.skipped = skipped;
  }

  /**
   * A builder for a document given as text: an {@code http(s):} or {@code file:} URL, the document
   * itself (YAML or JSON; text with a line break or starting with <code>{</code>), or else a file
   * path.
   */
  public static Builder builder(String source) {
    return new Builder(DocumentSource.of(Objects.requireNonNull(source, "source")));
  }

  /** A builder for a document in a file. */
  public static Builder builder(Path file) {
    return new Builder(new DocumentSource.File(Objects.requireNonNull(file, "file")));
  }

  /**
   * A builder for a document fetched from an {@code http(s)} URL when {@link Builder#build()} runs.
   */
  public static Builder builder(URI url) {
    Objects.requireNonNull(url, "url");
    if (!"http".equalsIgnoreCase(url.getScheme()) && !"https".equalsIgnoreCase(url.getScheme())) {
      throw new InvalidInput("source", "must be an http or https URL, got '" + url + "'");
    }
    return new Builder(new DocumentSource.Url(url));
  }

  /**
   * The tools, in document order.
   *
   * <p>A call's result is the upstream's JSON object; another JSON value is wrapped as {@code
   * {"result": value}}, an empty body is {@code {"status": 204}} (the status), and another body is
   * {@code {"status", "contentType", "body"}} (or {@code "size"} for binary content). A status
   * other than 2xx, an oversized response or arguments that cannot make a request give a failed
   * result; a connection failure or a timeout throws {@code ToolFailure}.
   */
  public List<ToolHandler> tools() {
    return List.copyOf(tools.values());
  }

  /**
   * The tool with this name.
   *
   * @throws NotFound if there is none
   */
  public ToolHandler tool(String name) {
    var tool = tools.get(name);
    if (tool == null) {
      throw new NotFound("tool", name);
    }
    return tool;
  }

  /** The URL the operations' paths are appended to. */
  public URI baseUrl() {
    return baseUrl;
  }

  /** Operations that made no tool, each as {@code METHOD /path: reason}. */
  public List<String> skipped() {
    return skipped;
  }

  /** Options for {@link OpenApiTools}; {@link #build()} validates them and the document. */
  public static final class Builder {
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9_.-]*");
    private final DocumentSource source;
    private final Map<String, Supplier<String>> headers = new LinkedHashMap<>();
    private URI baseUrl;
    private Duration timeout = Duration.ofSeconds(30);
    private long maxResponseBytes = 1024 * 1024;
    private HttpClient client;
    private String namePrefix = "";

    private Builder(DocumentSource source) {
      this.source = source;
    }

    /** The URL paths are appended to; default the document's first {@code servers} entry. */
    public Builder baseUrl(URI baseUrl) {
      this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
      return this;
    }

    /** Same as {@link #baseUrl(URI)}. */
    public Builder baseUrl(String baseUrl) {
      Objects.requireNonNull(baseUrl, "baseUrl");
      try {
        return baseUrl(new URI(baseUrl));
      } catch (URISyntaxException e) {
        throw new InvalidInput("baseUrl", "not a valid URL '" + baseUrl + "': " + e.getMessage());
      }
    }

    /**
     * A header sent on every upstream request, replacing any of the same name, such as an API key.
     * The caller's own credentials are never passed upstream; only these are.
     */
    public Builder header(String name, String value) {
      Objects.requireNonNull(value, "value");
      return header(name, () -> value);
    }

    /** A header whose value is read for every request, such as a token that is renewed. */
    public Builder header(String name, Supplier<String> value) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
      headers.keySet().removeIf(existing -> existing.equalsIgnoreCase(name));
      headers.put(name, value);
      return this;
    }

    /**
     * {@code Authorization: Bearer TOKEN} on every upstream request, the token read per request.
     */
    public Builder bearerToken(Supplier<String> token) {
      Objects.requireNonNull(token, "token");
      return header("Authorization", () -> "Bearer " + token.get());
    }

    /** The longest a call may take, from sending to the last byte of the response; default 30 s. */
    public Builder timeout(Duration timeout) {
      this.timeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /** The largest response body read; a larger one fails the call. Default 1 MiB. */
    public Builder maxResponseBytes(long maxResponseBytes) {
      this.maxResponseBytes = maxResponseBytes;
      return this;
    }

    /**
     * The client that sends requests (and fetches a document given by URL). By default one that
     * follows no redirects, with the timeout as its connect timeout.
     */
    public Builder httpClient(HttpClient client) {
      this.client = Objects.requireNonNull(client, "client");
      return this;
    }

    /** Prepended to every tool name, for example {@code orders.}; default none. */
    public Builder namePrefix(String namePrefix) {
      this.namePrefix = Objects.requireNonNull(namePrefix, "namePrefix");
      return this;
    }

    /**
     * Reads, parses and checks the document and makes its tools.
     *
     * @throws InvalidInput naming the field or document location at fault: an option, a document
     *     the parser rejects (with every message it gave), no usable base URL, a duplicate tool
     *     name, a bad {@code x-colony-tier}, or a {@code $ref} that cannot be inlined
     * @throws dev.colony.core.ColonyException if the document cannot be read or fetched
     */
    public OpenApiTools build() {
      checkOptions();
      var http =
          client != null
              ? client
              : HttpClient.newBuilder()
                  .connectTimeout(timeout)
                  .followRedirects(HttpClient.Redirect.NEVER)
                  .build();
      var loaded = source.load(http, timeout);
      var api = Documents.parse(loaded);
      var base = checkBaseUrl(baseUrl != null ? baseUrl : Documents.baseUrl(api, loaded));
      var upstream = new Upstream(http, base, headers, timeout, maxResponseBytes);
      var staticHeaders =
          headers.keySet().stream()
              .map(name -> name.toLowerCase(Locale.ROOT))
              .collect(Collectors.toSet());
      var reader = new OperationReader(api, namePrefix, staticHeaders);
      var tools = new LinkedHashMap<String, ToolHandler>();
      for (var plan : reader.read()) {
        tools.put(plan.spec().name(), new OperationTool(plan.spec(), plan.http(), upstream));
      }
      log.info(
          "OpenAPI document {}: {} tools calling {}, {} operations skipped",
          loaded.what(),
          tools.size(),
          base,
          reader.skipped().size());
      return new OpenApiTools(base, Collections.unmodifiableMap(tools), reader.skipped());
    }

    private void checkOptions() {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new InvalidInput("timeout", "must be positive, got " + timeout);
      }
      if (maxResponseBytes <= 0) {
        throw new InvalidInput("maxResponseBytes", "must be positive, got " + maxResponseBytes);
      }
      if (!PREFIX.matcher(namePrefix).matches() || namePrefix.length() > 64) {
        throw new InvalidInput(
            "namePrefix",
            "must be at most 64 letters, digits, '_', '-' or '.', got '" + namePrefix + "'");
      }
      for (var name : headers.keySet()) {
        if (!TOKEN.matcher(name).matches()) {
          throw new InvalidInput("header", "'" + name + "' is not a valid header name");
        }
        try {
          HttpRequest.newBuilder().header(name, "x");
        } catch (IllegalArgumentException e) {
          throw new InvalidInput("header", "'" + name + "' cannot be set: " + e.getMessage());
        }
      }
    }

    private static URI checkBaseUrl(URI url) {
      var scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
      if (!url.isAbsolute()
          || !(scheme.equals("http") || scheme.equals("https"))
          || url.getRawAuthority() == null) {
        throw new InvalidInput(
            "baseUrl", "must be an absolute http or https URL, got '" + url + "'");
      }
      if (url.getRawQuery() != null || url.getRawFragment() != null) {
        throw new InvalidInput("baseUrl", "must have no query or fragment, got '" + url + "'");
      }
      var text = url.toString();
      return URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
    }
  }
}
