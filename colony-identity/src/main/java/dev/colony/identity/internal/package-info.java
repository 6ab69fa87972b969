/**
 * Helpers shared by the identity packages: claim reading with located errors, random ids, digests.
 * Not an API; used only inside colony-identity.
 */
package dev.colony.identity.internal;
