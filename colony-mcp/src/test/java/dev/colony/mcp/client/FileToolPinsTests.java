package dev.colony.mcp.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.colony.core.ColonyException;
import dev.colony.core.InvalidInput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileToolPinsTests extends ToolPinsContract {
  @TempDir Path directory;

  @Override
  ToolPins pins() {
    return FileToolPins.in(directory.resolve("pins"));
  }

  @Test
  void pinsSavedByOneInstanceLoadInAnother() {
    FileToolPins.in(directory).save("github", Map.of("search", A));

    assertThat(FileToolPins.in(directory).load("github")).contains(Map.of("search", A));
  }

  @Test
  void aSaveLeavesOnlyTheServersFileBehind() throws IOException {
    var pins = FileToolPins.in(directory);

    pins.save("github", Map.of("search", A));
    pins.save("github", Map.of("search", B));

    try (var files = Files.list(directory)) {
      assertThat(files).containsExactly(directory.resolve("github.pins.json"));
    }
    assertThat(Files.readString(pins.file("github")))
        .contains("\"server\" : \"github\"")
        .contains("\"search\" : \"" + B + "\"");
  }

  @Test
  void aFileThatIsNotJsonFailsToLoadNamingTheFile() throws IOException {
    var pins = FileToolPins.in(directory);
    Files.writeString(pins.file("github"), "{\"tools\": {\"search\": ");

    assertThatThrownBy(() -> pins.load("github"))
        .isInstanceOf(ColonyException.class)
        .hasMessageStartingWith("cannot read the MCP tool pins " + pins.file("github"));
  }

  @Test
  void aFileWithoutToolsFailsToLoadRatherThanPinningAgain() throws IOException {
    var pins = FileToolPins.in(directory);
    Files.writeString(pins.file("github"), "[]");

    assertThatThrownBy(() -> pins.load("github"))
        .isInstanceOf(ColonyException.class)
        .hasMessageContaining("expected an object with a 'tools' object");
  }

  @Test
  void aPinThatIsNotAHashFailsToLoadNamingTheTool() throws IOException {
    var pins = FileToolPins.in(directory);
    Files.writeString(pins.file("github"), "{\"tools\":{\"search\":\"approved\"}}");

    assertThatThrownBy(() -> pins.load("github"))
        .isInstanceOf(ColonyException.class)
        .hasMessageContaining("tools.search must be a lower-case hex SHA-256, got \"approved\"");
  }

  @Test
  void aServerNameThatCouldEscapeTheDirectoryIsRejected() {
    var pins = FileToolPins.in(directory);

    assertThatThrownBy(() -> pins.save("../github", Map.of()))
        .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.field()).isEqualTo("server"));
  }

  @Test
  void aHashThatIsNotSha256IsNotSaved() {
    var pins = FileToolPins.in(directory);
    pins.save("github", Map.of("search", A));

    assertThatThrownBy(() -> pins.save("github", Map.of("search", "not-a-hash")))
        .isInstanceOfSatisfying(
            InvalidInput.class, e -> assertThat(e.field()).isEqualTo("pins.search"));
    assertThat(pins.load("github")).contains(Map.of("search", A));
  }
}
