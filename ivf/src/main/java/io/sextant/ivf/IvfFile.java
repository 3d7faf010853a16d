package io.sextant.ivf;

import io.sextant.core.vector.FloatVectors;
import io.sextant.core.vector.Kernels;
import io.sextant.core.vector.Similarity;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * The on-disk form of an {@link IvfIndex}, searched in place once mapped. Little endian; every
 * section starts on a 64-byte boundary:
 *
 * <pre>
 *   header      256 bytes: magic "SXTIVF01", version, similarity, dimension, nlist, encoding,
 *               PQ m, flags (bit 0: residual), block size, code bytes, vector count, ordinal
 *               bound, section offsets, file size, canonical spec string
 *   centroids   nlist × dim float32
 *   params      codec parameters (SQ8 ranges or PQ codebooks, see the codecs)
 *   directory   nlist × (int64 offset from the lists section, int32 count, int32 0)
 *   lists       each list: its blocks (see {@link BlockLayout}), contiguous, list by list
 *   trailer     int64 CRC32C of all preceding bytes, then "SXTIVFEN"
 * </pre>
 *
 * Opening checks the magic, version, every offset and count against the file size, the codec
 * parameters, and (unless told not to) the checksum; a bad file gives an exception naming the
 * file, the field and what was expected.
 */
final class IvfFile {
  static final byte[] MAGIC = "SXTIVF01".getBytes(StandardCharsets.US_ASCII);
  static final byte[] END = "SXTIVFEN".getBytes(StandardCharsets.US_ASCII);
  static final int VERSION = 1;
  static final int HEADER_BYTES = 256;
  static final int TRAILER_BYTES = 16;
  private static final int SPEC_AT = 116;
  private static final ValueLayout.OfInt INT = BlockLayout.INT_LE;
  private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  private IvfFile() {}

  /** Where each section goes for an index with the given list sizes. */
  private record Plan(long centroids, long params, long paramBytes, long directory, long lists, long[] listOffsets,
                      long trailer, long total) {
    static Plan of(int nlist, int dim, long paramBytes, BlockLayout layout, int[] counts) {
      long centroids = HEADER_BYTES;
      long params = align(centroids + (long) nlist * dim * Float.BYTES);
      long directory = align(params + paramBytes);
      long lists = align(directory + 16L * nlist);
      long[] offsets = new long[nlist];
      long at = 0;
      for (int l = 0; l < nlist; l++) {
        offsets[l] = at;
        at += layout.listBytes(counts[l]);
      }
      long trailer = lists + at;
      return new Plan(centroids, params, paramBytes, directory, lists, offsets, trailer, trailer + TRAILER_BYTES);
    }
  }

  static long align(long v) {
    return (v + 63) & ~63L;
  }

  static long sizeOf(IvfIndex index) {
    InvertedLists lists = index.lists();
    int[] counts = new int[lists.lists()];
    for (int l = 0; l < counts.length; l++) counts[l] = lists.list(l).size();
    return Plan.of(counts.length, index.dimension(), index.codec().params().byteSize(), lists.layout(), counts).total();
  }

  // ------------------------------------------------------------------ writing

  /** Where the bytes of an index go: a plain file, or a checked file inside a segment. */
  @FunctionalInterface
  interface Sink {
    void write(MemorySegment bytes) throws IOException;
  }

