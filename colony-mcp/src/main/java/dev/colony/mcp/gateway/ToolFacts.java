package dev.colony.mcp.gateway;

import dev.colony.core.InvalidInput;
import dev.colony.core.tool.RiskTier;
import io.swagger.v3.oas.models.Operation;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;

/** What a tool says about itself, read from its operation: name, description and tier. */
final class ToolFacts {
  static final String TIER_EXTENSION = "x-colony-tier";
  static final int MAX_DESCRIPTION = 1024;
  private static final Pattern NOT_NAME = Pattern.compile("[^A-Za-z0-9_.-]");

  private ToolFacts() {}

  /**
   * The operationId with characters a tool name cannot have replaced by {@code _}; without one, the
   * method and the path's words ({@code get_orders_orderId}); cut to 128 characters.
   */
  static String name(String prefix, Operation op, String method, String path) {
    String base;
    if (op.getOperationId() != null && !op.getOperationId().isBlank()) {
      base = NOT_NAME.matcher(op.getOperationId().strip()).replaceAll("_");
    } else {
      var words = NOT_NAME.matcher(path.replace("{", "").replace("}", "")).replaceAll("_");
      words = words.replaceAll("_+", "_").replaceAll("^_|_$", "");
      base = method.toLowerCase(Locale.ROOT) + (words.isEmpty() ? "" : "_" + words);
    }
    var name = prefix + base;
    return name.length() > 128 ? name.substring(0, 128) : name;
  }

  /** The summary, then the description, cut to {@value #MAX_DESCRIPTION} characters. */
  static String description(Operation op, String label) {
    var summary = op.getSummary() == null ? "" : op.getSummary().strip();
    var detail = op.getDescription() == null ? "" : op.getDescription().strip();
    var text =
        summary.isEmpty()
            ? detail
            : detail.isEmpty() || detail.equals(summary) ? summary : summary + "\n\n" + detail;
    if (text.isEmpty()) {
      text = label;
    }
    if (Boolean.TRUE.equals(op.getDeprecated())) {
      text = "Deprecated. " + text;
    }
    return text.length() <= MAX_DESCRIPTION ? text : text.substring(0, MAX_DESCRIPTION - 1) + "…";
  }

  /**
   * The {@code x-colony-tier} extension; without it, {@code READ} for {@code GET} and {@code HEAD}
   * and {@code WRITE_HIGH} for every other method.
   */
  static RiskTier tier(String where, Operation op, String method) {
    var declared = op.getExtensions() == null ? null : op.getExtensions().get(TIER_EXTENSION);
    if (declared == null) {
      return method.equals("GET") || method.equals("HEAD") ? RiskTier.READ : RiskTier.WRITE_HIGH;
    }
    var names = Arrays.stream(RiskTier.values()).map(Enum::name).toList();
    if (declared instanceof String text && names.contains(text)) {
      return RiskTier.valueOf(text);
    }
    var operation = op.getOperationId() == null ? where : "'" + op.getOperationId() + "'";
    throw new InvalidInput(
        where + "." + TIER_EXTENSION,
        "operation "
            + operation
            + " declares tier '"
            + declared
            + "'; must be one of "
            + String.join(", ", names));
  }
}
