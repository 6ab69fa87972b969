package dev.colony.core.approval;

import dev.colony.core.InvalidInput;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/** Identifies a pending or decided approval. */
public record ApprovalId(String value) {
  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}");

  public ApprovalId {
    Objects.requireNonNull(value, "approval id");
    if (!VALID.matcher(value).matches()) {
      throw new InvalidInput(
          "approvalId", "must be 1 to 128 letters, digits or '_.:-', got '" + value + "'");
    }
  }

  public static ApprovalId of(String value) {
    return new ApprovalId(value);
  }

  public static ApprovalId random(UUID uuid) {
    return new ApprovalId("apr-" + uuid);
  }

  @Override
  public String toString() {
    return value;
  }
}
