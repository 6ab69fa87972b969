package dev.colony.audit;

import dev.colony.audit.internal.Ed25519;
import dev.colony.core.InvalidInput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Ed25519 key the ledger signs its checkpoints with. Immutable and thread-safe.
 *
 * <p>Its text form is the signed-note signer key of {@code golang.org/x/mod/sumdb/note}: {@code
 * PRIVATE+KEY+<name>+<key id>+<base64(0x01 || 32-byte seed)>}. It is a secret: {@link #toString}
 * shows only the public half. Verifiers need only {@link #verifierKey()}.
 */
public final class SigningKey {
  private static final Logger log = LoggerFactory.getLogger(SigningKey.class);
  private static final String PREFIX = "PRIVATE+KEY+";

  private final String name;
  private final PrivateKey privateKey;
  private final byte[] seed;
  private final VerifierKey verifierKey;

  private SigningKey(String name, byte[] seed) {
    var pair = Ed25519.fromSeed(seed);
    this.name = VerifierKey.checkName(name);
    this.seed = seed.clone();
    this.privateKey = pair.getPrivate();
    this.verifierKey = new VerifierKey(name, Ed25519.rawPublic(pair.getPublic()));
  }

  /** A new random key with the given name (c2sp.org/signed-note: no spaces, no '+'). */
  public static SigningKey generate(String name) {
    return new SigningKey(name, Ed25519.seed(Ed25519.generate().getPrivate()));
  }

  /**
   * Reads a key in its text form.
   *
   * @throws InvalidInput naming what is wrong with it (never quoting the secret)
   */
  public static SigningKey parse(String text) {
    Objects.requireNonNull(text, "signing key");
    var stripped = text.strip();
    if (!stripped.startsWith(PREFIX)) {
      throw new InvalidInput("signing key", "must start with '" + PREFIX + "'");
    }
    var parts = stripped.substring(PREFIX.length()).split("\\+", 3);
    if (parts.length != 3) {
      throw new InvalidInput("signing key", "must be 'PRIVATE+KEY+<name>+<key id>+<base64 seed>'");
    }
    var key = new SigningKey(parts[0], VerifierKey.decodeTyped("signing key", parts[2]));
    if (!parts[1].equals(key.verifierKey.keyIdHex())) {
      throw new InvalidInput(
          "signing key", "key id '" + parts[1] + "' does not match its name and key");
    }
    return key;
  }

  /**
   * Reads the key in a file, or creates the file with a new key of the given name when there is
   * none. A new file is readable by its owner only (0600 where the file system has POSIX
   * permissions); the verifier key is written beside it, to {@code <file>.pub}.
   *
   * @param name the name for a new key; an existing key must have this name
   * @throws LedgerFailure if the file cannot be read or written, or holds a key of another name
   */
  public static SigningKey loadOrCreate(Path file, String name) {
    Objects.requireNonNull(file, "file");
    VerifierKey.checkName(name);
    try {
      if (Files.exists(file)) {
        var key = parseFile(file);
        if (!key.name().equals(name)) {
          throw new LedgerFailure(
              "the signing key in '"
                  + file
                  + "' is named '"
                  + key.name()
                  + "', but the ledger's origin is '"
                  + name
                  + "'; use the same origin or another key file");
        }
        warnIfReadableByOthers(file);
        return key;
      }
      var key = generate(name);
      writeSecret(file, key.encoded() + "\n");
      Files.writeString(file.resolveSibling(file.getFileName() + ".pub"), key.verifierKey() + "\n");
      log.info("Created ledger signing key {} in {}", key.verifierKey(), file);
      return key;
    } catch (IOException e) {
      throw new LedgerFailure(
          "could not read or create the ledger signing key '" + file + "': " + e, e);
    }
  }

  /** The key's name, which is the ledger's origin. */
  public String name() {
    return name;
  }

  /** The public half, for verifiers. */
  public VerifierKey verifierKey() {
    return verifierKey;
  }

  /** The secret text form, {@code PRIVATE+KEY+<name>+<key id>+<base64 seed>}. */
  public String encoded() {
    return PREFIX
        + name
        + "+"
        + verifierKey.keyIdHex()
        + "+"
        + Base64.getEncoder().encodeToString(VerifierKey.typed(seed));
  }

  byte[] sign(byte[] message) {
    return Ed25519.sign(privateKey, message);
  }

  @Override
  public String toString() {
    return "SigningKey[" + verifierKey + "]";
  }

  private static SigningKey parseFile(Path file) throws IOException {
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8));
    } catch (InvalidInput e) {
      throw new LedgerFailure(
          "the ledger signing key file '" + file + "' is malformed: " + e.getMessage(), e);
    }
  }

  private static void writeSecret(Path file, String text) throws IOException {
    var dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    var posix = Files.getFileStore(dir).supportsFileAttributeView("posix");
    var temp =
        posix
            ? Files.createTempFile(
                dir,
                ".ledger-key",
                ".tmp",
                PosixFilePermissions.asFileAttribute(
                    EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE)))
            : Files.createTempFile(dir, ".ledger-key", ".tmp");
    try {
      Files.writeString(temp, text, StandardCharsets.UTF_8);
      if (Files.exists(file)) {
        throw new FileAlreadyExistsException(file.toString());
      }
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private static void warnIfReadableByOthers(Path file) throws IOException {
    if (!Files.getFileStore(file).supportsFileAttributeView("posix")) {
      return;
    }
    var permissions = Files.getPosixFilePermissions(file);
    permissions.removeAll(
        EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
    if (!permissions.isEmpty()) {
      log.warn(
          "The ledger signing key '{}' is accessible beyond its owner ({}); chmod 600 it",
          file,
          PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }
  }
}
