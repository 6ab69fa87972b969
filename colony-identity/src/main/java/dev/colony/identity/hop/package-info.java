/**
 * The signed envelope of one hop from an agent to another (DESIGN.md section 5): {@link
 * dev.colony.identity.hop.SealedHops} seals and opens it, {@link
 * dev.colony.identity.hop.SkillAccess} says which caller may ask which receiver for which skill.
 */
package dev.colony.identity.hop;
