package io.sextant.core.filter;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The attribute index of one segment, read in place from the bytes written by
 * {@link AttributeIndexWriter} (a mapped file or a heap array). The structure is checked when
 * opened: offsets, lengths and bitmaps that do not fit are reported with their byte offset.
 * Holds no resources of its own; whoever mapped the segment closes it. Thread-safe.
 */
public final class AttributeIndex {
  private final MemorySegment segment;
  private final int docCount;
  private final Map<String, FieldType> types;
  private final Map<String, Column> columns;

  private AttributeIndex(MemorySegment segment, int docCount, Map<String, FieldType> types,
      Map<String, Column> columns) {
    this.segment = segment;
    this.docCount = docCount;
    this.types = types;
    this.columns = columns;
  }

  public static AttributeIndex open(byte[] bytes) {
    return open(MemorySegment.ofArray(bytes));
  }

  public static AttributeIndex open(MemorySegment segment) {
    IndexBytes b = new IndexBytes(segment, "attribute index");
    if (!(segment.byteSize() >= AttributeIndexWriter.HEADER_BYTES)) throw b.corrupt(0,
        "shorter than its 16-byte header");
    int magic = b.getInt(0, "magic");
    if (!(magic == AttributeIndexWriter.MAGIC)) throw b.corrupt(0, String.format(
        "bad magic 0x%08x, expected 0x%08x (SXAI)", magic, AttributeIndexWriter.MAGIC));
    int version = b.getInt(4, "version");
    if (!(version == AttributeIndexWriter.VERSION)) throw b.corrupt(4, "unsupported version " + version
        + ", this build reads version " + AttributeIndexWriter.VERSION);
    int docCount = b.getInt(8, "doc count");
    if (!(docCount >= 0)) throw b.corrupt(8, "negative doc count " + docCount);
    int fieldCount = b.getInt(12, "field count");
    if (!(fieldCount >= 0)) throw b.corrupt(12, "negative field count " + fieldCount);
    b.checkRange(AttributeIndexWriter.HEADER_BYTES,
        (long) fieldCount * AttributeIndexWriter.DIR_ENTRY_BYTES, "field directory");
    TreeMap<String, FieldType> types = new TreeMap<>();
    TreeMap<String, Column> columns = new TreeMap<>();
    FieldType[] all = FieldType.values();
    for (int i = 0; i < fieldCount; i++) {
      long entry = AttributeIndexWriter.HEADER_BYTES + (long) i * AttributeIndexWriter.DIR_ENTRY_BYTES;
      long nameOff = b.getLong(entry, "field name offset");
      int nameLen = b.getInt(entry + 8, "field name length");
      int typeOrd = b.getInt(entry + 12, "field type");
      long start = b.getLong(entry + 16, "field block offset");
      long len = b.getLong(entry + 24, "field block length");
      b.checkRange(nameOff, nameLen, "field " + i + " name");
      b.checkRange(start, len, "field " + i + " block");
      if (!(typeOrd >= 0 && typeOrd < all.length)) throw b.corrupt(entry + 12, "unknown field type " + typeOrd);
      String name = utf8(b, nameOff, nameLen);
      FieldType type = all[typeOrd];
      long end = start + len;
      Column column = switch (type) {
        case KEYWORD -> new KeywordColumn(b, name, start, end);
        case BOOLEAN -> new BooleanColumn(b, name, start, end);
        case LONG, DOUBLE, DATE_TIME -> new NumericColumn(b, name, start, end, docCount);
      };
      if (!(types.put(name, type) == null)) throw b.corrupt(entry, "field '" + name + "' appears twice");
      columns.put(name, column);
    }
    return new AttributeIndex(segment, docCount, Collections.unmodifiableMap(types), columns);
  }

  private static String utf8(IndexBytes b, long off, int len) {
    byte[] raw = b.segment().asSlice(off, len).toArray(ValueLayout.JAVA_BYTE);
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(raw)).toString();
    } catch (CharacterCodingException e) {
      throw b.corrupt(off, "field name is not valid UTF-8");
    }
  }

  /** Number of documents in the segment (ordinals 0..docCount-1). */
  public int docCount() {
    return docCount;
  }

  /** The fields present in this segment and their types. */
  public Map<String, FieldType> fields() {
    return types;
  }

  /** Bytes of the index. */
  public long byteSize() {
    return segment.byteSize();
  }

  /** The column of {@code field}, or null when no document of this segment has it. */
  Column column(String field) {
    return columns.get(field);
  }
}
