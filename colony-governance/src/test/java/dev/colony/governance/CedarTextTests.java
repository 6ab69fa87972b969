package dev.colony.governance;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CedarTextTests {
  @Test
  void aFileSplitsAtSemicolonsOutsideStringsAndComments() {
    var file =
        """
        // one; still a comment
        permit (principal, action, resource) when { resource.name == "a;b\\"c;" };
          forbid (principal, action, resource);
        // trailing comment
        """;

    var chunks = CedarText.split(file);

    assertThat(chunks).extracting(CedarText.Chunk::ordinal).containsExactly(1, 2);
    assertThat(chunks.get(0).text()).startsWith("permit").endsWith("\"a;b\\\"c;\" };");
    assertThat(chunks.get(1).text()).isEqualTo("forbid (principal, action, resource);");
    assertThat(CedarText.lineAndColumn(file, chunks.get(1).start())).containsExactly(3, 3);
  }

  @Test
  void byteOffsetsBecomeCharacterOffsets() {
    var text = "ä€𝄞x";

    assertThat(CedarText.charOffset(text, 0)).isZero();
    assertThat(CedarText.charOffset(text, 2)).isEqualTo(1);
    assertThat(CedarText.charOffset(text, 5)).isEqualTo(2);
    assertThat(CedarText.charOffset(text, 9)).isEqualTo(4);
  }

  @Test
  void quotedStringsEscapeWhatCedarRequires() {
    assertThat(CedarText.quote("a\"b\\c\nd\u0001")).isEqualTo("\"a\\\"b\\\\c\\nd\\u{1}\"");
  }
}
