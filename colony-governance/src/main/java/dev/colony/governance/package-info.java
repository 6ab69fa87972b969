/**
 * Cedar as Colony's policy engine.
 *
 * <p>{@link dev.colony.governance.CedarPolicyEngine} implements the Gate's {@code PolicyEngine}: it
 * validates policy files against Colony's Cedar schema ({@code colony.cedarschema} in this package,
 * plus one action per tool the node serves) when it is built, and decides each tool call by those
 * policies and then by the tool's risk tier. Load errors name the file, line and column ({@link
 * dev.colony.governance.PolicyLoadException}); decisions name the policies behind them. Shadow
 * policies are decided beside the enforced ones and only reported ({@link
 * dev.colony.governance.ShadowListener}).
 *
 * <h2>How a call becomes a Cedar request</h2>
 *
 * <ul>
 *   <li><b>principal</b>: {@code envelope.actor()}, the agent acting now, as {@code
 *       Colony::Agent::"NAME"} (a user or service actor becomes {@code Colony::User} or {@code
 *       Colony::Service}), a member of {@code Colony::Tenant::"TENANT"}.
 *   <li><b>action</b>: one action per tool, named after it: {@code
 *       Colony::Action::"refund_charge"}. Each is a member of its tier's group, {@code
 *       Colony::Action::"tier:READ"}, {@code "tier:WRITE_LOW"}, {@code "tier:WRITE_HIGH"} or {@code
 *       "tier:CRITICAL"}, and every writing tier's group is a member of {@code "tier:WRITE"}; so
 *       {@code action in Colony::Action::"tier:WRITE"} covers every tool that changes the world.
 *   <li><b>resource</b>: the tool, {@code Colony::Tool::"refund_charge"}, with attributes {@code
 *       name} and {@code tier}.
 *   <li><b>context</b>: {@code tier} (String), {@code tenant} (Tenant), {@code scopes} (the scopes
 *       delegated to the actor, Set of String), {@code user} (the User the principal chain started
 *       with, present only when a person started it) and {@code input}, the call's arguments.
 * </ul>
 *
 * <h2>Arguments</h2>
 *
 * <p>{@code context.input} is a record typed from the tool's JSON Schema, so strict validation
 * catches a misspelt argument or a wrong comparison when the policies load: {@code string} (and
 * string enums) is String, {@code boolean} Bool, {@code integer} Long, {@code number} {@code
 * decimal}, {@code array} a Set of its items' type, {@code object} with {@code properties} a
 * record. Arguments the schema does not require are optional ({@code context.input has note}).
 * Cedar has no floating point and its {@code <}/{@code <=} take Longs only: compare a {@code
 * number} argument with decimal methods, {@code context.input.max_cost.lessThanOrEqual(
 * decimal("20.00"))}. A {@code number} value with more than four decimal places, or outside
 * decimal's range, is denied (never rounded); so is a fraction in an {@code integer} argument.
 * Arguments of any other shape ({@code anyOf}, maps, untyped) are left out of {@code input}.
 *
 * <h2>Decisions</h2>
 *
 * <p>Cedar's default deny, forbid-wins and the tiers: a call no policy permits, or one a forbid
 * matches, is denied; a call where any policy could not be evaluated is denied (fail closed). A
 * permitted call is allowed when its tool is {@code READ} or {@code WRITE_LOW} (a {@code WRITE_LOW}
 * tool's limits are the conditions of the policies that permit it), needs one approval when {@code
 * WRITE_HIGH}, and two, from people other than the requester, when {@code CRITICAL} (the runtime's
 * approval desk enforces who approves). Policy ids are the {@code @id} annotation, else {@code
 * FILE#N}; a {@code @reason} annotation is quoted in decisions, and a denied call names the permits
 * it failed to meet, so a model can correct its call.
 */
package dev.colony.governance;
