package dev.colony.mcp.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.colony.core.InvalidInput;
import dev.colony.mcp.gateway.DocumentSource.Loaded;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses OpenAPI documents with swagger-parser and reads their base URL. */
final class Documents {
  private static final Pattern VARIABLE = Pattern.compile("\\{([^}]+)}");

  private Documents() {}

  /**
   * Parses and validates a document.
   *
   * @throws InvalidInput listing every message the parser gave, with the location it gave
   */
  static OpenAPI parse(Loaded loaded) {
    var text = loaded.text();
    if (text.isBlank()) {
      throw new InvalidInput("document", loaded.what() + " is empty");
    }
    if (text.strip().startsWith("{")) {
      try {
        Json.MAPPER.readTree(text);
      } catch (JsonProcessingException e) {
        var at = e.getLocation();
        throw new InvalidInput(
            "document",
            loaded.what()
                + " is not valid JSON at line "
                + at.getLineNr()
                + ", column "
                + at.getColumnNr()
                + ": "
                + e.getOriginalMessage());
      }
    }
    var options = new ParseOptions();
    options.setResolve(true);
    var result = new OpenAPIV3Parser().readContents(text, null, options, loaded.location());
    var api = result.getOpenAPI();
    var messages = result.getMessages() == null ? List.<String>of() : result.getMessages();
    if (api == null || !messages.isEmpty()) {
      var list = messages.isEmpty() ? List.of("the parser returned no document") : messages;
      throw new InvalidInput(
          "document",
          loaded.what()
              + " is not a valid OpenAPI 3.0 or 3.1 document ("
              + list.size()
              + " problem"
              + (list.size() == 1 ? "" : "s")
              + "):\n  - "
              + String.join("\n  - ", list.stream().map(String::strip).toList()));
    }
    var version = api.getOpenapi() == null ? "" : api.getOpenapi();
    if (!version.startsWith("3.0.") && !version.startsWith("3.1.")) {
      throw new InvalidInput(
          "document",
          loaded.what() + " is OpenAPI '" + version + "'; only 3.0.x and 3.1.x are supported");
    }
    return api;
  }

  /**
   * The base URL from the first {@code servers} entry, its variables set to their defaults and a
   * relative URL resolved against the document's URL.
   */
  static URI baseUrl(OpenAPI api, Loaded loaded) {
    var servers = api.getServers();
    if (servers == null || servers.isEmpty() || servers.get(0).getUrl() == null) {
      throw noServer(loaded, "it has no servers entry");
    }
    var server = servers.get(0);
    var url = server.getUrl();
    var variables = VARIABLE.matcher(url);
    var resolved = new StringBuilder();
    while (variables.find()) {
      var name = variables.group(1);
      var variable = server.getVariables() == null ? null : server.getVariables().get(name);
      if (variable == null || variable.getDefault() == null) {
        throw new InvalidInput(
            "servers[0].url",
            "'"
                + url
                + "' uses variable {"
                + name
                + "} that servers[0].variables does not define with a default");
      }
      variables.appendReplacement(resolved, Matcher.quoteReplacement(variable.getDefault()));
    }
    variables.appendTail(resolved);
    URI uri;
    try {
      uri = new URI(resolved.toString());
    } catch (URISyntaxException e) {
      throw new InvalidInput(
          "servers[0].url", "'" + resolved + "' is not a valid URL: " + e.getMessage());
    }
    if (!uri.isAbsolute()) {
      if (loaded.url() == null) {
        throw noServer(
            loaded,
            "servers[0].url '"
                + url
                + "' is relative and the document was not fetched from a URL"
                + (url.equals("/")
                    ? " ('/' is also what the parser assumes when servers is missing)"
                    : ""));
      }
      uri = loaded.url().resolve(uri);
    }
    return uri;
  }

  private static InvalidInput noServer(Loaded loaded, String why) {
    return new InvalidInput(
        "baseUrl",
        "no base URL for " + loaded.what() + ": " + why + "; give one with baseUrl(...)");
  }
}
