package io.sextant.core.segment;

import io.sextant.core.document.DocumentCodec;
import io.sextant.core.document.StoredFields;
import io.sextant.core.store.BytesOutput;
import io.sextant.core.store.ChecksummedOutput;
import io.sextant.core.store.CorruptIndexException;
import io.sextant.core.store.FileFormat;
import io.sextant.core.store.FileStamp;
import io.sextant.core.store.MappedFile;
import io.sextant.core.store.MappedInput;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.zip.CRC32C;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;

/**
 * The {@code .doc} file: stored fields in lz4 blocks. A raw block is, per document,
 * {@code vint length, DocumentCodec bytes}; blocks close at {@value #BLOCK_TARGET_BYTES} raw bytes
 * or {@value #BLOCK_MAX_DOCS} documents. After the blocks comes the block index, one 28-byte entry
 * per block {@code int32 firstOrd, int32 docCount, int64 offset, int32 compressedLength,
 * int32 rawLength, int32 crc32c(raw)}, and a trailer {@code int32 blockCount, int32 docCount,
 * int64 indexStart}. The per-block CRC makes a damaged block an error at read time even when the
 * file's CRC was not verified on open.
 */
public final class StoredFieldsFile {
  static final String KIND = "DOCS";
  static final int VERSION = 1;
  public static final String EXTENSION = "doc";
  static final int BLOCK_TARGET_BYTES = 16 * 1024;
  static final int BLOCK_MAX_DOCS = 128;
  private static final int ENTRY = 28;
  private static final int TRAILER = 16;
  private static final ValueLayout.OfInt INT_LE = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  private static final ValueLayout.OfLong LONG_LE = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  /**
   * Pure-Java, bounds-checked codec: no JNI, and a damaged block cannot read out of bounds. In a
   * holder class so that opening a segment does not initialise lz4 (tens of milliseconds in a
   * fresh JVM); the first stored-field read or segment write does.
   */
  private static final class Lz4 {
    static final LZ4Factory FACTORY = LZ4Factory.safeInstance();
  }

  private final MappedFile file;
  private final int docCount;
  private final int blockCount;
  private final long indexStart;

  private StoredFieldsFile(MappedFile file, int docCount, int blockCount, long indexStart) {
    this.file = file;
    this.docCount = docCount;
    this.blockCount = blockCount;
    this.indexStart = indexStart;
  }

  static FileStamp write(Path path, SegmentSource source) throws IOException {
    LZ4Compressor compressor = Lz4.FACTORY.fastCompressor();
    BytesOutput raw = new BytesOutput(BLOCK_TARGET_BYTES * 2);
    BytesOutput doc = new BytesOutput(1024);
    BytesOutput index = new BytesOutput(1024);
    byte[] compressed = new byte[0];
    int n = source.size();
    try (ChecksummedOutput out = ChecksummedOutput.create(path, KIND, VERSION)) {
      int blockFirst = 0;
      int blocks = 0;
      for (int i = 0; i <= n; i++) {
        boolean flush = i == n ? i > blockFirst : (i - blockFirst == BLOCK_MAX_DOCS || raw.size() >= BLOCK_TARGET_BYTES);
        if (flush) {
          int max = compressor.maxCompressedLength(raw.size());
          if (compressed.length < max) compressed = new byte[max];
          int clen = compressor.compress(raw.array(), 0, raw.size(), compressed, 0, max);
          CRC32C crc = new CRC32C();
          crc.update(raw.array(), 0, raw.size());
          index.writeInt(blockFirst);
          index.writeInt(i - blockFirst);
          index.writeLong(out.position());
          index.writeInt(clen);
          index.writeInt(raw.size());
          index.writeInt((int) crc.getValue());
          out.writeBytes(compressed, 0, clen);
          blocks++;
          blockFirst = i;
          raw.reset();
        }
        if (i == n) break;
        doc.reset();
        source.writeStoredFields(i, doc);
        raw.writeVInt(doc.size());
        raw.writeBytes(doc.array(), 0, doc.size());
      }
      long indexStart = out.position();
      out.writeBytes(index.array(), 0, index.size());
      out.writeInt(blocks);
      out.writeInt(n);
      out.writeLong(indexStart);
      return out.finish();
    }
  }

  static StoredFieldsFile open(MappedFile f, int docCount) throws CorruptIndexException {
    long t = f.contentEnd() - TRAILER;
    if (t < f.contentStart()) throw new CorruptIndexException(f.name(), f.contentStart(), "too short for the trailer");
    MemorySegment s = f.segment();
    int blocks = s.get(INT_LE, t);
    int docs = s.get(INT_LE, t + 4);
    long indexStart = s.get(LONG_LE, t + 8);
    if (docs != docCount) {
      throw new CorruptIndexException(f.name(), t + 4, "holds " + docs + " documents, the segment has " + docCount);
    }
    if (blocks < 0 || indexStart < f.contentStart() || indexStart + (long) blocks * ENTRY != t) {
      throw new CorruptIndexException(f.name(), t, "block index of " + blocks + " entries at " + indexStart
          + " does not end at the trailer (" + t + ")");
    }
    if ((docCount == 0) != (blocks == 0)) {
      throw new CorruptIndexException(f.name(), t, blocks + " blocks for " + docCount + " documents");
    }
    return new StoredFieldsFile(f, docCount, blocks, indexStart);
  }

