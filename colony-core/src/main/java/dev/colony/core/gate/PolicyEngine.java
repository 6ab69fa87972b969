package dev.colony.core.gate;

/**
 * Decides whether a tool call may run. The Gate asks it after the call's arguments are known to be
 * valid; the default engine decides by risk tier, and the governance module adds Cedar.
 */
@FunctionalInterface
public interface PolicyEngine {
  Decision decide(GateRequest request);
}
