package dev.colony.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.colony.core.ColonyException;
import dev.colony.core.Principal;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link KeyVault} in one JSON file, readable by its owner only, for a node on one machine.
 *
 * <p>Thread-safe: every method synchronizes. Writes replace the file atomically; reads load it
 * again when its modification time changed, so a revocation written by another process on the same
 * data directory is seen at the next check. Private keys are stored unencrypted, protected by the
 * file's permissions (0600), as an SSH key is; a cluster needs a vault in its store instead.
 *
 * <p>A file written before agents moved to Ed25519 (every key ES256) loads as it is; {@link
 * KeyRing#enroll} replaces an agent's ES256 key. A file holding a key that no {@link KeyRecord} can
 * be made of (an algorithm Colony does not sign with, a key of another type) fails to load, naming
 * the file and the key.
 */
public final class FileKeyVault implements KeyVault {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Path file;
  private final Map<String, KeyRecord> keys = new LinkedHashMap<>();
  private final Map<Principal, Instant> revoked = new LinkedHashMap<>();
  private FileTime loaded;

  private FileKeyVault(Path file) {
    this.file = file;
  }

  /** The vault in {@code file}, created (with its directory) when missing. */
  public static FileKeyVault open(Path file) {
    var vault = new FileKeyVault(file.toAbsolutePath());
    synchronized (vault) {
      vault.reloadIfChanged();
    }
    return vault;
  }

  @Override
  public synchronized void save(KeyRecord key) {
    reloadIfChanged();
    keys.put(key.kid(), key);
    write();
  }

  @Override
  public synchronized Optional<KeyRecord> find(String kid) {
    reloadIfChanged();
    return Optional.ofNullable(keys.get(kid));
  }

  @Override
  public synchronized List<KeyRecord> keysOf(Principal owner) {
    reloadIfChanged();
    return keys.values().stream()
        .filter(k -> k.owner().equals(owner))
        .sorted(Comparator.comparing(KeyRecord::createdAt))
        .toList();
  }

  @Override
  public synchronized List<KeyRecord> all() {
    reloadIfChanged();
    return List.copyOf(keys.values());
  }

  @Override
  public synchronized void markRevoked(Principal owner, Instant at) {
    reloadIfChanged();
    revoked.put(owner, at);
    write();
  }

  @Override
  public synchronized void clearRevoked(Principal owner) {
    reloadIfChanged();
    revoked.remove(owner);
    write();
  }

  @Override
  public synchronized Optional<Instant> revokedSince(Principal owner) {
    reloadIfChanged();
    return Optional.ofNullable(revoked.get(owner));
  }

  private void reloadIfChanged() {
    try {
      if (!Files.exists(file)) {
        return;
      }
      var modified = Files.getLastModifiedTime(file);
      if (modified.equals(loaded)) {
        return;
      }
      var root = JSON.readTree(file.toFile());
      keys.clear();
      revoked.clear();
      for (var node : root.path("keys")) {
        var key = read(node);
        keys.put(key.kid(), key);
      }
      for (var node : root.path("revoked")) {
        revoked.put(
            principal(node.path("owner").asText()), Instant.parse(node.path("at").asText()));
      }
      loaded = modified;
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      throw new ColonyException("cannot read the key vault " + file + ": " + e.getMessage(), e);
    }
  }

  private void write() {
    var root = JSON.createObjectNode();
    var array = root.putArray("keys");
    keys.values().forEach(k -> array.add(node(k)));
    var revocations = root.putArray("revoked");
    revoked.forEach(
        (owner, at) ->
            revocations.addObject().put("owner", owner.toString()).put("at", at.toString()));
    try {
      Files.createDirectories(file.getParent());
      var temp = Files.createTempFile(file.getParent(), ".keys", ".tmp");
      try {
        restrict(temp);
        JSON.writerWithDefaultPrettyPrinter().writeValue(temp.toFile(), root);
        try {
          Files.move(
              temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(temp);
      }
      loaded = Files.getLastModifiedTime(file);
    } catch (IOException e) {
      throw new ColonyException("cannot write the key vault " + file + ": " + e.getMessage(), e);
    }
  }

  private static void restrict(Path path) throws IOException {
    try {
      Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException notPosix) {
      // Not a POSIX file system: the directory's protection is all there is.
    }
  }

  private static ObjectNode node(KeyRecord k) {
    var node = JSON.createObjectNode();
    node.put("kid", k.kid());
    node.put("owner", k.owner().toString());
    node.put("algorithm", k.algorithm());
    node.put("keyType", k.publicKey().getAlgorithm());
    node.put("public", Base64.getEncoder().encodeToString(k.publicKey().getEncoded()));
    if (k.privateKey() != null) {
      node.put("private", Base64.getEncoder().encodeToString(k.privateKey().getEncoded()));
    }
    node.put("createdAt", k.createdAt().toString());
    node.put("retiresAt", k.retiresAt() == null ? null : k.retiresAt().toString());
    node.put("revokedAt", k.revokedAt() == null ? null : k.revokedAt().toString());
    return node;
  }

  private static KeyRecord read(JsonNode node) throws GeneralSecurityException {
    var factory = KeyFactory.getInstance(node.path("keyType").asText());
    var publicKey =
        factory.generatePublic(
            new X509EncodedKeySpec(Base64.getDecoder().decode(node.path("public").asText())));
    var privateKey =
        node.hasNonNull("private")
            ? factory.generatePrivate(
                new PKCS8EncodedKeySpec(Base64.getDecoder().decode(node.path("private").asText())))
            : null;
    return new KeyRecord(
        node.path("kid").asText(),
        principal(node.path("owner").asText()),
        node.path("algorithm").asText(),
        publicKey,
        privateKey,
        Instant.parse(node.path("createdAt").asText()),
        instant(node, "retiresAt"),
        instant(node, "revokedAt"));
  }

  private static Instant instant(JsonNode node, String field) {
    return node.hasNonNull(field) ? Instant.parse(node.path(field).asText()) : null;
  }

  private static Principal principal(String text) {
    var colon = text.indexOf(':');
    var kind = Principal.Kind.valueOf(text.substring(0, colon).toUpperCase(java.util.Locale.ROOT));
    return new Principal(kind, text.substring(colon + 1));
  }

  /** For tests: what the file holds, parsed again. */
  static List<String> kids(Path file) throws IOException {
    var out = new ArrayList<String>();
    JSON.readTree(file.toFile()).path("keys").forEach(k -> out.add(k.path("kid").asText()));
    return out;
  }
}
