package dev.colony.bench;

import dev.colony.core.Envelope;
import dev.colony.core.Principal;
import dev.colony.core.TenantId;
import dev.colony.core.TraceContext;
import dev.colony.identity.KeyRing;
import dev.colony.identity.hop.SealedHops;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.IterationParams;

/**
 * Sealing and opening the signed envelope of one agent-to-agent hop ({@link SealedHops}, EdDSA
 * compact JWS over Ed25519, computed by BouncyCastle), against bare signatures on the same bytes.
 *
 * <p>{@link #seal} builds the claims and signs them with the calling agent's key; {@link #open}
 * parses a sealed hop, verifies its signature and checks its claims (key owner, revocation,
 * audience, tenant, skill, freshness, body digest) and remembers its nonce; {@link #sealAndOpen}
 * does both, one after the other, which is what the "sign plus verify" target is about. Keys live
 * in an in-memory {@link KeyRing} with two enrolled agents, {@code support} (the caller) and {@code
 * orders} (the receiver). The body's digest is computed once, in the setup: hashing the body is the
 * caller's work, not the seal's.
 *
 * <p>Each setup seals and opens hops until the JIT has compiled their path, for up to 60 s: C2
 * spends several seconds of CPU on BouncyCastle's Ed25519 arithmetic, which on a two-core machine
 * would otherwise run beside, and be timed as part of, the first measured iterations.
 *
 * <p>A hop opens once: the replay cache refuses its nonce the second time. {@link #open} therefore
 * opens hops sealed before each iteration, in the iteration's setup (which JMH does not time),
 * enough for the iteration with room to spare; should they run out, the benchmark fails rather than
 * measure refusals.
 *
 * <p>The {@code bc*} and {@code jdk*} benchmarks are the floors: one signature signing, or
 * verifying, the signing input of a real sealed hop (its {@code header.payload}), with the key
 * already loaded. {@code bc*} is BouncyCastle's RFC 8032 Ed25519, what {@link SealedHops} signs
 * with, its public key decoded and validated once as {@code SealedHops}' verifier does. {@code
 * jdk*} is a {@link Signature} of the JDK, the baseline: {@code algorithm=ES256} is what hops were
 * signed with before (ECDSA P-256, signature in the JWS's R||S form, and what the node's service
 * keys still use), {@code algorithm=Ed25519} the JDK's own Ed25519.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class HopSealBenchmark {
  private static final TenantId ACME = TenantId.of("acme");
  private static final String CALLER = "support";
  private static final String RECEIVER = "orders";
  private static final String SKILL = "order-lookup";
  private static final String BODY =
      "{\"skill\":\"order-lookup\",\"input\":\"Where is order 1001? The customer says the lamp"
          + " never arrived and asks whether it was shipped.\"}";

  /**
   * The hop machinery of one node, as the node sets it up. The other states build their own rather
   * than have JMH inject this one, so that each benchmark's states are independent.
   */
  @State(Scope.Thread)
  public static class Node {
    /** The longest the setup seals and opens hops to get the JIT to compile their path. */
    private static final Duration WARM_UP_LIMIT = Duration.ofSeconds(60);

    private static final int WARM_UP_BATCH = 500;

    SealedHops hops;
    Envelope envelope;
    String bodyDigest;

    /**
     * A guess at what one open costs, to size {@link Batch}: the fastest of the setup's own opens.
     * Their average would be far too high, as the first ones run interpreted; the fastest errs
     * towards sealing too many.
     */
    long openNanos;

    @Setup(Level.Trial)
    public void setUp() {
      var keys = KeyRing.inMemory();
      keys.enroll(Principal.agent(CALLER));
      keys.enroll(Principal.agent(RECEIVER));
      hops =
          SealedHops.builder(
                  keys,
                  agent -> Optional.of(ACME).filter(t -> RECEIVER.equals(agent)),
                  (caller, receiver, skill) ->
                      CALLER.equals(caller) && RECEIVER.equals(receiver) && SKILL.equals(skill))
              // The longest a hop may live, so that hops sealed before an iteration stay fresh.
              .lifetime(SealedHops.MAX_LIFETIME)
              .build();
      envelope =
          new Envelope(
              ACME,
              List.of(Principal.user("alice"), Principal.agent(CALLER)),
              Set.of("orders:read", "tickets:write"),
              new TraceContext("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331"),
              Instant.now().plus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.SECONDS));
      bodyDigest = sha256(BODY);
      // Until the JIT has compiled the hop path: C2 spends seconds of CPU on BouncyCastle's
      // Ed25519 arithmetic, and on two cores that compiling would otherwise land in the measured
      // iterations. A batch of opens during which it compiled nothing (under 10 ms) ends it.
      var jit = ManagementFactory.getCompilationMXBean();
      long deadline = System.nanoTime() + WARM_UP_LIMIT.toNanos();
      long fastest = Long.MAX_VALUE;
      for (int rounds = 0; System.nanoTime() < deadline; rounds += WARM_UP_BATCH) {
        long compiledBefore = jit.getTotalCompilationTime();
        for (int i = 0; i < WARM_UP_BATCH; i++) {
          var sealed = sealOne(this);
          long start = System.nanoTime();
          var opened = hops.open(sealed, RECEIVER, bodyDigest);
          fastest = Math.min(fastest, System.nanoTime() - start);
          if (!opened.equals(envelope)) {
            throw new IllegalStateException(
                "an opened hop must carry the envelope it was sealed with; sealed "
                    + envelope
                    + ", opened "
                    + opened);
          }
        }
        if (rounds >= 2_000 && jit.getTotalCompilationTime() - compiledBefore < 10) {
          break;
        }
      }
      openNanos = Math.max(fastest, 1);
    }
  }

  /**
   * Hops sealed before each iteration for {@link #open} to open, each once.
   *
   * <p>The first iteration gets three times as many as the setup's estimate of an open's cost
   * ({@link Node#openNanos}) says it will use; later ones three times as many as the previous
   * iteration used, plus 1,000. An open costs a fraction of a millisecond, so an iteration can run
   * twice as fast as the one before it when the JIT or a busy machine settles; a smaller margin
   * runs out.
   */
  @State(Scope.Thread)
  public static class Batch {
    private static final int MAX = 400_000;

    final Node node = new Node();
    String[] sealed = new String[0];
    int next;
    private int lastUsed = -1;

    @Setup(Level.Trial)
    public void setUp() {
      node.setUp();
    }

    @Setup(Level.Iteration)
    public void sealBatch(IterationParams iteration) {
      long iterationNanos = iteration.getTime().convertTo(TimeUnit.NANOSECONDS);
      long wanted =
          lastUsed < 0 ? 3 * (iterationNanos / node.openNanos) + 1_000 : 3L * lastUsed + 1_000;
      sealed = new String[(int) Math.min(wanted, MAX)];
      for (int i = 0; i < sealed.length; i++) {
        sealed[i] = sealOne(node);
      }
      next = 0;
    }

    @TearDown(Level.Iteration)
    public void rememberUse() {
      lastUsed = next;
    }

    String take() {
      if (next == sealed.length) {
        throw new IllegalStateException(
            "the "
                + sealed.length
                + " hops sealed for this iteration are all opened, more than the estimate of"
                + " what an iteration needs; a hop opens only once, so the iteration cannot go"
                + " on");
      }
      return sealed[next++];
    }
  }

  /** The JDK's bare signature on the signing input of a sealed hop: the baseline. */
  @State(Scope.Thread)
  public static class Jdk {
    @Param({"ES256", "Ed25519"})
    public String algorithm;

    private KeyPair keys;
    private Signature signature;
    private byte[] input;
    private byte[] signed;

    @Setup(Level.Trial)
    public void setUp() throws GeneralSecurityException {
      var node = new Node();
      node.setUp();
      input = signingInput(sealOne(node));
      if ("ES256".equals(algorithm)) {
        var generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        keys = generator.generateKeyPair();
        signature = Signature.getInstance("SHA256withECDSAinP1363Format");
      } else {
        keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        signature = Signature.getInstance("Ed25519");
      }
      signed = sign();
      if (!verify(signed)) {
        throw new IllegalStateException(algorithm + ": a fresh signature must verify");
      }
    }

    byte[] sign() throws GeneralSecurityException {
      signature.initSign(keys.getPrivate());
      signature.update(input);
      return signature.sign();
    }

    boolean verify(byte[] candidate) throws GeneralSecurityException {
      signature.initVerify(keys.getPublic());
      signature.update(input);
      return signature.verify(candidate);
    }
  }

  /** BouncyCastle's bare Ed25519 on the signing input of a sealed hop, as SealedHops uses it. */
  @State(Scope.Thread)
  public static class Bc {
    private final byte[] seed = new byte[Ed25519.SECRET_KEY_SIZE];
    private final byte[] publicKey = new byte[Ed25519.PUBLIC_KEY_SIZE];
    private Ed25519.PublicPoint point;
    private byte[] input;
    private byte[] signed;

    @Setup(Level.Trial)
    public void setUp() {
      var node = new Node();
      node.setUp();
      input = signingInput(sealOne(node));
      Ed25519.generatePrivateKey(new SecureRandom(), seed);
      Ed25519.generatePublicKey(seed, 0, publicKey, 0);
      point = Ed25519.validatePublicKeyFullExport(publicKey, 0);
      signed = sign();
      if (!verify(signed)) {
        throw new IllegalStateException("Ed25519 (BouncyCastle): a fresh signature must verify");
      }
    }

    byte[] sign() {
      var signature = new byte[Ed25519.SIGNATURE_SIZE];
      Ed25519.sign(seed, 0, publicKey, 0, input, 0, input.length, signature, 0);
      return signature;
    }

    boolean verify(byte[] candidate) {
      return Ed25519.verify(candidate, 0, point, input, 0, input.length);
    }
  }

  @Benchmark
  public String seal(Node node) {
    return sealOne(node);
  }

  @Benchmark
  public Envelope open(Batch batch) {
    return batch.node.hops.open(batch.take(), RECEIVER, batch.node.bodyDigest);
  }

  @Benchmark
  public Envelope sealAndOpen(Node node) {
    return node.hops.open(sealOne(node), RECEIVER, node.bodyDigest);
  }

  @Benchmark
  public byte[] bcSign(Bc bc) {
    return bc.sign();
  }

  @Benchmark
  public boolean bcVerify(Bc bc) {
    return bc.verify(bc.signed);
  }

  @Benchmark
  public boolean bcSignAndVerify(Bc bc) {
    return bc.verify(bc.sign());
  }

  @Benchmark
  public byte[] jdkSign(Jdk jdk) throws GeneralSecurityException {
    return jdk.sign();
  }

  @Benchmark
  public boolean jdkVerify(Jdk jdk) throws GeneralSecurityException {
    return jdk.verify(jdk.signed);
  }

  @Benchmark
  public boolean jdkSignAndVerify(Jdk jdk) throws GeneralSecurityException {
    return jdk.verify(jdk.sign());
  }

  private static String sealOne(Node node) {
    return node.hops.seal(node.envelope, RECEIVER, SKILL, node.bodyDigest);
  }

  /** The JWS signing input of a compact JWS: its {@code header.payload}. */
  private static byte[] signingInput(String compact) {
    return compact.substring(0, compact.lastIndexOf('.')).getBytes(StandardCharsets.US_ASCII);
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK has no SHA-256: " + e, e);
    }
  }
}
