package dev.colony.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Merkle Tree Hash against the RFC 6962/9162 test vectors of the certificate-transparency
 * reference implementation, and against a direct transcription of RFC 9162 §2.1.1.
 */
class MerkleTreeTests {
  private static final HexFormat HEX = HexFormat.of();

  /** The reference leaf inputs, as hex. */
  private static final List<String> LEAVES =
      List.of(
          "",
          "00",
          "10",
          "2021",
          "3031",
          "40414243",
          "5051525354555657",
          "606162636465666768696a6b6c6d6e6f");

  /** The reference roots of the first n leaves, n = 0..8. */
  private static final List<String> ROOTS =
      List.of(
          "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
          "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
          "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
          "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
          "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
          "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
          "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
          "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
          "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");

  @Test
  void rootsOfTheReferenceLeavesMatchTheReferenceVectors() {
    var frontier = new MerkleTree.Frontier();
    var roots = new ArrayList<String>();
    roots.add(HEX.formatHex(frontier.root()));
    for (var leaf : LEAVES) {
      frontier.add(MerkleTree.leafHash(HEX.parseHex(leaf)));
      roots.add(HEX.formatHex(frontier.root()));
    }

    assertThat(roots).isEqualTo(ROOTS);
  }

  @Test
  void leafAndNodeHashesUseTheRfc9162DomainSeparationPrefixes() {
    var leaf = MerkleTree.leafHash(new byte[] {0x61});
    var node = MerkleTree.nodeHash(leaf, leaf);

    assertThat(leaf).isEqualTo(Hashes.sha256(new byte[] {0x00, 0x61}));
    assertThat(node).isEqualTo(Hashes.sha256(new byte[] {0x01}, leaf, leaf));
  }

  @Test
  void incrementalRootEqualsTheRecursiveDefinitionForEverySizeUpTo40() {
    var leaves = new ArrayList<byte[]>();
    var frontier = new MerkleTree.Frontier();
    for (int n = 1; n <= 40; n++) {
      var leaf =
          MerkleTree.leafHash(("entry " + n).getBytes(java.nio.charset.StandardCharsets.UTF_8));
      leaves.add(leaf);
      frontier.add(leaf);

      assertThat(HEX.formatHex(frontier.root()))
          .as("root of %d leaves", n)
          .isEqualTo(HEX.formatHex(reference(leaves)));
    }
  }

  @Test
  void rootOfAListEqualsTheFrontiersRoot() {
    var leaves = new ArrayList<byte[]>();
    for (int n = 0; n < 13; n++) {
      leaves.add(MerkleTree.leafHash(new byte[] {(byte) n}));
    }

    assertThat(MerkleTree.root(leaves)).isEqualTo(reference(leaves));
  }

  @Test
  void aCopyGrowsOnItsOwnWithoutChangingTheOriginal() {
    var frontier = new MerkleTree.Frontier();
    for (int n = 0; n < 7; n++) {
      frontier.add(MerkleTree.leafHash(new byte[] {(byte) n}));
    }
    var before = frontier.root();

    var copy = frontier.copy();
    copy.add(MerkleTree.leafHash(new byte[] {7}));
    frontier.add(MerkleTree.leafHash(new byte[] {8}));

    assertThat(copy.size()).isEqualTo(8);
    assertThat(frontier.size()).isEqualTo(8);
    assertThat(copy.root()).isNotEqualTo(frontier.root()).isNotEqualTo(before);
    var eight = new ArrayList<byte[]>();
    for (int n = 0; n < 8; n++) {
      eight.add(MerkleTree.leafHash(new byte[] {(byte) n}));
    }
    assertThat(copy.root()).isEqualTo(reference(eight));
  }

  /** MTH(D[n]) of RFC 9162 §2.1.1, transcribed: split at the largest power of two below n. */
  private static byte[] reference(List<byte[]> leafHashes) {
    int n = leafHashes.size();
    if (n == 0) {
      return Hashes.sha256();
    }
    if (n == 1) {
      return leafHashes.getFirst();
    }
    int k = 1;
    while (k << 1 < n) {
      k <<= 1;
    }
    return MerkleTree.nodeHash(
        reference(leafHashes.subList(0, k)), reference(leafHashes.subList(k, n)));
  }
}
