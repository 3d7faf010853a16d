package io.sextant.core.document;

import java.nio.charset.StandardCharsets;

/** Rules for external document ids: non-empty, well-formed Unicode, at most 512 UTF-8 bytes. */
public final class DocumentIds {
  public static final int MAX_ID_BYTES = 512;

  private DocumentIds() {}

  /** Validates {@code id} and returns its UTF-8 bytes. */
  public static byte[] requireValid(String id) {
    if (id == null) throw new IllegalArgumentException("document id is null");
    if (id.isEmpty()) throw new IllegalArgumentException("document id is empty");
    if (!isWellFormedUtf16(id)) {
      throw new IllegalArgumentException("document id '" + id + "' contains an unpaired surrogate character");
    }
    byte[] b = id.getBytes(StandardCharsets.UTF_8);
    if (b.length > MAX_ID_BYTES) {
      throw new IllegalArgumentException("document id is " + b.length + " UTF-8 bytes long, at most " + MAX_ID_BYTES
          + " are allowed: '" + id.substring(0, 40) + "...'");
    }
    return b;
  }

  static boolean isWellFormedUtf16(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) return false;
        i++;
      } else if (Character.isLowSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  /** A 64-bit hash of the UTF-8 bytes of an id (FNV-1a then a murmur finalizer), stable across versions. */
  public static long hash(byte[] utf8) {
    long h = 0xcbf29ce484222325L;
    for (byte b : utf8) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h;
  }
}
