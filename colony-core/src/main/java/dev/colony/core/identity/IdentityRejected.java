package dev.colony.core.identity;

import dev.colony.core.ColonyException;

/**
 * A credential was refused: a sealed hop, an approval token or a bearer token.
 *
 * <p>{@link #check()} names the check that failed, for example {@code signature}, {@code key},
 * {@code audience}, {@code tenant}, {@code skill}, {@code expired}, {@code replayed}, {@code
 * revoked}, {@code binding}; the message says what was expected and what was found.
 */
public final class IdentityRejected extends ColonyException {
  private static final long serialVersionUID = 1L;
  private final String check;

  public IdentityRejected(String check, String message) {
    super(check + ": " + message);
    this.check = check;
  }

  public String check() {
    return check;
  }
}
