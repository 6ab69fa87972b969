package dev.colony.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Text made fit for an entry. */
class TextTests {
  @Test
  void unpairedSurrogatesBecomeReplacementCharacters() {
    assertThat(Text.clean("a\uD800b\uDC00c😀", 100)).isEqualTo("a\uFFFDb\uFFFDc😀");
  }

  @Test
  void longTextIsCutWithoutSplittingASurrogatePair() {
    var cut = Text.clean("ab😀cd", 3);

    assertThat(cut).isEqualTo("ab…[truncated]");
  }
}
