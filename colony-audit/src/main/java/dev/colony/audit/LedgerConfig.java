package dev.colony.audit;

import dev.colony.core.InvalidInput;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link Ledger} signs and where it keeps its checkpoints.
 *
 * <pre>{@code
 * var config = LedgerConfig.builder(dataDir).checkpointEvery(100).build();
 * }</pre>
 *
 * @param origin the ledger's identity in its checkpoints, and its key's name
 * @param keyFile where the signing key is read from, or created (0600) when missing; unused when
 *     {@code signingKey} is given
 * @param signingKey the signing key, or {@code null} to use {@code keyFile}
 * @param checkpoints where signed checkpoints go, outside the database
 * @param checkpointEvery a checkpoint is written once this many entries are not covered by one
 * @param checkpointInterval a checkpoint is written this often while entries are not covered by
 *     one; {@link Duration#ZERO} turns the timer off
 * @param clock the time entries are recorded at
 * @param adoptUncheckpointedEntries whether {@link Ledger#open} takes entries no checkpoint covers
 *     even when they are older than a checkpoint interval allows (see {@link LedgerVerifier}); by
 *     default it refuses them, as they may have been appended behind the ledger's back
 */
public record LedgerConfig(
    String origin,
    Path keyFile,
    SigningKey signingKey,
    CheckpointSink checkpoints,
    int checkpointEvery,
    Duration checkpointInterval,
    Clock clock,
    boolean adoptUncheckpointedEntries) {

  /** The origin when none is given. */
  public static final String DEFAULT_ORIGIN = "localhost/colony-ledger";

  /** The key file's name in the data directory. */
  public static final String KEY_FILE = "ledger-key";

  /** The checkpoint file's name in the data directory. */
  public static final String CHECKPOINT_FILE = "ledger-checkpoints";

  public LedgerConfig {
    VerifierKey.checkName(origin);
    Objects.requireNonNull(checkpoints, "checkpoints");
    Objects.requireNonNull(checkpointInterval, "checkpointInterval");
    Objects.requireNonNull(clock, "clock");
    if (signingKey == null && keyFile == null) {
      throw new InvalidInput("ledger config", "needs a signing key or a key file");
    }
    if (signingKey != null && !signingKey.name().equals(origin)) {
      throw new InvalidInput(
          "ledger config",
          "the signing key is named '"
              + signingKey.name()
              + "' but the origin is '"
              + origin
              + "'; they must match (c2sp.org/tlog-checkpoint)");
    }
    if (checkpointEvery < 1) {
      throw new InvalidInput("checkpointEvery", "must be at least 1 entry, got " + checkpointEvery);
    }
    if (checkpointInterval.isNegative()) {
      throw new InvalidInput(
          "checkpointInterval", "must not be negative, got " + checkpointInterval);
    }
  }

  /**
   * A builder whose defaults keep the key in {@code <dataDir>/ledger-key} and the checkpoints in
   * {@code <dataDir>/ledger-checkpoints}, checkpointing every 100 entries or 10 seconds.
   */
  public static Builder builder(Path dataDir) {
    return new Builder(Objects.requireNonNull(dataDir, "dataDir"));
  }

  /** How long an entry may wait for a checkpoint before a verifier suspects it. */
  Duration tailTolerance() {
    return checkpointInterval.isZero()
        ? LedgerVerifier.NO_TAIL_LIMIT
        : checkpointInterval.multipliedBy(2).plusSeconds(5);
  }

  /** Builds a {@link LedgerConfig}; not thread-safe. */
  public static final class Builder {
    private final Path dataDir;
    private String origin = DEFAULT_ORIGIN;
    private SigningKey signingKey;
    private Path keyFile;
    private CheckpointSink checkpoints;
    private int checkpointEvery = 100;
    private Duration checkpointInterval = Duration.ofSeconds(10);
    private Clock clock = Clock.systemUTC();
    private boolean adoptUncheckpointedEntries;

    private Builder(Path dataDir) {
      this.dataDir = dataDir;
    }

    /** The ledger's identity; a schema-less URL such as {@code example.com/colony-ledger}. */
    public Builder origin(String origin) {
      this.origin = origin;
      return this;
    }

    /** Signs with this key instead of one kept in a key file; its name becomes the origin. */
    public Builder signingKey(SigningKey key) {
      this.signingKey = key;
      this.origin = key.name();
      return this;
    }

    public Builder keyFile(Path file) {
      this.keyFile = file;
      return this;
    }

    public Builder checkpoints(CheckpointSink sink) {
      this.checkpoints = sink;
      return this;
    }

    public Builder checkpointEvery(int entries) {
      this.checkpointEvery = entries;
      return this;
    }

    public Builder checkpointInterval(Duration interval) {
      this.checkpointInterval = interval;
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /**
     * Whether to take entries no checkpoint covers, whatever their age, when opening. Set it only
     * after `colony audit verify` and a look at the entries showed they are genuine.
     */
    public Builder adoptUncheckpointedEntries(boolean adopt) {
      this.adoptUncheckpointedEntries = adopt;
      return this;
    }

    /**
     * The configuration.
     *
     * @throws InvalidInput naming the setting that is wrong
     */
    public LedgerConfig build() {
      return new LedgerConfig(
          origin,
          keyFile != null ? keyFile : dataDir.resolve(KEY_FILE),
          signingKey,
          checkpoints != null
              ? checkpoints
              : FileCheckpointSink.at(dataDir.resolve(CHECKPOINT_FILE)),
          checkpointEvery,
          checkpointInterval,
          clock,
          adoptUncheckpointedEntries);
    }
  }
}
