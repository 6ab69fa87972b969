package dev.colony.mcp.server;

import dev.colony.core.ColonyException;
import dev.colony.core.Envelope;

/**
 * Who an MCP request over HTTP speaks for: the node checks the request's bearer token (issuer,
 * signature, expiry, audience) and the scope MCP needs, and answers with the caller's envelope.
 */
@FunctionalInterface
public interface McpAuthenticator {
  /**
   * The envelope of the caller an {@code Authorization} header speaks for.
   *
   * @param authorization the header's value, or {@code null} when the request has none
   * @throws Refused when the request may not go on
   */
  Envelope authenticate(String authorization);

  /**
   * A request refused before it reaches the MCP server: 401 without valid credentials, 403 without
   * the scope needed, 503 when the issuer could not be asked.
   */
  final class Refused extends ColonyException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String error;
    private final String scope;

    /**
     * @param status the HTTP status
     * @param error the RFC 6750 error code ({@code invalid_token}, {@code insufficient_scope}), or
     *     {@code null} for a request that carried no credentials
     * @param scope the scope needed, for {@code insufficient_scope}; else {@code null}
     * @param message what was wrong
     */
    public Refused(int status, String error, String scope, String message) {
      super(message);
      this.status = status;
      this.error = error;
      this.scope = scope;
    }

    public int status() {
      return status;
    }

    public String error() {
      return error;
    }

    public String scope() {
      return scope;
    }
  }
}
