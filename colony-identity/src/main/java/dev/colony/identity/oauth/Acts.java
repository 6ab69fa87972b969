package dev.colony.identity.oauth;

import dev.colony.core.ColonyException;
import dev.colony.core.Principal;
import dev.colony.identity.internal.Claims;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The RFC 8693 section 4.1 {@code act} claim: "the current actor", with "a chain of delegation"
 * nested inside, the newest actor outermost. Actors are written {@code kind:id} ({@code
 * agent:orders}); an actor written otherwise by another issuer reads as a service.
 */
final class Acts {
  /** Deeper chains are refused as malformed. */
  static final int MAX_DEPTH = 16;

  private Acts() {}

  /** The actors of an {@code act} claim, earliest first; none for a missing claim. */
  static List<Principal> read(Map<String, Object> act, String what) {
    var newestFirst = new ArrayList<Principal>();
    Object level = act;
    while (level != null) {
      if (!(level instanceof Map<?, ?> map)) {
        throw Claims.malformed(what, "'act' must be a JSON object, found " + level);
      }
      if (newestFirst.size() == MAX_DEPTH) {
        throw Claims.malformed(what, "'act' nests deeper than " + MAX_DEPTH + " actors");
      }
      if (!(map.get("sub") instanceof String sub) || sub.isBlank()) {
        throw Claims.malformed(what, "every 'act' level needs a string 'sub', found " + map);
      }
      newestFirst.add(principal(sub));
      level = map.get("act");
    }
    return newestFirst.reversed();
  }

  /** The {@code act} claim for actors given earliest first, or {@code null} for none. */
  static Map<String, Object> write(List<Principal> actors) {
    Map<String, Object> act = null;
    for (var actor : actors) {
      var level = new LinkedHashMap<String, Object>();
      level.put("sub", actor.toString());
      if (act != null) {
        level.put("act", act);
      }
      act = level;
    }
    return act;
  }

  private static Principal principal(String sub) {
    var colon = sub.indexOf(':');
    if (colon > 0) {
      try {
        var kind = Principal.Kind.valueOf(sub.substring(0, colon).toUpperCase(Locale.ROOT));
        return new Principal(kind, sub.substring(colon + 1));
      } catch (IllegalArgumentException | ColonyException e) {
        // not one of ours: read below as a service named by the whole text
      }
    }
    return Principal.service(sub);
  }
}
