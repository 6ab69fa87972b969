package dev.colony.identity.hop;

/**
 * Whether a calling agent may ask a receiving agent for a skill. Implementations are thread-safe
 * and answer quickly: every opened hop asks.
 */
@FunctionalInterface
public interface SkillAccess {
  /**
   * @param caller the agent that sealed the hop
   * @param receiver the agent the hop is for
   * @param skill the receiver's skill the caller asks for
   */
  boolean allows(String caller, String receiver, String skill);
}
