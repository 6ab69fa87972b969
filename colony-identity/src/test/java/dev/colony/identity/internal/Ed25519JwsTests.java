package dev.colony.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.util.Base64URL;
import dev.colony.identity.JdkEd25519;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import org.junit.jupiter.api.Test;

class Ed25519JwsTests {
  /**
   * RFC 8037 appendix A.4: the key of A.1 (RFC 8032's test 1) signing "Example of Ed25519 signing".
   */
  private static final Base64URL D = new Base64URL("nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A");

  private static final Base64URL X = new Base64URL("11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo");
  private static final JWSHeader HEADER = new JWSHeader(JWSAlgorithm.EdDSA);
  private static final byte[] INPUT =
      "eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc"
          .getBytes(StandardCharsets.US_ASCII);
  private static final Base64URL SIGNATURE =
      new Base64URL(
          "hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg");

  /** The order of the Ed25519 base point, RFC 8032 section 5.1. */
  private static final BigInteger L =
      BigInteger.TWO.pow(252).add(new BigInteger("27742317777372353535851937790883648493"));

  @Test
  void signsTheRfc8037ExampleToItsSignature() throws Exception {
    var signer = Ed25519Jws.signer(JdkEd25519.privateKey(D.decode()));

    assertThat(signer.sign(HEADER, INPUT)).isEqualTo(SIGNATURE);
  }

  @Test
  void verifiesTheRfc8037Example() throws Exception {
    var verifier = Ed25519Jws.verifier(JdkEd25519.publicKey(X.decode()));

    assertThat(verifier.verify(HEADER, INPUT, SIGNATURE)).isTrue();
  }

  @Test
  void encodesAPublicKeyAsTheJwksX() throws Exception {
    assertThat(Base64URL.encode(Ed25519Jws.rawPublic(JdkEd25519.publicKey(X.decode()))))
        .isEqualTo(X);
  }

  @Test
  void refusesAnotherInputOrAnAlteredSignature() throws Exception {
    var verifier = Ed25519Jws.verifier(JdkEd25519.publicKey(X.decode()));
    var altered = SIGNATURE.decode();
    altered[40] ^= 1;

    assertThat(verifier.verify(HEADER, "eyJhbGciOiJFZERTQSJ9.e30".getBytes(), SIGNATURE)).isFalse();
    assertThat(verifier.verify(HEADER, INPUT, Base64URL.encode(altered))).isFalse();
    assertThat(verifier.verify(HEADER, INPUT, Base64URL.encode(new byte[12]))).isFalse();
  }

  @Test
  void refusesTheSameSignatureWithSPlusTheGroupOrder() throws Exception {
    var verifier = Ed25519Jws.verifier(JdkEd25519.publicKey(X.decode()));
    var signature = SIGNATURE.decode();
    var s = new BigInteger(1, reversed(signature, 32, 64)).add(L);
    var malleable = signature.clone();
    var sBytes = reversed(s.toByteArray(), 0, s.toByteArray().length);
    System.arraycopy(new byte[32], 0, malleable, 32, 32);
    System.arraycopy(sBytes, 0, malleable, 32, Math.min(32, sBytes.length));

    assertThat(s.bitLength()).isLessThanOrEqualTo(256);
    assertThat(verifier.verify(HEADER, INPUT, Base64URL.encode(malleable)))
        .as("RFC 8032 5.1.7: S must be below L")
        .isFalse();
  }

  @Test
  void refusesAHeaderOfAnotherAlgorithm() throws Exception {
    var verifier = Ed25519Jws.verifier(JdkEd25519.publicKey(X.decode()));
    var signer = Ed25519Jws.signer(JdkEd25519.privateKey(D.decode()));
    var es256 = new JWSHeader(JWSAlgorithm.ES256);

    assertThatThrownBy(() -> verifier.verify(es256, INPUT, SIGNATURE))
        .isInstanceOf(JOSEException.class)
        .hasMessageContaining("EdDSA only");
    assertThatThrownBy(() -> signer.sign(es256, INPUT)).isInstanceOf(JOSEException.class);
  }

  @Test
  void refusesAPublicKeyOutsideThePrimeOrderSubgroup() throws Exception {
    var neutral = new byte[32];
    neutral[0] = 1; // y = 1, x = 0: the neutral element, order 1

    assertThatThrownBy(() -> Ed25519Jws.verifier(JdkEd25519.publicKey(neutral)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a valid Ed25519 public key");
    assertThat(Ed25519Jws.isValidPublicKey(JdkEd25519.publicKey(neutral))).isFalse();
    assertThat(Ed25519Jws.isValidPublicKey(JdkEd25519.publicKey(X.decode()))).isTrue();
  }

  @Test
  void refusesKeysOfAnotherKind() throws Exception {
    var generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    var ec = generator.generateKeyPair();
    var ed448 = KeyPairGenerator.getInstance("Ed448").generateKeyPair();

    assertThatThrownBy(() -> Ed25519Jws.signer(ec.getPrivate()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected an Ed25519 private key");
    assertThatThrownBy(() -> Ed25519Jws.verifier(ed448.getPublic()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected an Ed25519 public key");
  }

  /** Bytes {@code from} to {@code to} of {@code bytes}, in reverse order. */
  private static byte[] reversed(byte[] bytes, int from, int to) {
    var out = new byte[to - from];
    for (int i = 0; i < out.length; i++) {
      out[i] = bytes[to - 1 - i];
    }
    return out;
  }
}
