package io.sextant.core.filter;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.roaringbitmap.RoaringBitmap;

/**
 * Builds the attribute index of one segment: documents are added in ordinal order (0, 1, 2, …)
 * and {@link #toByteArray()} writes the format that {@link AttributeIndex} reads.
 *
 * <p>Format (little endian; every block starts on an 8-byte boundary):
 * <pre>
 * header     int magic "SXAI", int version (1), int docCount, int fieldCount
 * directory  fieldCount × { long nameOffset, int nameLength, int type, long blockOffset, long blockLength }
 * names      UTF-8 field names
 * blocks     one per field, each starting with its "exists" bitmap:
 *   bitmap   int byteLength, RoaringBitmap portable serialization, pad to 8
 *   KEYWORD  exists, int termCount, int 0, int termStart[termCount + 1], term bytes (UTF-8,
 *            sorted by String order), pad, long postingStart[termCount + 1], postings (bitmaps)
 *   LONG, DATE_TIME, DOUBLE
 *            exists, int count, int 0, long key[count] ascending, int doc[count], pad
 *            (DOUBLE keys are the order-preserving long encoding of the value)
 *   BOOLEAN  exists, bitmap false, bitmap true
 * </pre>
 * Not thread-safe.
 */
public final class AttributeIndexWriter {
  static final int MAGIC = 0x49415853; // "SXAI" read as little-endian bytes
  static final int VERSION = 1;
  static final int HEADER_BYTES = 16;
  static final int DIR_ENTRY_BYTES = 32;

  private final TreeMap<String, FieldBuilder> fields = new TreeMap<>();
  private int docCount;

  /** Adds the next document; returns its ordinal. Values must be conformed to one schema. */
  public int add(Attributes doc) {
    int ord = docCount;
    for (Map.Entry<String, Attributes.Value> e : doc.values().entrySet()) {
      String name = e.getKey();
      Attributes.Value v = e.getValue();
      FieldBuilder fb = fields.computeIfAbsent(name, n -> FieldBuilder.of(v.type()));
      if (fb.type != v.type()) {
        throw SchemaException.clash(name, fb.type, v.type() + " (document " + ord + ")");
      }
      fb.add(ord, v);
    }
    docCount++;
    return ord;
  }

  public int docCount() {
    return docCount;
  }

  public byte[] toByteArray() {
    ByteSink out = new ByteSink();
    out.putInt(MAGIC);
    out.putInt(VERSION);
    out.putInt(docCount);
    out.putInt(fields.size());
    int dirStart = out.size();
    for (int i = 0; i < fields.size(); i++) {
      for (int j = 0; j < DIR_ENTRY_BYTES / 8; j++) out.putLong(0);
    }
    List<byte[]> names = new ArrayList<>();
    List<Long> nameOffsets = new ArrayList<>();
    for (String name : fields.keySet()) {
      byte[] b = name.getBytes(StandardCharsets.UTF_8);
      nameOffsets.add((long) out.size());
      names.add(b);
      out.putBytes(b);
    }
    out.align(8);
    int i = 0;
    for (Map.Entry<String, FieldBuilder> e : fields.entrySet()) {
      int blockStart = out.size();
      e.getValue().write(out, docCount);
      out.align(8);
      int entry = dirStart + i * DIR_ENTRY_BYTES;
      out.putLongAt(entry, nameOffsets.get(i));
      out.putIntAt(entry + 8, names.get(i).length);
      out.putIntAt(entry + 12, e.getValue().type.ordinal());
      out.putLongAt(entry + 16, blockStart);
      out.putLongAt(entry + 24, out.size() - blockStart);
      i++;
    }
    return out.toByteArray();
  }

  private abstract static sealed class FieldBuilder {
    final FieldType type;
    final RoaringBitmap exists = new RoaringBitmap();

    FieldBuilder(FieldType type) {
      this.type = type;
    }

    static FieldBuilder of(FieldType type) {
      return switch (type) {
        case KEYWORD -> new KeywordBuilder();
        case BOOLEAN -> new BooleanBuilder();
        case LONG, DOUBLE, DATE_TIME -> new NumericBuilder(type);
      };
    }

    abstract void add(int doc, Attributes.Value v);

    abstract void write(ByteSink out, int docCount);

    void writeExists(ByteSink out) {
      out.putBitmap(exists);
      out.align(8);
    }
  }

  private static final class KeywordBuilder extends FieldBuilder {
    private final HashMap<String, RoaringBitmap> postings = new HashMap<>();

    KeywordBuilder() {
      super(FieldType.KEYWORD);
    }

    @Override
    void add(int doc, Attributes.Value v) {
      exists.add(doc);
      for (String s : v.keywords()) postings.computeIfAbsent(s, k -> new RoaringBitmap()).add(doc);
    }

    @Override
    void write(ByteSink out, int docCount) {
      writeExists(out);
      String[] terms = postings.keySet().toArray(String[]::new);
      Arrays.sort(terms);
      out.putInt(terms.length);
      out.putInt(0);
      byte[][] bytes = new byte[terms.length][];
      int pos = 0;
      for (int t = 0; t < terms.length; t++) {
        bytes[t] = terms[t].getBytes(StandardCharsets.UTF_8);
        out.putInt(pos);
        pos += bytes[t].length;
      }
      out.putInt(pos);
      for (byte[] b : bytes) out.putBytes(b);
      out.align(8);
      int offsetsAt = out.size();
      for (int t = 0; t <= terms.length; t++) out.putLong(0);
      int postingsStart = out.size();
      for (int t = 0; t < terms.length; t++) {
        out.putLongAt(offsetsAt + 8 * t, out.size() - postingsStart);
        out.putBitmap(postings.get(terms[t]));
      }
      out.putLongAt(offsetsAt + 8 * terms.length, out.size() - postingsStart);
    }
  }

  private static final class NumericBuilder extends FieldBuilder {
    private long[] keys = new long[64];
    private int[] docs = new int[64];
    private int n;

    NumericBuilder(FieldType type) {
      super(type);
    }

    @Override
    void add(int doc, Attributes.Value v) {
      exists.add(doc);
      if (n == keys.length) {
        keys = Arrays.copyOf(keys, n * 2);
        docs = Arrays.copyOf(docs, n * 2);
      }
      keys[n] = type == FieldType.DOUBLE ? SortableLongs.ofDouble(v.asDouble()) : v.asLong();
      docs[n++] = doc;
    }

    @Override
    void write(ByteSink out, int docCount) {
      writeExists(out);
      SortableLongs.sortPairs(keys, docs, n);
      out.putInt(n);
      out.putInt(0);
      out.putLongs(keys, n);
      out.putInts(docs, n);
    }
  }

  private static final class BooleanBuilder extends FieldBuilder {
    private final RoaringBitmap trues = new RoaringBitmap();
    private final RoaringBitmap falses = new RoaringBitmap();

    BooleanBuilder() {
      super(FieldType.BOOLEAN);
    }

    @Override
    void add(int doc, Attributes.Value v) {
      exists.add(doc);
      (v.asBoolean() ? trues : falses).add(doc);
    }

    @Override
    void write(ByteSink out, int docCount) {
      writeExists(out);
      out.putBitmap(falses);
      out.align(8);
      out.putBitmap(trues);
      out.align(8);
    }
  }
}
