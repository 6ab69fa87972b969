package dev.colony.governance;

import dev.colony.core.ColonyException;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Cedar policies could not be loaded: they do not parse, or do not validate against Colony's
 * schema. The message lists every problem, one a line, as {@code file:line:column: message}.
 */
public final class PolicyLoadException extends ColonyException {
  private static final long serialVersionUID = 1L;

  /**
   * One problem found in a policy file.
   *
   * @param file the policy file's name, or {@code schema} for a problem in the generated schema
   * @param line 1-based line, or 0 when unknown
   * @param column 1-based column, or 0 when unknown
   * @param message what is wrong
   */
  public record Problem(String file, int line, int column, String message) {
    public Problem {
      Objects.requireNonNull(file, "file");
      Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
      return line > 0 ? file + ":" + line + ":" + column + ": " + message : file + ": " + message;
    }
  }

  private final transient List<Problem> problems;

  PolicyLoadException(List<Problem> problems) {
    super(describe(problems));
    this.problems = List.copyOf(problems);
  }

  /** Every problem found, in file order. */
  public List<Problem> problems() {
    return problems;
  }

  private static String describe(List<Problem> problems) {
    var header =
        problems.size() == 1
            ? "Cedar policies could not be loaded: 1 problem"
            : "Cedar policies could not be loaded: " + problems.size() + " problems";
    return header + problems.stream().map(p -> "\n  " + p).collect(Collectors.joining());
  }
}
