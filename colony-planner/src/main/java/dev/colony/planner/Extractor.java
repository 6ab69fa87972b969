package dev.colony.planner;

import dev.colony.core.InvalidInput;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Finds one named parameter in a request's text, deterministically.
 *
 * <p>Extractors are declared per skill ({@link SkillPlan.Builder#extractor}). An extractor is
 * required unless made {@link #optional()} or given a default; when a required parameter cannot be
 * found the planner asks for it instead of running the plan. Extractors are immutable and
 * thread-safe. They match text; they do not understand it ("not tomorrow" still says "tomorrow").
 */
public final class Extractor {
  private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;

  private final String name;
  private final boolean required;
  private final Function<String, Optional<String>> extraction;

  private Extractor(String name, boolean required, Function<String, Optional<String>> extraction) {
    this.name = name;
    this.required = required;
    this.extraction = extraction;
  }

  /**
   * The first match of {@code regex} (case-insensitive): its first group if it has groups, else the
   * whole match, trimmed. Required.
   *
   * <pre>{@code Extractor.regex("order_id", "order\\s*#?\\s*(\\d+)")  // "order #1001" -> 1001}
   * </pre>
   *
   * @throws InvalidInput if the name is blank or the expression does not compile
   */
  public static Extractor regex(String name, String regex) {
    checkName(name);
    Objects.requireNonNull(regex, "regex");
    Pattern pattern;
    try {
      pattern = Pattern.compile(regex, FLAGS);
    } catch (PatternSyntaxException e) {
      throw new InvalidInput(
          "extractor '" + name + "'", "invalid regular expression '" + regex + "': " + e);
    }
    return new Extractor(
        name,
        true,
        text -> {
          Matcher m = pattern.matcher(text);
          if (!m.find()) {
            return Optional.empty();
          }
          String value = m.groupCount() >= 1 ? m.group(1) : m.group();
          return nonBlank(value);
        });
  }

  /**
   * The value of the keyword that occurs first in the text, as a whole word or phrase, ignoring
   * case (on a tie, the longer keyword); {@code defaultValue} when none occurs.
   *
   * <pre>{@code
   * Extractor.keywords("shipping", Map.of("tomorrow", "next_day", "asap", "next_day"), "standard")
   * }</pre>
   *
   * @param keywords keyword or phrase to value
   * @param defaultValue the value when no keyword occurs; {@code null} makes the parameter required
   * @throws InvalidInput if the name or a keyword is blank, or there are no keywords
   */
  public static Extractor keywords(String name, Map<String, String> keywords, String defaultValue) {
    checkName(name);
    if (keywords.isEmpty()) {
      throw new InvalidInput("extractor '" + name + "'", "needs at least one keyword");
    }
    List<Keyword> compiled = new ArrayList<>();
    for (var entry : keywords.entrySet()) {
      String keyword = entry.getKey().strip();
      if (keyword.isEmpty()) {
        throw new InvalidInput("extractor '" + name + "'", "keywords must not be blank");
      }
      Objects.requireNonNull(entry.getValue(), "value of keyword '" + keyword + "'");
      String wholeWord = "(?<![\\p{L}\\p{N}])" + Pattern.quote(keyword) + "(?![\\p{L}\\p{N}])";
      compiled.add(new Keyword(keyword, Pattern.compile(wholeWord, FLAGS), entry.getValue()));
    }
    compiled.sort(Comparator.comparing(Keyword::keyword));
    Optional<String> fallback = Optional.ofNullable(defaultValue);
    return new Extractor(
        name,
        defaultValue == null,
        text -> {
          Keyword best = null;
          int bestStart = Integer.MAX_VALUE;
          for (Keyword k : compiled) {
            Matcher m = k.pattern().matcher(text);
            if (m.find()
                && (m.start() < bestStart
                    || (m.start() == bestStart
                        && k.keyword().length() > best.keyword().length()))) {
              best = k;
              bestStart = m.start();
            }
          }
          return best == null ? fallback : Optional.of(best.value());
        });
  }

  /** Like {@link #keywords(String, Map, String)} without a default: required. */
  public static Extractor keywords(String name, Map<String, String> keywords) {
    return keywords(name, keywords, null);
  }

  /** Always {@code value}, whatever the request says. */
  public static Extractor literal(String name, String value) {
    checkName(name);
    Optional<String> constant = Optional.of(Objects.requireNonNull(value, "value"));
    return new Extractor(name, true, text -> constant);
  }

  /** A required extractor computed by {@code extraction}, which must be pure and thread-safe. */
  public static Extractor of(String name, Function<String, Optional<String>> extraction) {
    checkName(name);
    return new Extractor(name, true, Objects.requireNonNull(extraction, "extraction"));
  }

  /** This extractor, but the plan runs without the parameter when it is not found. */
  public Extractor optional() {
    return new Extractor(name, false, extraction);
  }

  /** The parameter's name, as plans read it with {@link PlanState#param}. */
  public String name() {
    return name;
  }

  /** Whether the plan cannot run without this parameter. */
  public boolean required() {
    return required;
  }

  /** The parameter's value in {@code text}, if found. */
  public Optional<String> extract(String text) {
    Optional<String> value = extraction.apply(Objects.requireNonNull(text, "text"));
    return value == null ? Optional.empty() : value.flatMap(Extractor::nonBlank);
  }

  @Override
  public String toString() {
    return "Extractor[" + name + (required ? ", required]" : ", optional]");
  }

  private static Optional<String> nonBlank(String value) {
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
  }

  private static void checkName(String name) {
    if (name == null || name.isBlank()) {
      throw new InvalidInput("extractor.name", "must not be blank, got '" + name + "'");
    }
  }

  private record Keyword(String keyword, Pattern pattern, String value) {}
}
