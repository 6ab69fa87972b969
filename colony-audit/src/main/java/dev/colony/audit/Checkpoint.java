package dev.colony.audit;

import dev.colony.audit.internal.Hashes;
import dev.colony.audit.internal.SignedNote;
import dev.colony.core.InvalidInput;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A signed tree head of the ledger in the c2sp.org/tlog-checkpoint format: origin, tree size and
 * the RFC 9162 root hash of the first {@code size} entries.
 *
 * <p>Its signed form is a c2sp.org/signed-note with one Ed25519 signature by the key whose name is
 * the origin:
 *
 * <pre>
 * localhost/colony-ledger
 * 120
 * 3Rg1lbk5OhQ1+cRm6SHgkP0JFA7tOdQ9T9ZLHvcYc6c=
 *
 * — localhost/colony-ledger 2Z4OaJMbkOIy0ZW1bSmh1c3cYdt9sA7pYg...
 * </pre>
 *
 * @param origin the log's identity, which is the signing key's name
 * @param size how many entries the tree holds
 * @param rootHash the Merkle Tree Hash of those entries, in lower-case hex
 */
public record Checkpoint(String origin, long size, String rootHash) {
  private static final Pattern SIZE = Pattern.compile("0|[1-9][0-9]{0,18}");

  public Checkpoint {
    VerifierKey.checkName(origin);
    if (size < 0) {
      throw new InvalidInput("checkpoint size", "must not be negative, got " + size);
    }
    Hashes.unhex(rootHash);
  }

  /** The checkpoint's note text: origin, size and base64 root hash, each ending in a newline. */
  public String text() {
    return origin
        + "\n"
        + size
        + "\n"
        + Base64.getEncoder().encodeToString(Hashes.unhex(rootHash))
        + "\n";
  }

  /** The signed note: this checkpoint's text signed with the key, whose name must be the origin. */
  public String sign(SigningKey key) {
    if (!key.name().equals(origin)) {
      throw new InvalidInput(
          "checkpoint origin",
          "is '" + origin + "', but the key is named '" + key.name() + "'; they must match");
    }
    var text = text();
    var signature = key.sign(text.getBytes(StandardCharsets.UTF_8));
    return SignedNote.sign(text, key.name(), key.verifierKey().keyId(), signature);
  }

  /**
   * Reads a signed checkpoint and checks it is signed by the key. As c2sp.org/signed-note asks,
   * signatures by other keys are ignored, a failing signature by the key rejects the note, and a
   * note without a signature by the key is rejected.
   *
   * @throws LedgerFailure saying whether the note is malformed, forged, or not signed by the key
   */
  public static Checkpoint open(String signedNote, VerifierKey key) {
    Objects.requireNonNull(signedNote, "signedNote");
    SignedNote.Note note;
    try {
      note = SignedNote.parse(signedNote);
    } catch (IllegalArgumentException e) {
      throw new LedgerFailure("malformed checkpoint: " + e.getMessage(), e);
    }
    var checkpoint = parseText(note.text());
    boolean signed = false;
    for (var signature : note.signatures()) {
      if (signature.keyName().equals(key.name()) && signature.keyId() == key.keyId()) {
        if (!key.verify(note.text().getBytes(StandardCharsets.UTF_8), signature.signature())) {
          throw new LedgerFailure(
              "checkpoint at size "
                  + checkpoint.size()
                  + ": signature by "
                  + key.name()
                  + " is invalid (forged or altered)");
        }
        signed = true;
      }
    }
    if (!signed) {
      throw new LedgerFailure(
          "checkpoint at size " + checkpoint.size() + " carries no signature by key " + key);
    }
    if (!checkpoint.origin().equals(key.name())) {
      throw new LedgerFailure(
          "checkpoint at size "
              + checkpoint.size()
              + " has origin '"
              + checkpoint.origin()
              + "', not the key's name '"
              + key.name()
              + "'");
    }
    return checkpoint;
  }

  private static Checkpoint parseText(String text) {
    var lines = text.substring(0, text.length() - 1).split("\n", -1);
    if (lines.length < 3) {
      throw new LedgerFailure(
          "malformed checkpoint: the text must have origin, size and root hash lines, got "
              + lines.length
              + " line(s)");
    }
    for (var line : lines) {
      if (line.isEmpty()) {
        throw new LedgerFailure("malformed checkpoint: the text must not have empty lines");
      }
    }
    if (!SIZE.matcher(lines[1]).matches()) {
      throw new LedgerFailure(
          "malformed checkpoint: the size line must be decimal without leading zeroes, got '"
              + VerifierKey.shorten(lines[1])
              + "'");
    }
    byte[] root;
    try {
      root = Base64.getDecoder().decode(lines[2]);
    } catch (IllegalArgumentException e) {
      throw new LedgerFailure(
          "malformed checkpoint: the root hash is not base64: " + e.getMessage());
    }
    if (root.length != Hashes.SIZE || !Base64.getEncoder().encodeToString(root).equals(lines[2])) {
      throw new LedgerFailure(
          "malformed checkpoint: the root hash must be base64 of 32 bytes, got '"
              + VerifierKey.shorten(lines[2])
              + "'");
    }
    try {
      return new Checkpoint(lines[0], Long.parseLong(lines[1]), Hashes.hex(root));
    } catch (NumberFormatException | InvalidInput e) {
      throw new LedgerFailure("malformed checkpoint: " + e.getMessage(), e);
    }
  }
}
