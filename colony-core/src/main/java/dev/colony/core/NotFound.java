package dev.colony.core;

/**
 * A thing with the given id does not exist for the caller's tenant.
 *
 * <p>Another tenant's ids are reported the same way, so ids never leak across tenants.
 */
public final class NotFound extends ColonyException {
  private static final long serialVersionUID = 1L;

  public NotFound(String kind, String id) {
    super(kind + " '" + id + "' not found");
  }
}
