package dev.colony.core;

import java.util.Objects;

/**
 * Someone or something that acts: a person, an agent, or a service.
 *
 * @param kind what sort of actor this is
 * @param id the actor's stable identifier (a user's subject, an agent's name)
 */
public record Principal(Kind kind, String id) {
  /** The sorts of actor. */
  public enum Kind {
    USER,
    AGENT,
    SERVICE
  }

  public Principal {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(id, "id");
    if (id.isBlank()) {
      throw new InvalidInput("principal.id", "must not be blank");
    }
  }

  public static Principal user(String id) {
    return new Principal(Kind.USER, id);
  }

  public static Principal agent(String name) {
    return new Principal(Kind.AGENT, name);
  }

  public static Principal service(String name) {
    return new Principal(Kind.SERVICE, name);
  }

  @Override
  public String toString() {
    return kind.name().toLowerCase(java.util.Locale.ROOT) + ":" + id;
  }
}
