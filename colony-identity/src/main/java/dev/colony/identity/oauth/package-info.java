/**
 * Users' tokens: {@link dev.colony.identity.oauth.BearerTokens} validates inbound OAuth 2 / OIDC
 * bearer tokens against an issuer's JWKS, {@link dev.colony.identity.oauth.TokenExchange} issues
 * each hop a narrower token in the RFC 8693 request and response shape, and {@link
 * dev.colony.identity.oauth.DevelopmentIssuer} is the built-in issuer of the embedded default.
 */
package dev.colony.identity.oauth;