  /** The stored fields of {@code ord}. */
  public StoredFields read(int ord) throws CorruptIndexException {
    Block b = block(blockOf(ord));
    MappedInput in = b.docInput(ord);
    return DocumentCodec.read(in);
  }

  private int blockOf(int ord) throws CorruptIndexException {
    if (ord < 0 || ord >= docCount) throw new IndexOutOfBoundsException("ordinal " + ord + " outside [0, " + docCount + ")");
    MemorySegment s = file.segment();
    int lo = 0, hi = blockCount - 1; // last block with firstOrd <= ord
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (s.get(INT_LE, indexStart + (long) mid * ENTRY) <= ord) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** A decompressed, checksum-verified block. */
  Block block(int b) throws CorruptIndexException {
    MemorySegment s = file.segment();
    long e = indexStart + (long) b * ENTRY;
    int first = s.get(INT_LE, e);
    int count = s.get(INT_LE, e + 4);
    long offset = s.get(LONG_LE, e + 8);
    int clen = s.get(INT_LE, e + 16);
    int rlen = s.get(INT_LE, e + 20);
    int crc = s.get(INT_LE, e + 24);
    if (first < 0 || count <= 0 || count > BLOCK_MAX_DOCS || (long) first + count > docCount || offset < file.contentStart()
        || clen < 0 || offset + clen > indexStart || rlen < count || rlen > BLOCK_TARGET_BYTES + DocumentCodec.MAX_ENCODED_BYTES + 16) {
      throw new CorruptIndexException(file.name(), e, "block index entry " + b + " is out of range (first " + first
          + ", count " + count + ", offset " + offset + ", lengths " + clen + "/" + rlen + ")");
    }
    byte[] src = new byte[clen];
    MemorySegment.copy(s, ValueLayout.JAVA_BYTE, offset, src, 0, clen);
    byte[] raw = new byte[rlen];
    LZ4SafeDecompressor d = Lz4.FACTORY.safeDecompressor();
    int got;
    try {
      got = d.decompress(src, 0, clen, raw, 0, rlen);
    } catch (LZ4Exception ex) {
      throw new CorruptIndexException(file.name(), offset, "lz4 block " + b + " does not decompress: " + ex.getMessage(), ex);
    }
    CRC32C c = new CRC32C();
    c.update(raw, 0, got);
    if (got != rlen || (int) c.getValue() != crc) {
      throw new CorruptIndexException(file.name(), offset, String.format(
          "block %d decompresses to %d bytes with CRC32C 0x%08x, the index records %d bytes and 0x%08x", b, got,
          (int) c.getValue(), rlen, crc));
    }
    return new Block(file.name() + " block " + b, raw, first, count);
  }

  int blockCount() {
    return blockCount;
  }

  /** Decompressed block: the encoded documents {@code first .. first + count - 1}. */
  record Block(String resource, byte[] raw, int first, int count) {
    MappedInput docInput(int ord) throws CorruptIndexException {
      MappedInput in = new MappedInput(resource, MemorySegment.ofArray(raw), 0, raw.length);
      for (int i = first; i < ord; i++) in.skip(in.readVInt(raw.length, "document length"));
      int len = in.readVInt(raw.length, "document length");
      long start = in.position();
      if (len > in.remaining()) throw new CorruptIndexException(resource, start, "document of " + len + " bytes overruns the block");
      return new MappedInput(resource, MemorySegment.ofArray(raw), start, start + len);
    }

    /** The encoded bytes of document {@code ord} (for merges, which copy without decoding). */
    byte[] docBytes(int ord) throws CorruptIndexException {
      MappedInput in = docInput(ord);
      return in.readBytes((int) in.remaining());
    }
  }

  /** Sequential access for merges: keeps the current block decompressed. */
  final class Cursor {
    private Block current;

    byte[] docBytes(int ord) throws CorruptIndexException {
      if (current == null || ord < current.first() || ord >= current.first() + current.count()) {
        current = block(blockOf(ord));
      }
      return current.docBytes(ord);
    }
  }

  Cursor cursor() {
    return new Cursor();
  }

  /** Decodes every document of every block. Reads everything. */
  void check() throws CorruptIndexException {
    int expectedFirst = 0;
    for (int b = 0; b < blockCount; b++) {
      Block block = block(b);
      if (block.first() != expectedFirst) {
        throw new CorruptIndexException(file.name(), indexStart + (long) b * ENTRY, "block " + b + " starts at ordinal "
            + block.first() + ", expected " + expectedFirst);
      }
      for (int ord = block.first(); ord < block.first() + block.count(); ord++) {
        MappedInput in = block.docInput(ord);
        DocumentCodec.read(in);
        if (in.remaining() != 0) throw new CorruptIndexException(block.resource(), in.position(), "trailing bytes in document " + ord);
      }
      expectedFirst += block.count();
    }
    if (expectedFirst != docCount) {
      throw new CorruptIndexException(file.name(), indexStart, "blocks hold " + expectedFirst + " documents, expected " + docCount);
    }
  }
}
