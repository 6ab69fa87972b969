package dev.colony.identity.oauth;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.oauth2.sdk.token.TokenTypeURI;
import com.nimbusds.oauth2.sdk.token.Tokens;
import dev.colony.core.ColonyException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The answer of a token exchange, as the HTTP response an RFC 8693 token endpoint gives: {@link
 * Issued} (200, RFC 8693 section 2.2.1) or {@link Refused} (400, RFC 6749 section 5.2).
 */
public sealed interface ExchangeResult permits ExchangeResult.Issued, ExchangeResult.Refused {
  /** The HTTP status of the response. */
  int httpStatus();

  /** The JSON object of the response body. */
  Map<String, Object> body();

  /** The response body as JSON text. */
  default String bodyJson() {
    return JSONObjectUtils.toJSONString(body());
  }

  /**
   * A token was issued.
   *
   * @param accessToken the issued token (a JWS)
   * @param issuedTokenType the RFC 8693 token type URI of the issued token
   * @param expiresIn its lifetime in seconds
   * @param scopes the scopes it grants: held, asked for and allowed for the audience
   */
  record Issued(String accessToken, String issuedTokenType, long expiresIn, Set<String> scopes)
      implements ExchangeResult {
    public Issued {
      Objects.requireNonNull(accessToken, "accessToken");
      Objects.requireNonNull(issuedTokenType, "issuedTokenType");
      scopes = Set.copyOf(scopes);
    }

    @Override
    public int httpStatus() {
      return 200;
    }

    @Override
    public Map<String, Object> body() {
      try {
        var token =
            new BearerAccessToken(
                accessToken,
                expiresIn,
                Scope.parse(new TreeSet<>(scopes)),
                TokenTypeURI.parse(issuedTokenType));
        return new LinkedHashMap<>(new AccessTokenResponse(new Tokens(token, null)).toJSONObject());
      } catch (com.nimbusds.oauth2.sdk.ParseException e) {
        throw new ColonyException("issued token type '" + issuedTokenType + "' is not a URI", e);
      }
    }

    /** Hides the token itself. */
    @Override
    public String toString() {
      return "Issued[issuedTokenType="
          + issuedTokenType
          + ", expiresIn="
          + expiresIn
          + ", scopes="
          + new TreeSet<>(scopes)
          + "]";
    }
  }

  /**
   * The request was refused.
   *
   * @param error the RFC 6749 / RFC 8693 error code, for example {@code invalid_request}, {@code
   *     invalid_target}, {@code invalid_scope}, {@code unsupported_grant_type}
   * @param description what was wrong, for the client's developer
   */
  record Refused(String error, String description) implements ExchangeResult {
    public Refused {
      Objects.requireNonNull(error, "error");
      Objects.requireNonNull(description, "description");
    }

    /** 503 for {@code temporarily_unavailable}, 500 for {@code server_error}, else 400. */
    @Override
    public int httpStatus() {
      return switch (error) {
        case "temporarily_unavailable" -> 503;
        case "server_error" -> 500;
        default -> 400;
      };
    }

    @Override
    public Map<String, Object> body() {
      var error =
          new ErrorObject(error(), ErrorObject.removeIllegalChars(description), httpStatus());
      return new LinkedHashMap<>(new TokenErrorResponse(error).toJSONObject());
    }
  }
}
