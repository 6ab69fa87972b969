package dev.colony.runtime.gate;

import dev.colony.core.gate.Decision;
import dev.colony.core.gate.GateOutcome;
import java.util.List;

/** Builds {@link GateOutcome.Rejected} outcomes with the stage named as a policy. */
final class Rejections {
  private Rejections() {}

  static GateOutcome.Rejected reject(String stage, String reason) {
    return new GateOutcome.Rejected(stage, new Decision.Deny(reason, List.of("colony:" + stage)));
  }
}
