package dev.colony.identity.internal;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.colony.core.ColonyException;
import dev.colony.core.Principal;
import dev.colony.core.TenantId;
import dev.colony.core.identity.IdentityRejected;
import java.text.ParseException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The claims of a parsed JWS, read with errors that name the credential and the claim: a missing or
 * mistyped claim is {@link IdentityRejected} with check {@code malformed}. Immutable.
 */
public final class Claims {
  private final JWTClaimsSet set;
  private final String what;

  private Claims(JWTClaimsSet set, String what) {
    this.set = set;
    this.what = what;
  }

  /**
   * Parses compact JWS text whose header must name {@code type}, a {@code kid} and an {@code alg} a
   * key ring signs with ({@link KeyAlgorithm}); the key ring checks that the {@code alg} is that of
   * the key.
   *
   * @param what the credential, for messages ("hop", "approval token")
   */
  public static SignedJWT parse(String compact, JOSEObjectType type, String what) {
    if (compact == null || compact.isBlank()) {
      throw malformed(what, "expected compact JWS text, found nothing");
    }
    SignedJWT jwt;
    try {
      jwt = SignedJWT.parse(compact.strip());
    } catch (ParseException | RuntimeException e) {
      throw malformed(what, "expected compact JWS text (three base64url parts): " + e.getMessage());
    }
    var header = jwt.getHeader();
    if (!type.equals(header.getType())) {
      throw malformed(what, "expected typ '" + type + "', found '" + header.getType() + "'");
    }
    var alg = header.getAlgorithm();
    if (KeyAlgorithm.names().stream().noneMatch(name -> name.equals(alg.getName()))) {
      throw new IdentityRejected(
          "signature",
          what + ": expected alg " + String.join(" or ", KeyAlgorithm.names()) + ", found " + alg);
    }
    if (header.getKeyID() == null) {
      throw new IdentityRejected("signature", what + ": expected a kid header, found none");
    }
    return jwt;
  }

  /** The claims of a parsed JWS. */
  public static Claims of(SignedJWT jwt, String what) {
    try {
      return new Claims(jwt.getJWTClaimsSet(), what);
    } catch (ParseException e) {
      throw malformed(what, "payload is not a JSON claims set: " + e.getMessage());
    }
  }

  /** Claims already parsed and verified elsewhere. */
  public static Claims of(JWTClaimsSet set, String what) {
    return new Claims(set, what);
  }

  public JWTClaimsSet set() {
    return set;
  }

  /** A required, non-blank string claim. */
  public String string(String name) {
    return optionalString(name)
        .orElseThrow(() -> malformed(what, "expected claim '" + name + "', found none"));
  }

  /** An optional string claim; blank counts as absent. */
  public Optional<String> optionalString(String name) {
    try {
      var value = set.getStringClaim(name);
      return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    } catch (ParseException e) {
      throw malformed(what, "claim '" + name + "' must be a string");
    }
  }

  /** A required array of strings. */
  public List<String> strings(String name) {
    try {
      var value = set.getStringListClaim(name);
      if (value == null) {
        throw malformed(what, "expected claim '" + name + "' (an array of strings), found none");
      }
      return List.copyOf(value);
    } catch (ParseException | NullPointerException e) {
      throw malformed(what, "claim '" + name + "' must be an array of strings");
    }
  }

  /** A required NumericDate claim. */
  public Instant instant(String name) {
    return optionalInstant(name)
        .orElseThrow(() -> malformed(what, "expected claim '" + name + "', found none"));
  }

  public Optional<Instant> optionalInstant(String name) {
    try {
      var value = set.getDateClaim(name);
      return Optional.ofNullable(value).map(java.util.Date::toInstant);
    } catch (ParseException e) {
      throw malformed(what, "claim '" + name + "' must be a NumericDate (seconds since the epoch)");
    }
  }

  /** An optional JSON object claim. */
  public Optional<Map<String, Object>> object(String name) {
    try {
      return Optional.ofNullable(set.getJSONObjectClaim(name));
    } catch (ParseException e) {
      throw malformed(what, "claim '" + name + "' must be a JSON object");
    }
  }

  /** The one audience the credential names. */
  public String singleAudience() {
    var audience = set.getAudience();
    if (audience == null || audience.size() != 1) {
      throw malformed(what, "expected exactly one 'aud', found " + audience);
    }
    return audience.getFirst();
  }

  /** A required tenant claim. */
  public TenantId tenant(String name) {
    var value = string(name);
    try {
      return TenantId.of(value);
    } catch (ColonyException e) {
      throw malformed(what, "claim '" + name + "': " + e.getMessage());
    }
  }

  /** A principal written as {@code kind:id}, for example {@code agent:orders}. */
  public Principal principal(String text) {
    var colon = text.indexOf(':');
    if (colon <= 0) {
      throw malformed(what, "expected a principal 'kind:id', found '" + text + "'");
    }
    try {
      var kind = Principal.Kind.valueOf(text.substring(0, colon).toUpperCase(Locale.ROOT));
      return new Principal(kind, text.substring(colon + 1));
    } catch (IllegalArgumentException | ColonyException e) {
      throw malformed(
          what, "expected a principal 'user:', 'agent:' or 'service:' id, found '" + text + "'");
    }
  }

  public static IdentityRejected malformed(String what, String message) {
    return new IdentityRejected("malformed", what + ": " + message);
  }
}
