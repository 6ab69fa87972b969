package dev.colony.mcp.gateway;

import dev.colony.core.ColonyException;
import dev.colony.core.InvalidInput;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Where an OpenAPI document comes from, and how its text is read.
 *
 * <p>A file is read from disk and later parsed with its path as location, so relative external
 * {@code $ref}s resolve against it. A URL is fetched with the gateway's own {@link HttpClient}
 * (timeout and a 16 MiB limit apply) and parsed without a location, so relative external {@code
 * $ref}s in it do not resolve: such a document must be self-contained. Text is parsed as given.
 */
sealed interface DocumentSource {
  /** The most bytes a document fetched from a URL may have. */
  long MAX_DOCUMENT_BYTES = 16L * 1024 * 1024;

  /** A document's text, where it was read from (for messages), and its URL if fetched from one. */
  record Loaded(String text, String what, String location, URI url) {}

  Loaded load(HttpClient client, Duration timeout);

  record Text(String text) implements DocumentSource {
    @Override
    public Loaded load(HttpClient client, Duration timeout) {
      return new Loaded(text, "the document text", null, null);
    }
  }

  record File(Path path) implements DocumentSource {
    @Override
    public Loaded load(HttpClient client, Duration timeout) {
      try {
        var text = Files.readString(path, StandardCharsets.UTF_8);
        return new Loaded(text, "'" + path + "'", path.toAbsolutePath().toString(), null);
      } catch (NoSuchFileException e) {
        throw new InvalidInput("source", "no file '" + path + "'");
      } catch (IOException e) {
        throw new ColonyException("cannot read the OpenAPI document '" + path + "': " + e, e);
      }
    }
  }

  record Url(URI url) implements DocumentSource {
    @Override
    public Loaded load(HttpClient client, Duration timeout) {
      var request =
          HttpRequest.newBuilder(url)
              .timeout(timeout)
              .header("Accept", "application/json, application/yaml, */*;q=0.5")
              .GET()
              .build();
      var pending = client.sendAsync(request, LimitedBody.handler(MAX_DOCUMENT_BYTES));
      HttpResponse<byte[]> response;
      try {
        response = pending.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        pending.cancel(true);
        throw new ColonyException(
            "cannot fetch the OpenAPI document "
                + url
                + ": no response within "
                + Upstream.human(timeout),
            e);
      } catch (InterruptedException e) {
        pending.cancel(true);
        Thread.currentThread().interrupt();
        throw new ColonyException("interrupted while fetching the OpenAPI document " + url, e);
      } catch (ExecutionException e) {
        throw new ColonyException(
            "cannot fetch the OpenAPI document " + url + ": " + e.getCause(), e.getCause());
      }
      if (response.statusCode() != 200) {
        throw new ColonyException(
            "cannot fetch the OpenAPI document " + url + ": HTTP " + response.statusCode());
      }
      return new Loaded(
          new String(response.body(), StandardCharsets.UTF_8), url.toString(), null, url);
    }
  }

  /**
   * Reads a source given as text: an http(s) or file URL, a document (it has a line break or starts
   * with <code>{</code>), or else a file path.
   */
  static DocumentSource of(String source) {
    var trimmed = source.strip();
    var oneWord = !trimmed.isEmpty() && trimmed.chars().noneMatch(Character::isWhitespace);
    var lower = trimmed.toLowerCase(Locale.ROOT);
    if (oneWord && (lower.startsWith("http://") || lower.startsWith("https://"))) {
      return new Url(uri(trimmed));
    }
    if (oneWord && lower.startsWith("file:")) {
      return new File(Path.of(uri(trimmed)));
    }
    if (trimmed.isEmpty() || trimmed.contains("\n") || trimmed.startsWith("{")) {
      return new Text(source);
    }
    return new File(Path.of(trimmed));
  }

  private static URI uri(String text) {
    try {
      return URI.create(text);
    } catch (IllegalArgumentException e) {
      throw new InvalidInput("source", "not a valid URL '" + text + "': " + e.getMessage());
    }
  }
}
