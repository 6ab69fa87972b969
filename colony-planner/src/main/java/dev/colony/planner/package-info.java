/**
 * The offline planner: a deterministic, keyless {@link dev.colony.core.model.ModelClient} that
 * routes requests to declared skills with sentence embeddings and runs their tool plans.
 *
 * <p>Start with {@link dev.colony.planner.OfflinePlanner}; a skill's plan is a {@link
 * dev.colony.planner.SkillPlan} of {@link dev.colony.planner.Extractor}s and {@link
 * dev.colony.planner.PlanStep}s. It is not an LLM and is labelled as such.
 */
package dev.colony.planner;
