package dev.colony.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.colony.core.ColonyException;
import dev.colony.core.InvalidInput;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DatabaseTests {
  private static String memoryUrl() {
    return "jdbc:h2:mem:colony-" + UUID.randomUUID();
  }

  @Test
  void openRefusesAUrlThatIsNeitherH2NorPostgresqlWithoutEchoingIt() {
    assertThatThrownBy(() -> Database.open("jdbc:mysql://db:3306/shop?password=hunter2"))
        .isInstanceOf(InvalidInput.class)
        .hasMessage(
            "jdbcUrl: must start with 'jdbc:h2:' or 'jdbc:postgresql:', got 'jdbc:mysql:...'");
  }

  @Test
  void openRefusesAnH2UrlInAnotherCompatibilityMode() {
    assertThatThrownBy(() -> Database.open(memoryUrl() + ";MODE=MySQL"))
        .isInstanceOf(InvalidInput.class)
        .hasMessage(
            "jdbcUrl: H2 setting MODE must be PostgreSQL (Colony's SQL is written for"
                + " PostgreSQL), got 'MySQL'");
  }

  @Test
  void openAddsPostgresqlCompatibilityToAPlainH2Url() {
    try (var database = Database.open(memoryUrl())) {
      var tenant = Fixtures.newTenant();
      var effect = Fixtures.effect("k-1", "run-1", "d".repeat(64));

      assertThat(database.effectStore().begin(tenant, effect)).isEqualTo(effect);
    }
  }

  @Test
  void openReportsAnUnreachableDatabaseWithoutItsPassword() {
    assertThatThrownBy(
            () ->
                Database.open(
                    "jdbc:postgresql://127.0.0.1:1/colony?user=colony&password=hunter2"
                        + "&connectTimeout=2"))
        .isInstanceOf(ColonyException.class)
        .hasMessageStartingWith("could not connect to jdbc:postgresql://127.0.0.1:1/colony: ")
        .message()
        .doesNotContain("hunter2");
  }

  @Test
  void migrateAppliesAnotherModulesScriptsWithItsOwnHistory() throws SQLException {
    try (var database = Database.open(memoryUrl())) {
      database.migrate("classpath:db/extra", "extra_schema_history");
      database.migrate("classpath:db/extra", "extra_schema_history");

      try (var connection = database.dataSource().getConnection();
          var statement = connection.createStatement()) {
        statement.executeUpdate("INSERT INTO extra_notes (id, body) VALUES (1, 'beside colony')");
        try (var rows =
            statement.executeQuery(
                "SELECT (SELECT COUNT(*) FROM extra_notes),"
                    + " (SELECT COUNT(*) FROM colony_schema_history WHERE type = 'SQL'),"
                    + " (SELECT COUNT(*) FROM extra_schema_history WHERE type = 'SQL')")) {
          rows.next();
          assertThat(rows.getInt(1)).isEqualTo(1);
          assertThat(rows.getInt(2)).as("Colony's own migrations").isEqualTo(4);
          assertThat(rows.getInt(3)).isEqualTo(1);
        }
      }
    }
  }

  @Test
  void migrateRefusesColonysOwnHistoryTable() {
    try (var database = Database.open(memoryUrl())) {
      assertThatThrownBy(() -> database.migrate("classpath:db/extra", "colony_schema_history"))
          .isInstanceOf(InvalidInput.class)
          .hasMessageContaining("records Colony's own schema");
    }
  }

  @Test
  void migrateRefusesAHistoryTableThatIsNotAPlainName() {
    try (var database = Database.open(memoryUrl())) {
      assertThatThrownBy(() -> database.migrate("classpath:db/extra", "x; DROP TABLE y"))
          .isInstanceOf(InvalidInput.class)
          .hasMessageStartingWith("historyTable: must be 1 to 63 lower-case letters");
    }
  }

  @Test
  void closingTwiceIsHarmless() {
    var database = Database.open(memoryUrl());
    database.close();

    database.close();
  }
}