  /** Writes {@code index} to {@code file} through a temporary file and an atomic rename. */
  static void write(IvfIndex index, Path file) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
        StandardOpenOption.WRITE)) {
      writeTo(index, bytes -> {
        ByteBuffer b = bytes.asByteBuffer();
        while (b.hasRemaining()) ch.write(b);
      });
      ch.force(true);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** Streams the layout of {@code index} into {@code sink}; returns the number of bytes written. */
  static long writeTo(IvfIndex index, Sink sink) throws IOException {
    InvertedLists lists = index.lists();
    int nlist = lists.lists();
    int dim = index.dimension();
    InvertedLists.ListView[] views = new InvertedLists.ListView[nlist];
    int[] counts = new int[nlist];
    long count = 0;
    for (int l = 0; l < nlist; l++) {
      views[l] = lists.list(l);
      counts[l] = views[l].size();
      count += counts[l];
    }
    VectorCodec codec = index.codec();
    BlockLayout layout = lists.layout();
    Plan plan = Plan.of(nlist, dim, codec.params().byteSize(), layout, counts);

    MemorySegment header = MemorySegment.ofArray(new byte[HEADER_BYTES]);
    MemorySegment.copy(MAGIC, 0, header, ValueLayout.JAVA_BYTE, 0, MAGIC.length);
    header.set(INT, 8, VERSION);
    header.set(INT, 12, HEADER_BYTES);
    header.set(INT, 16, similarityCode(index.similarity()));
    header.set(INT, 20, dim);
    header.set(INT, 24, nlist);
    header.set(INT, 28, index.spec().encoding().ordinal());
    header.set(INT, 32, codec instanceof PqCodec pq ? pq.subquantizers() : 0);
    header.set(INT, 36, codec.residual() ? 1 : 0);
    header.set(INT, 40, BlockLayout.BLOCK);
    header.set(INT, 44, layout.codeBytes());
    header.set(LONG, 48, count);
    header.set(LONG, 56, Math.max(index.ordinalBound(), count));
    header.set(LONG, 64, plan.centroids());
    header.set(LONG, 72, plan.params());
    header.set(LONG, 80, plan.paramBytes());
    header.set(LONG, 88, plan.directory());
    header.set(LONG, 96, plan.lists());
    header.set(LONG, 104, plan.total());
    byte[] spec = index.spec().toString().getBytes(StandardCharsets.UTF_8);
    if (spec.length > HEADER_BYTES - SPEC_AT) throw new IllegalStateException("spec string too long for the header: " + index.spec());
    header.set(INT, SPEC_AT - 4, spec.length);
    MemorySegment.copy(spec, 0, header, ValueLayout.JAVA_BYTE, SPEC_AT, spec.length);

    MemorySegment directory = MemorySegment.ofArray(new byte[16 * nlist]);
    for (int l = 0; l < nlist; l++) {
      directory.set(LONG, 16L * l, plan.listOffsets()[l]);
      directory.set(INT, 16L * l + 8, counts[l]);
    }

    ChecksummedSink out = new ChecksummedSink(sink);
    out.write(header);
    FloatVectors centroids = index.quantizer().vectors();
    out.write(centroids.data().asSlice(centroids.offset(0), (long) nlist * dim * Float.BYTES));
    out.padTo(plan.params());
    out.write(codec.params());
    out.padTo(plan.directory());
    out.write(directory);
    out.padTo(plan.lists());
    for (int l = 0; l < nlist; l++) {
      out.padTo(plan.lists() + plan.listOffsets()[l]);
      out.write(views[l].memory().asSlice(views[l].offset(), layout.listBytes(counts[l])));
    }
    if (out.position() != plan.trailer()) throw new IllegalStateException("IVF writer out of step at " + out.position());
    MemorySegment trailer = MemorySegment.ofArray(new byte[TRAILER_BYTES]);
    trailer.set(LONG, 0, out.crc());
    MemorySegment.copy(END, 0, trailer, ValueLayout.JAVA_BYTE, 8, END.length);
    sink.write(trailer);
    return plan.total();
  }

  /** Sequential writes to a sink that keep the position and a running CRC32C. */
  private static final class ChecksummedSink {
    private static final long CHUNK = 1 << 26;
    private final Sink sink;
    private final CRC32C crc = new CRC32C();
    private long position;

    ChecksummedSink(Sink sink) {
      this.sink = sink;
    }

    long position() { return position; }

    long crc() { return crc.getValue(); }

    void write(MemorySegment seg) throws IOException {
      for (long off = 0; off < seg.byteSize(); off += CHUNK) {
        MemorySegment part = seg.asSlice(off, Math.min(CHUNK, seg.byteSize() - off));
        crc.update(part.asByteBuffer());
        sink.write(part);
        position += part.byteSize();
      }
    }

    void padTo(long target) throws IOException {
      if (target < position) throw new IllegalStateException("IVF writer overlap: at " + position + ", next section at " + target);
      if (target > position) write(MemorySegment.ofArray(new byte[(int) (target - position)]));
    }
  }

  // ------------------------------------------------------------------ reading

  static IvfIndex open(Path file, ExactScorer exact, boolean verify) throws IOException {
    Arena arena = Arena.ofShared();
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      MemorySegment seg = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size(), arena);
      return open(seg, exact, verify, file.toString(), arena);
    } catch (IOException | RuntimeException | Error e) {
      arena.close();
      throw e;
    }
  }

  /** Opens an index laid out in {@code seg} (a whole file's bytes); {@code arena}, if any, is closed with the index. */
  static IvfIndex open(MemorySegment seg, ExactScorer exact, boolean verify, String source, Arena arena) {
    Reader r = new Reader(seg, source);
    long size = seg.byteSize();
    if (size < HEADER_BYTES + TRAILER_BYTES) r.fail(0, "file", "at least " + (HEADER_BYTES + TRAILER_BYTES) + " bytes", size + " bytes");
    for (int i = 0; i < MAGIC.length; i++) {
      if (seg.get(ValueLayout.JAVA_BYTE, i) != MAGIC[i]) r.fail(0, "magic", "SXTIVF01", "other bytes (not an IVF index file)");
    }
    int version = r.intAt(8, "version");
    if (version != VERSION) r.fail(8, "version", String.valueOf(VERSION), String.valueOf(version));
    r.expectInt(12, "header size", HEADER_BYTES);
    long fileBytes = r.longAt(104, "file size");
    if (fileBytes != size) r.fail(104, "file size", fileBytes + " bytes (per header)", size + " bytes: truncated or extended");
    for (int i = 0; i < END.length; i++) {
      if (seg.get(ValueLayout.JAVA_BYTE, size - END.length + i) != END[i]) r.fail(size - END.length, "end marker", "SXTIVFEN", "other bytes");
    }
    if (verify) {
      long stored = seg.get(LONG, size - TRAILER_BYTES);
      long actual = crc(seg, size - TRAILER_BYTES);
      if (stored != actual) {
        r.fail(size - TRAILER_BYTES, "CRC32C", Long.toHexString(stored) + " (stored)", Long.toHexString(actual) + " (computed)");
      }
    }
    Similarity sim = similarityOf(r.intAt(16, "similarity"), r);
    int dim = r.positive(20, "dimension");
    int nlist = r.positive(24, "nlist");
    int enc = r.intAt(28, "encoding");
    if (enc < 0 || enc >= IvfSpec.Encoding.values().length) r.fail(28, "encoding", "0 (flat), 1 (sq8) or 2 (pq)", String.valueOf(enc));
    IvfSpec.Encoding encoding = IvfSpec.Encoding.values()[enc];
    int pqM = r.intAt(32, "PQ sub-quantizers");
    boolean residual = (r.intAt(36, "flags") & 1) != 0;
    r.expectInt(40, "block size", BlockLayout.BLOCK);
    int codeBytes = r.intAt(44, "code bytes");
    long count = r.longAt(48, "vector count");
    long ordinalBound = r.longAt(56, "ordinal bound");
    if (count < 0 || ordinalBound < count) r.fail(48, "vector count", "0 <= count <= ordinal bound " + ordinalBound, String.valueOf(count));
    int specLength = r.intAt(SPEC_AT - 4, "spec length");
    if (specLength < 0 || specLength > HEADER_BYTES - SPEC_AT) r.fail(SPEC_AT - 4, "spec length", "0.." + (HEADER_BYTES - SPEC_AT), String.valueOf(specLength));
    byte[] specBytes = new byte[specLength];
    MemorySegment.copy(seg, ValueLayout.JAVA_BYTE, SPEC_AT, specBytes, 0, specLength);
    IvfSpec spec;
    try {
      spec = IvfSpec.parse(new String(specBytes, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(source + ": header spec string at offset " + SPEC_AT + " is invalid: " + e.getMessage(), e);
    }
    if (spec.encoding() != encoding) r.fail(28, "encoding", spec.encoding() + " (per spec string)", encoding.toString());

    boolean l2 = sim == Similarity.EUCLIDEAN;
    IvfKernels ik = IvfKernels.get();
    long paramsOffset = r.longAt(72, "params offset");
    long paramBytes = r.longAt(80, "params size");
    if (paramBytes < 0 || paramBytes > size) r.fail(80, "params size", "0.." + size, String.valueOf(paramBytes));
    long expectedParams = switch (encoding) {
      case FLAT -> 0;
      case SQ8 -> paramBytes; // self-describing; checked by Sq8Codec.open
      case PQ -> {
        if (pqM < 1 || pqM > dim) r.fail(32, "PQ sub-quantizers", "1.." + dim, String.valueOf(pqM));
        yield PqCodec.paramBytes(pqM, dim);
      }
    };
    if (paramBytes != expectedParams) r.fail(80, "params size", String.valueOf(expectedParams), String.valueOf(paramBytes));

    int[] counts = new int[nlist];
    long directoryOffset = r.longAt(88, "directory offset");
    long listsOffset = r.longAt(96, "lists offset");
    // The section offsets must be exactly where the writer puts them; this also bounds them.
    Plan shape = Plan.of(nlist, dim, paramBytes, new BlockLayout(Math.max(1, codeBytes), l2 && encoding != IvfSpec.Encoding.FLAT,
        encoding == IvfSpec.Encoding.PQ), counts);
    r.expectLong(64, "centroids offset", shape.centroids());
    if (paramsOffset != shape.params()) r.fail(72, "params offset", String.valueOf(shape.params()), String.valueOf(paramsOffset));
    if (directoryOffset != shape.directory()) r.fail(88, "directory offset", String.valueOf(shape.directory()), String.valueOf(directoryOffset));
    if (listsOffset != shape.lists()) r.fail(96, "lists offset", String.valueOf(shape.lists()), String.valueOf(listsOffset));
    if (listsOffset > size - TRAILER_BYTES) r.fail(96, "lists offset", "<= " + (size - TRAILER_BYTES), String.valueOf(listsOffset));

    FloatVectors centroidVectors = new FloatVectors(seg, shape.centroids(), nlist, dim);
    CoarseQuantizer quantizer = new CoarseQuantizer(centroidVectors, !l2, Kernels.get());
    VectorCodec codec;
    try {
      codec = switch (encoding) {
        case FLAT -> new FlatCodec(dim, sim, Kernels.get());
        case SQ8 -> Sq8Codec.open(seg, paramsOffset, paramBytes, dim, l2, residual, ik);
        case PQ -> PqCodec.open(seg, paramsOffset, dim, pqM, l2, residual, ik, Kernels.get());
      };
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(source + ": codec parameters at offset " + paramsOffset + ": " + e.getMessage(), e);
    }
    BlockLayout layout = codec.layout();
    if (layout.codeBytes() != codeBytes) r.fail(44, "code bytes", String.valueOf(layout.codeBytes()), String.valueOf(codeBytes));
    for (int c = 0; c < nlist; c++) {
      for (int d = 0; d < dim; d++) {
        float v = seg.get(BlockLayout.FLOAT_LE, centroidVectors.offset(c) + 4L * d);
        if (!Float.isFinite(v)) r.fail(centroidVectors.offset(c) + 4L * d, "centroid " + c + " component " + d, "a finite float", String.valueOf(v));
      }
    }
    MappedLists lists = MappedLists.open(seg, directoryOffset, listsOffset, size - TRAILER_BYTES, nlist, layout, count, source);
    return new IvfIndex(spec, sim, quantizer, codec, lists, exact, ordinalBound, arena, source);
  }

  static long crc(MemorySegment seg, long length) {
    CRC32C crc = new CRC32C();
    long chunk = 1 << 26;
    for (long off = 0; off < length; off += chunk) crc.update(seg.asSlice(off, Math.min(chunk, length - off)).asByteBuffer());
    return crc.getValue();
  }

  static int similarityCode(Similarity s) {
    return switch (s) {
      case EUCLIDEAN -> 0;
      case DOT_PRODUCT -> 1;
      case COSINE -> 2;
      case MAXIMUM_INNER_PRODUCT -> 3;
    };
  }

  private static Similarity similarityOf(int code, Reader r) {
    return switch (code) {
      case 0 -> Similarity.EUCLIDEAN;
      case 1 -> Similarity.DOT_PRODUCT;
      case 2 -> Similarity.COSINE;
      case 3 -> Similarity.MAXIMUM_INNER_PRODUCT;
      default -> throw r.error(16, "similarity", "0..3", String.valueOf(code));
    };
  }

  /** Header field access with errors that name the file, offset and field. */
  static final class Reader {
    private final MemorySegment seg;
    private final String source;

    Reader(MemorySegment seg, String source) {
      this.seg = seg;
      this.source = source;
    }

    int intAt(long off, String field) {
      return seg.get(INT, off);
    }

    long longAt(long off, String field) {
      return seg.get(LONG, off);
    }

    int positive(long off, String field) {
      int v = intAt(off, field);
      if (v <= 0) fail(off, field, "a positive integer", String.valueOf(v));
      return v;
    }

    void expectInt(long off, String field, int expected) {
      int v = intAt(off, field);
      if (v != expected) fail(off, field, String.valueOf(expected), String.valueOf(v));
    }

    void expectLong(long off, String field, long expected) {
      long v = longAt(off, field);
      if (v != expected) fail(off, field, String.valueOf(expected), String.valueOf(v));
    }

    IllegalArgumentException error(long off, String field, String expected, String found) {
      return new IllegalArgumentException(source + ": bad IVF index file: " + field + " at offset " + off + ": expected "
          + expected + ", found " + found);
    }

    void fail(long off, String field, String expected, String found) {
      throw error(off, field, expected, found);
    }
  }
}
