package dev.colony.governance;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CedarNativeTests {
  @Test
  void cedarsNativeLibraryLoadsOnThisPlatform() {
    assertThat(CedarPolicyEngine.cedarLanguageVersion()).startsWith("4.");
  }
}
