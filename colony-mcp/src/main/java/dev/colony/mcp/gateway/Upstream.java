package dev.colony.mcp.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The HTTP API the tools call, and how.
 *
 * @param client sends the requests
 * @param baseUrl absolute http(s) URL the operations' paths are appended to, without a trailing
 *     slash
 * @param headers set on every request, replacing any of the same name; values are read per request
 * @param timeout for a whole exchange, from sending the request to the last byte of the response
 * @param maxResponseBytes responses larger than this fail without being read further
 */
record Upstream(
    HttpClient client,
    URI baseUrl,
    Map<String, Supplier<String>> headers,
    Duration timeout,
    long maxResponseBytes) {

  Upstream {
    headers = Map.copyOf(headers);
  }

  /** The upstream as messages name it: scheme, host and port. */
  String origin() {
    return baseUrl.getScheme() + "://" + baseUrl.getRawAuthority();
  }

  /** A duration as people write it: {@code 250 ms}, {@code 30 s}. */
  static String human(Duration duration) {
    var millis = duration.toMillis();
    return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
  }
}
