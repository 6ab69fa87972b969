package dev.colony.core.tool;

/**
 * How much harm a tool can do, which decides what the Gate asks before it runs.
 *
 * <ul>
 *   <li>{@link #READ}: allowed and recorded.
 *   <li>{@link #WRITE_LOW}: allowed within the limits policy declares.
 *   <li>{@link #WRITE_HIGH}: pauses the run until a person approves.
 *   <li>{@link #CRITICAL}: denied unless a policy permits it, and then needs two approvers.
 * </ul>
 */
public enum RiskTier {
  READ,
  WRITE_LOW,
  WRITE_HIGH,
  CRITICAL;

  /** Whether calls at this tier change the world. */
  public boolean writes() {
    return this != READ;
  }
}
