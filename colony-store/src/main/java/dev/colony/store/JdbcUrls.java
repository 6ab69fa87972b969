package dev.colony.store;

import dev.colony.core.InvalidInput;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Recognizes the databases Colony runs on and prepares their JDBC URLs. Stateless.
 *
 * <p>Colony's SQL is written once, for PostgreSQL; H2 runs it in its PostgreSQL compatibility mode.
 * {@link #prepare} adds the settings that mode needs to an H2 URL that lacks them and refuses one
 * that sets them otherwise.
 */
final class JdbcUrls {
  static final String H2 = "jdbc:h2:";
  static final String POSTGRESQL = "jdbc:postgresql:";

  /** The H2 settings Colony's SQL relies on, with the values it needs. */
  private static final Map<String, String> H2_SETTINGS = new LinkedHashMap<>();

  static {
    // INSERT ... ON CONFLICT DO NOTHING, PostgreSQL's data types and functions.
    H2_SETTINGS.put("MODE", "PostgreSQL");
    // Unquoted names fold to lower case, as in PostgreSQL, so catalog queries see the same names.
    H2_SETTINGS.put("DATABASE_TO_LOWER", "TRUE");
    // NULLs sort as in PostgreSQL: last when ascending.
    H2_SETTINGS.put("DEFAULT_NULL_ORDERING", "HIGH");
  }

  private JdbcUrls() {}

  /** The URL of the embedded database in a directory, which other processes may open too. */
  static String embedded(Path dataDir) {
    var file = dataDir.toAbsolutePath().normalize().resolve("colony").toString();
    if (file.contains(";")) {
      throw new InvalidInput(
          "dataDir", "must not contain ';' (H2 reads it as a setting), got '" + dataDir + "'");
    }
    // AUTO_SERVER: the first process serves the file over TCP to later ones, so a second process
    // (the CLI approving while a demo waits) can open it. WRITE_DELAY=0: a commit is on disk when
    // it returns; H2's default delay of 500 ms loses the last commits of a killed process, and a
    // run that suspended just before a SIGKILL would be found still running.
    return prepare(H2 + "file:" + file + ";AUTO_SERVER=TRUE;WRITE_DELAY=0");
  }

  /** The URL with the settings Colony needs, or an error naming the setting that conflicts. */
  static String prepare(String url) {
    if (url.startsWith(POSTGRESQL)) {
      return url;
    }
    if (!url.startsWith(H2)) {
      throw new InvalidInput(
          "jdbcUrl",
          "must start with '" + H2 + "' or '" + POSTGRESQL + "', got '" + scheme(url) + "...'");
    }
    var parts = url.split(";", -1);
    var present = new LinkedHashMap<String, String>();
    for (int i = 1; i < parts.length; i++) {
      var setting = parts[i];
      int equals = setting.indexOf('=');
      if (equals > 0) {
        present.put(
            setting.substring(0, equals).trim().toUpperCase(Locale.ROOT),
            setting.substring(equals + 1).trim());
      }
    }
    var prepared = new StringBuilder(url);
    for (var required : H2_SETTINGS.entrySet()) {
      var value = present.get(required.getKey());
      if (value == null) {
        prepared.append(';').append(required.getKey()).append('=').append(required.getValue());
      } else if (!value.equalsIgnoreCase(required.getValue())) {
        throw new InvalidInput(
            "jdbcUrl",
            "H2 setting "
                + required.getKey()
                + " must be "
                + required.getValue()
                + " (Colony's SQL is written for PostgreSQL), got '"
                + value
                + "'");
      }
    }
    return prepared.toString();
  }

  /** The URL without settings or parameters, which may hold credentials, for messages and logs. */
  static String redact(String url) {
    int end = url.length();
    for (char c : new char[] {';', '?'}) {
      int at = url.indexOf(c);
      if (at >= 0 && at < end) {
        end = at;
      }
    }
    // jdbc:postgresql://user:password@host/db is not a form pgjdbc accepts, but do not echo it.
    int at = url.lastIndexOf('@', end);
    int slashes = url.indexOf("//");
    if (at >= 0 && slashes >= 0 && at > slashes) {
      return url.substring(0, slashes + 2) + "***" + url.substring(at, end);
    }
    return url.substring(0, end);
  }

  private static String scheme(String url) {
    int second = url.indexOf(':', url.indexOf(':') + 1);
    return second < 0 ? redact(url) : url.substring(0, second + 1);
  }
}
