package dev.colony.mcp.gateway;

import java.util.List;
import java.util.Locale;

/**
 * How one OpenAPI operation is called: which arguments go where in the HTTP request.
 *
 * @param label method and path template, as people read it ({@code GET /orders/{orderId}})
 * @param method the HTTP method, upper case
 * @param pathTemplate the path with {@code {name}} placeholders, relative to the base URL
 * @param params the path, query, header and cookie parameters, in declaration order
 * @param body the request body, or {@code null} if the operation takes none
 */
record HttpOperation(
    String label, String method, String pathTemplate, List<Param> params, Body body) {

  HttpOperation {
    params = List.copyOf(params);
  }

  /** Whether the method is safe (RFC 9110 §9.2.1), so that no idempotency key is sent. */
  boolean safe() {
    return switch (method) {
      case "GET", "HEAD", "OPTIONS", "TRACE" -> true;
      default -> false;
    };
  }

  /** Where a parameter goes, as OpenAPI's {@code in} says. */
  enum Location {
    PATH,
    QUERY,
    HEADER,
    COOKIE;

    String word() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * One parameter.
   *
   * @param name its name in the request
   * @param in where it goes
   * @param property the argument property that carries it (its name, unless that clashed)
   * @param required whether a call must give it
   * @param style OpenAPI's serialization style ({@code form}, {@code simple}, {@code deepObject},
   *     ...)
   * @param explode whether arrays and objects are sent as separate values
   * @param json whether it is declared with {@code content: application/json}, so sent as JSON text
   */
  record Param(
      String name,
      Location in,
      String property,
      boolean required,
      String style,
      boolean explode,
      boolean json) {}

  /**
   * The request body.
   *
   * @param property the argument property that carries it ({@code body})
   * @param mediaType the declared media type sent as {@code Content-Type}
   * @param required whether a call must give it
   * @param form whether it is sent form-urlencoded rather than as JSON
   */
  record Body(String property, String mediaType, boolean required, boolean form) {}
}
