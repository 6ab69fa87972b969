package dev.colony.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.colony.audit.internal.SignedNote;
import dev.colony.core.InvalidInput;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Signed-note keys, checked against the known answers of golang.org/x/mod/sumdb/note. */
class SigningKeyTests {
  private static final String GO_SIGNER =
      "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
  private static final String GO_VERIFIER =
      "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
  private static final String GO_TEXT =
      "If you think cryptography is the answer to your problem,\n"
          + "then you don't know what your problem is.\n";
  private static final String GO_NOTE =
      GO_TEXT
          + "\n\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";

  @Test
  void theReferenceSignerKeyYieldsTheReferenceVerifierKey() {
    var key = SigningKey.parse(GO_SIGNER);

    assertThat(key.verifierKey().toString()).isEqualTo(GO_VERIFIER);
    assertThat(key.encoded()).isEqualTo(GO_SIGNER);
  }

  @Test
  void signingTheReferenceTextYieldsTheReferenceNoteByteForByte() {
    var key = SigningKey.parse(GO_SIGNER);

    var note =
        SignedNote.sign(
            GO_TEXT,
            key.name(),
            key.verifierKey().keyId(),
            key.sign(GO_TEXT.getBytes(StandardCharsets.UTF_8)));

    assertThat(note).isEqualTo(GO_NOTE);
  }

  @Test
  void theReferenceVerifierKeyParsesAndVerifiesTheReferenceNote() {
    var key = VerifierKey.parse(GO_VERIFIER);
    var parsed = SignedNote.parse(GO_NOTE);

    assertThat(key.keyId()).isEqualTo(0xc74f20a3);
    assertThat(
            key.verify(
                parsed.text().getBytes(StandardCharsets.UTF_8),
                parsed.signatures().getFirst().signature()))
        .isTrue();
  }

  @Test
  void aVerifierKeyWithAWrongKeyIdIsRejected() {
    assertThatThrownBy(() -> VerifierKey.parse(GO_VERIFIER.replace("c74f20a3", "c74f20a4")))
        .isInstanceOf(InvalidInput.class)
        .hasMessageContaining("key id 'c74f20a4' does not match");
  }

  @Test
  void keyNamesWithSpacesOrPlusSignsAreRejected() {
    assertThatThrownBy(() -> SigningKey.generate("my ledger"))
        .isInstanceOf(InvalidInput.class)
        .hasMessageContaining("without spaces");
    assertThatThrownBy(() -> SigningKey.generate("a+b")).isInstanceOf(InvalidInput.class);
  }

  @Test
  void toStringNeverShowsTheSecret() {
    var key = SigningKey.parse(GO_SIGNER);

    assertThat(key.toString()).doesNotContain("PRIVATE").contains(GO_VERIFIER);
  }

  @Test
  void loadOrCreateReturnsTheSameKeyTheSecondTime(@TempDir Path dir) {
    var created = SigningKey.loadOrCreate(dir.resolve("key"), "example.com/log");

    var loaded = SigningKey.loadOrCreate(dir.resolve("key"), "example.com/log");

    assertThat(loaded.verifierKey()).isEqualTo(created.verifierKey());
  }

  @Test
  void aKeyFileOfAnotherNameIsRefused(@TempDir Path dir) {
    SigningKey.loadOrCreate(dir.resolve("key"), "example.com/log");

    assertThatThrownBy(() -> SigningKey.loadOrCreate(dir.resolve("key"), "example.com/other"))
        .isInstanceOf(LedgerFailure.class)
        .hasMessageContaining("is named 'example.com/log'");
  }

  @Test
  void aMalformedKeyFileIsReportedWithoutQuotingIt(@TempDir Path dir) throws Exception {
    var file = dir.resolve("key");
    Files.writeString(file, "PRIVATE+KEY+x+00000000+secretsecret");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));

    assertThatThrownBy(() -> SigningKey.loadOrCreate(file, "x"))
        .isInstanceOf(LedgerFailure.class)
        .hasMessageContaining("is malformed")
        .hasMessageNotContaining("secretsecret");
  }
}
