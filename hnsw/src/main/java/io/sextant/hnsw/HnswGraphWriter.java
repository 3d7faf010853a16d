package io.sextant.hnsw;

import static io.sextant.hnsw.HnswGraphFormat.*;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * Writes any {@link HnswGraph} in the {@link HnswGraphFormat} layout, streaming through a small
 * buffer, so the graph is never copied whole. The result is read back in place by
 * {@link MappedHnswGraph}.
 */
public final class HnswGraphWriter {
  private static final int BUFFER_BYTES = 1 << 16;

  private final HnswGraph graph;
  private final int n;
  private final int m;
  private final int maxConn0;
  private final int top;
  private final int[] levelCounts;
  private final long level0Offset;
  private final long levelsOffset;
  private final long directoryOffset;
  private final long[] nodesOffset;
  private final long[] linksOffset;
  private final long length;

  public HnswGraphWriter(HnswGraph graph) {
    this.graph = graph;
    this.n = graph.size();
    this.top = graph.maxLevel();
    this.maxConn0 = graph.maxConn(0);
    this.m = top >= 1 ? graph.maxConn(1) : Math.max(1, maxConn0 / 2);
    if (top > MAX_LEVEL) throw new IllegalArgumentException("graph has " + top + " levels, the format allows " + MAX_LEVEL);
    this.levelCounts = new int[Math.max(0, top) + 1];
    for (int i = 0; i < n; i++) {
      int l = graph.levelOf(i);
      for (int j = 1; j <= l; j++) levelCounts[j]++;
    }
    long off = HEADER_BYTES;
    level0Offset = off;
    off += (long) n * (1 + maxConn0) * Integer.BYTES;
    levelsOffset = off;
    off = pad8(off + n);
    directoryOffset = off;
    off += (long) Math.max(0, top) * DIRECTORY_ENTRY_BYTES;
    nodesOffset = new long[levelCounts.length];
    linksOffset = new long[levelCounts.length];
    for (int l = 1; l <= top; l++) {
      nodesOffset[l] = off;
      off = pad8(off + (long) levelCounts[l] * Integer.BYTES);
      linksOffset[l] = off;
      off = pad8(off + (long) levelCounts[l] * (1 + m) * Integer.BYTES);
    }
    length = off + FOOTER_BYTES;
  }

  /** Bytes the graph will occupy. */
  public long byteSize() { return length; }

  /** Writes the graph to a new (or truncated) file. */
  public void write(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      write(ch);
    }
  }

  /** Writes the graph into {@code dst} at offset 0 (which must hold {@link #byteSize()} bytes). */
  public void write(MemorySegment dst) throws IOException {
    if (dst.byteSize() < length) {
      throw new IllegalArgumentException("graph needs " + length + " bytes, destination holds " + dst.byteSize());
    }
    long[] pos = {0};
    write(new WritableByteChannel() {
      @Override public int write(ByteBuffer src) {
        int r = src.remaining();
        MemorySegment.copy(MemorySegment.ofBuffer(src), 0, dst, pos[0], r);
        src.position(src.limit());
        pos[0] += r;
        return r;
      }
      @Override public boolean isOpen() { return true; }
      @Override public void close() {}
    });
  }

  /** Writes the graph to {@code out}, which is left open. */
  public void write(WritableByteChannel out) throws IOException {
    Sink sink = new Sink(out);
    sink.putLong(MAGIC);
    sink.putInt(VERSION);
    sink.putInt(n);
    sink.putInt(m);
    sink.putInt(maxConn0);
    sink.putInt(top);
    sink.putInt(graph.entryPoint());
    sink.putLong(level0Offset);
    sink.putLong(levelsOffset);
    sink.putLong(directoryOffset);
    sink.putLong(length);

    int[] links = new int[maxConn0];
    for (int node = 0; node < n; node++) writeRecord(sink, graph.neighbors(0, node, links), links, maxConn0);
    for (int node = 0; node < n; node++) sink.putByte((byte) graph.levelOf(node));
    sink.padTo(directoryOffset);
    for (int l = 1; l <= top; l++) {
      sink.putInt(levelCounts[l]);
      sink.putInt(0);
      sink.putLong(nodesOffset[l]);
      sink.putLong(linksOffset[l]);
    }
    for (int l = 1; l <= top; l++) {
      sink.padTo(nodesOffset[l]);
      for (int node = 0; node < n; node++) if (graph.levelOf(node) >= l) sink.putInt(node);
      sink.padTo(linksOffset[l]);
      for (int node = 0; node < n; node++) {
        if (graph.levelOf(node) >= l) writeRecord(sink, graph.neighbors(l, node, links), links, m);
      }
    }
    sink.padTo(length - FOOTER_BYTES);
    sink.putFooter();
    sink.flush();
    if (sink.written != length) {
      throw new IllegalStateException("wrote " + sink.written + " bytes, layout says " + length);
    }
  }

  private static void writeRecord(Sink sink, int count, int[] links, int slots) throws IOException {
    sink.putInt(count);
    for (int i = 0; i < count; i++) sink.putInt(links[i]);
    for (int i = count; i < slots; i++) sink.putInt(0);
  }

  /** Buffered little-endian output that checksums what it writes. */
  private static final class Sink {
    private final WritableByteChannel out;
    private final ByteBuffer buf = ByteBuffer.allocate(BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    private final CRC32C crc = new CRC32C();
    long written;

    Sink(WritableByteChannel out) { this.out = out; }

    void putInt(int v) throws IOException { room(4); buf.putInt(v); written += 4; }

    void putLong(long v) throws IOException { room(8); buf.putLong(v); written += 8; }

    void putByte(byte v) throws IOException { room(1); buf.put(v); written += 1; }

    void padTo(long offset) throws IOException {
      while (written < offset) putByte((byte) 0);
    }

    void putFooter() throws IOException {
      drain();
      int sum = (int) crc.getValue();
      buf.putInt(sum);
      buf.putInt(FOOTER_MAGIC);
      written += 8;
    }

    private void room(int bytes) throws IOException {
      if (buf.remaining() < bytes) drain();
    }

    private void drain() throws IOException {
      buf.flip();
      crc.update(buf.duplicate());
      while (buf.hasRemaining()) out.write(buf);
      buf.clear();
    }

    void flush() throws IOException {
      buf.flip();
      while (buf.hasRemaining()) out.write(buf);
      buf.clear();
    }
  }
}
