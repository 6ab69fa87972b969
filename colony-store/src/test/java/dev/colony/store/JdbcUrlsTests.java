package dev.colony.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class JdbcUrlsTests {
  @Test
  void anH2UrlGetsTheSettingsItLacks() {
    assertThat(JdbcUrls.prepare("jdbc:h2:mem:x;mode=postgresql"))
        .isEqualTo(
            "jdbc:h2:mem:x;mode=postgresql;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
  }

  @Test
  void aPostgresqlUrlIsLeftAsItIs() {
    var url = "jdbc:postgresql://db:5432/colony?currentSchema=colony";

    assertThat(JdbcUrls.prepare(url)).isEqualTo(url);
  }

  @Test
  void theEmbeddedUrlNamesTheDirectoryAndServesOtherProcesses() {
    var url = JdbcUrls.embedded(Path.of("/var/lib/app/.colony"));

    assertThat(url)
        .isEqualTo(
            "jdbc:h2:file:/var/lib/app/.colony/colony;AUTO_SERVER=TRUE;WRITE_DELAY=0;MODE=PostgreSQL;"
                + "DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
  }

  @Test
  void redactingDropsParametersSettingsAndUserInfo() {
    assertThat(JdbcUrls.redact("jdbc:postgresql://db/colony?user=u&password=p"))
        .isEqualTo("jdbc:postgresql://db/colony");
    assertThat(JdbcUrls.redact("jdbc:h2:file:/x/colony;PASSWORD=p"))
        .isEqualTo("jdbc:h2:file:/x/colony");
    assertThat(JdbcUrls.redact("jdbc:postgresql://u:p@db/colony"))
        .isEqualTo("jdbc:postgresql://***@db/colony");
  }
}
