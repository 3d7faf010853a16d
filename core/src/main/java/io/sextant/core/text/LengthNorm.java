package io.sextant.core.text;

/**
 * Document lengths stored in one byte, exactly as Lucene stores its norms (SmallFloat's
 * "int to byte4"): lengths 0..23 are exact; above that the byte is a tiny float with a 4-bit
 * mantissa (implicit leading one), so a length is rounded down to its 4 leading bits
 * (e.g. 100 → 96, 1000 → 984). BM25 uses the decoded length.
 *
 * <p>Why mimic it: Lucene's BM25 scores are computed from these lossy lengths, so a library that
 * used exact lengths would differ from Lucene by up to ~6% on long documents, and agreeing with
 * Lucene within 1e-4 is a goal. It also keeps the norms at one byte per document. The cost is
 * that length normalization is slightly coarser than textbook BM25 for documents longer than
 * 23 terms.
 */
final class LengthNorm {
  private LengthNorm() {}

  /** Bytes 0..23 stand for themselves; the rest encode (length - 23) as a small float. */
  private static final int EXACT = 24;

  private static final int[] DECODED = new int[256];

  static {
    for (int b = 0; b < 256; b++) DECODED[b] = decodeSlow(b);
  }

  static byte encode(int length) {
    if (length < 0) throw new IllegalArgumentException("negative length " + length);
    if (length < EXACT) return (byte) length;
    long v = length - EXACT;
    int bits = 64 - Long.numberOfLeadingZeros(v);
    int code;
    if (bits < 4) {
      code = (int) v;
    } else {
      int shift = bits - 4;
      code = (int) ((v >>> shift) & 0x7) | ((shift + 1) << 3);
    }
    return (byte) (EXACT + code);
  }

  /** The length a stored byte stands for. */
  static int decode(byte b) {
    return DECODED[b & 0xff];
  }

  private static int decodeSlow(int b) {
    if (b < EXACT) return b;
    int code = b - EXACT;
    int mantissa = code & 0x7;
    int shift = (code >>> 3) - 1;
    long v = shift < 0 ? mantissa : (long) (mantissa | 0x8) << shift;
    return (int) Math.min(Integer.MAX_VALUE, EXACT + v);
  }
}
