package dev.colony.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.colony.core.InvalidInput;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExtractorTests {
  private static final Extractor SHIPPING = RetailSkills.SHIPPING;

  @Test
  void regexTakesItsFirstGroupIgnoringCase() {
    assertThat(RetailSkills.ORDER_ID.extract("I was charged twice for Order #1001, help"))
        .contains("1001");
  }

  @Test
  void regexWithoutGroupTakesTheWholeMatch() {
    assertThat(Extractor.regex("sku", "[A-Z]+-\\d+").extract("please resend mug-2 today"))
        .contains("mug-2");
  }

  @Test
  void regexIsRequiredAndFindsNothingWhenAbsent() {
    assertThat(RetailSkills.ORDER_ID.required()).isTrue();
    assertThat(RetailSkills.ORDER_ID.extract("I was charged twice")).isEmpty();
  }

  @Test
  void invalidRegexIsRejectedNamingTheExtractor() {
    assertThatThrownBy(() -> Extractor.regex("order_id", "order (\\d+"))
        .isInstanceOf(InvalidInput.class)
        .hasMessageContaining("extractor 'order_id'")
        .hasMessageContaining("order (\\d+");
  }

  @Test
  void keywordMapsToItsValueIgnoringCase() {
    assertThat(SHIPPING.extract("I need it TOMORROW please")).contains("next_day");
  }

  @Test
  void keywordThatOccursFirstWins() {
    var speed = Extractor.keywords("speed", Map.of("slow", "standard", "fast", "express"));

    assertThat(speed.extract("fast would be nice, slow is fine")).contains("express");
    assertThat(speed.extract("slow is fine, fast would be nice")).contains("standard");
  }

  @Test
  void longerKeywordWinsAtTheSamePosition() {
    var speed = Extractor.keywords("speed", Map.of("next", "soon", "next day", "next_day"));

    assertThat(speed.extract("next day please")).contains("next_day");
  }

  @Test
  void keywordMatchesWholeWordsOnly() {
    assertThat(SHIPPING.extract("tickets for tomorrowland")).contains("standard");
  }

  @Test
  void keywordsWithDefaultAreNotRequired() {
    assertThat(SHIPPING.required()).isFalse();
    assertThat(SHIPPING.extract("no rush")).contains("standard");
  }

  @Test
  void keywordsWithoutDefaultAreRequired() {
    var speed = Extractor.keywords("speed", Map.of("fast", "express"));

    assertThat(speed.required()).isTrue();
    assertThat(speed.extract("no rush")).isEmpty();
  }

  @Test
  void literalAlwaysGivesItsValue() {
    assertThat(Extractor.literal("channel", "support").extract("anything")).contains("support");
  }

  @Test
  void optionalCopyIsNotRequiredAndExtractsTheSame() {
    var optional = RetailSkills.ORDER_ID.optional();

    assertThat(optional.required()).isFalse();
    assertThat(optional.extract("order 7")).contains("7");
  }

  @Test
  void customExtractionBlankOrNullCountsAsNotFound() {
    assertThat(Extractor.of("x", text -> Optional.of("  ")).extract("t")).isEmpty();
    assertThat(Extractor.of("x", text -> null).extract("t")).isEmpty();
  }

  @Test
  void blankNameIsRejected() {
    assertThatThrownBy(() -> Extractor.literal(" ", "v"))
        .isInstanceOf(InvalidInput.class)
        .hasMessageContaining("extractor.name");
  }
}
