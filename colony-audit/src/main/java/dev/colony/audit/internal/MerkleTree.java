package dev.colony.audit.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Merkle Tree Hash of RFC 9162 §2.1.1: leaf hash {@code SHA-256(0x00 || data)}, node hash {@code
 * SHA-256(0x01 || left || right)}, and the root of {@code n} leaves split at the largest power of
 * two smaller than {@code n}.
 *
 * <p>{@link Frontier} computes the same root incrementally: it keeps the roots of the perfect
 * subtrees that the binary representation of the tree size decomposes the tree into, so appending
 * costs O(log n) hashes at most and the root O(log n). A frontier is not thread-safe; its owner
 * serializes access.
 */
public final class MerkleTree {
  private static final byte[] LEAF_PREFIX = {0x00};
  private static final byte[] NODE_PREFIX = {0x01};

  private MerkleTree() {}

  /** {@code SHA-256(0x00 || data)}. */
  public static byte[] leafHash(byte[] data) {
    return Hashes.sha256(LEAF_PREFIX, data);
  }

  /** {@code SHA-256(0x01 || left || right)}. */
  public static byte[] nodeHash(byte[] left, byte[] right) {
    return Hashes.sha256(NODE_PREFIX, left, right);
  }

  /** The root of the empty tree: SHA-256 of no bytes. */
  public static byte[] emptyRoot() {
    return Hashes.sha256();
  }

  /** The root over leaf hashes, in order. */
  public static byte[] root(List<byte[]> leafHashes) {
    var frontier = new Frontier();
    leafHashes.forEach(frontier::add);
    return frontier.root();
  }

  /** The right edge of a growing tree: enough to compute its root and to keep appending. */
  public static final class Frontier {
    private final List<byte[]> subtrees = new ArrayList<>();
    private long size;

    /** Appends one leaf by its leaf hash. */
    public void add(byte[] leafHash) {
      if (leafHash.length != Hashes.SIZE) {
        throw new IllegalArgumentException(
            "a leaf hash has " + Hashes.SIZE + " bytes, got " + leafHash.length);
      }
      subtrees.add(leafHash.clone());
      // Each trailing 1 bit of the old size is a perfect subtree of equal height to merge with.
      for (long s = size; (s & 1) == 1; s >>>= 1) {
        var right = subtrees.removeLast();
        var left = subtrees.removeLast();
        subtrees.add(nodeHash(left, right));
      }
      size++;
    }

    /** The Merkle Tree Hash of the leaves added so far. */
    public byte[] root() {
      if (subtrees.isEmpty()) {
        return emptyRoot();
      }
      var hash = subtrees.getLast();
      for (int i = subtrees.size() - 2; i >= 0; i--) {
        hash = nodeHash(subtrees.get(i), hash);
      }
      return hash.clone();
    }

    public long size() {
      return size;
    }

    /** An independent frontier of the same leaves, to extend without changing this one. */
    public Frontier copy() {
      var copy = new Frontier();
      copy.subtrees.addAll(subtrees); // the hashes are never changed in place
      copy.size = size;
      return copy;
    }
  }
}
