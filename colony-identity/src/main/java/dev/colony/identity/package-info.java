/**
 * Colony's identities: every agent's own key pair, served as JWKS, and the components built on
 * them.
 *
 * <ul>
 *   <li>{@link dev.colony.identity.KeyRing} holds the signing keys (one Ed25519 key pair per agent,
 *       ES256 node keys for approvals and token exchange), rotates and revokes them and serves
 *       their public halves as a JWK Set; {@link dev.colony.identity.KeyVault} is where it keeps
 *       them.
 *   <li>{@code dev.colony.identity.hop}: the signed envelope of one agent-to-agent hop.
 *   <li>{@code dev.colony.identity.approval}: signed, single-use approval tokens.
 *   <li>{@code dev.colony.identity.oauth}: users' bearer tokens, RFC 8693 token exchange and the
 *       development issuer.
 * </ul>
 */
package dev.colony.identity;
