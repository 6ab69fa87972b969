package dev.colony.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.colony.audit.internal.Hashes;
import dev.colony.audit.internal.SignedNote;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The c2sp.org/tlog-checkpoint text and its c2sp.org/signed-note signature. */
class CheckpointTests {
  private static final String ORIGIN = "example.com/behind-the-sofa";
  private static final String SPEC_ROOT = "CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=";
  private static final SigningKey KEY = SigningKey.generate(ORIGIN);

  private static Checkpoint specExample() {
    return new Checkpoint(ORIGIN, 20852163, Hashes.hex(Base64.getDecoder().decode(SPEC_ROOT)));
  }

  @Test
  void textIsOriginSizeAndBase64RootEachOnItsOwnLine() {
    assertThat(specExample().text()).isEqualTo(ORIGIN + "\n20852163\n" + SPEC_ROOT + "\n");
  }

  @Test
  void signedCheckpointIsTheTextABlankLineAndOneSignatureLineByTheOrigin() {
    var note = specExample().sign(KEY);

    var lines = note.split("\n", -1);
    assertThat(lines).hasSize(6);
    assertThat(lines[3]).isEmpty();
    assertThat(lines[4]).startsWith("\u2014 " + ORIGIN + " ");
    var signature = Base64.getDecoder().decode(lines[4].substring(ORIGIN.length() + 3));
    assertThat(signature).hasSize(4 + 64);
    assertThat(java.nio.ByteBuffer.wrap(signature).getInt()).isEqualTo(KEY.verifierKey().keyId());
    assertThat(lines[5]).isEmpty();
  }

  @Test
  void signedCheckpointOpensWithThePublicKey() {
    var opened = Checkpoint.open(specExample().sign(KEY), KEY.verifierKey());

    assertThat(opened).isEqualTo(specExample());
  }

  @Test
  void signatureOverAlteredTextIsRejectedAsForged() {
    var note = specExample().sign(KEY).replace("20852163", "20852164");

    assertThatThrownBy(() -> Checkpoint.open(note, KEY.verifierKey()))
        .isInstanceOf(LedgerFailure.class)
        .hasMessage(
            "checkpoint at size 20852164: signature by "
                + ORIGIN
                + " is invalid (forged or altered)");
  }

  @Test
  void checkpointSignedByAnotherKeyOfTheSameNameIsRejected() {
    var impostor = SigningKey.generate(ORIGIN);

    assertThatThrownBy(() -> Checkpoint.open(specExample().sign(impostor), KEY.verifierKey()))
        .isInstanceOf(LedgerFailure.class)
        .hasMessageContaining("carries no signature by key " + KEY.verifierKey());
  }

  @Test
  void signaturesOfUnknownKeysBesideTheLedgersAreIgnored() {
    var witness = SigningKey.generate("witness.example/w1");
    var note = specExample().sign(KEY);
    var text = specExample().text();
    var cosigned =
        note
            + SignedNote.sign(
                    text,
                    witness.name(),
                    witness.verifierKey().keyId(),
                    witness.sign(text.getBytes(StandardCharsets.UTF_8)))
                .substring(text.length() + 1);

    assertThat(Checkpoint.open(cosigned, KEY.verifierKey())).isEqualTo(specExample());
  }

  @Test
  void checkpointWhoseOriginIsNotTheKeysNameIsRejected() {
    var text = "other.example/log\n1\n" + SPEC_ROOT + "\n";
    var note =
        SignedNote.sign(
            text,
            ORIGIN,
            KEY.verifierKey().keyId(),
            KEY.sign(text.getBytes(StandardCharsets.UTF_8)));

    assertThatThrownBy(() -> Checkpoint.open(note, KEY.verifierKey()))
        .isInstanceOf(LedgerFailure.class)
        .hasMessageContaining("has origin 'other.example/log', not the key's name");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "no newline at the end",
        "example.com/behind-the-sofa\n1\n",
        "example.com/behind-the-sofa\n01\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n\n\u2014 a AAAAAAA=\n",
        "example.com/behind-the-sofa\n1\nAAAA\n\n\u2014 a AAAAAAA=\n",
        "example.com/behind-the-sofa\n1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n\n- a AAAAAAA=\n",
        "example.com/behind-the-sofa\n1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n\n\u2014 a !!!\n",
        "example.com/behind-the-sofa\n1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n\n\u2014 a AAAA\n",
        "example.com/behind-the-sofa\r\n1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n\n\u2014 a AAAAAAA=\n",
        "example.com/behind-the-sofa\n99999999999999999999\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n\n\u2014 a AAAAAAA=\n"
      })
  void malformedNotesAreRejectedSayingWhy(String note) {
    assertThatThrownBy(() -> Checkpoint.open(note, KEY.verifierKey()))
        .isInstanceOf(LedgerFailure.class)
        .hasMessageStartingWith("malformed checkpoint: ");
  }

  @Test
  void oversizedNotesAreRejectedBeforeBeingParsed() {
    var note = "x".repeat(SignedNote.MAX_LENGTH + 1);

    assertThatThrownBy(() -> Checkpoint.open(note, KEY.verifierKey()))
        .isInstanceOf(LedgerFailure.class)
        .hasMessageContaining("more than the " + SignedNote.MAX_LENGTH + " read");
  }

  @Test
  void notesWithMoreThanSixteenSignaturesAreRejected() {
    var line = "\u2014 a " + Base64.getEncoder().encodeToString(new byte[68]) + "\n";
    var note = specExample().text() + "\n" + line.repeat(17);

    assertThatThrownBy(() -> Checkpoint.open(note, KEY.verifierKey()))
        .isInstanceOf(LedgerFailure.class)
        .hasMessageContaining("17 signature lines");
  }
}
