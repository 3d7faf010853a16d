package io.sextant.hnsw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sextant.core.search.TopK;
import io.sextant.core.vector.FloatVectors;
import io.sextant.core.vector.Similarity;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HnswGraphIoTest {
  static final int N = 3000, DIM = 32;
  static float[][] base;
  static float[][] queries;
  static FloatVectors vectors;
  static OnHeapHnswGraph graph;

  @TempDir Path dir;

  @BeforeAll
  static void build() {
    base = TestVectors.clustered(N, DIM, 300, 1.0, 21);
    queries = TestVectors.clustered(100, DIM, 300, 1.0, 22);
    vectors = TestVectors.vectors(base);
    graph = new HnswGraphBuilder(vectors, Similarity.EUCLIDEAN, HnswParams.builder().m(8).efConstruction(60).build()).build(2);
  }

  static byte[] bytes(HnswGraph g) throws IOException {
    HnswGraphWriter w = new HnswGraphWriter(g);
    byte[] out = new byte[Math.toIntExact(w.byteSize())];
    w.write(MemorySegment.ofArray(out));
    return out;
  }

  @Test
  void mappedGraphHasTheSameStructureAndGivesTheSameResults() throws IOException {
    Path file = dir.resolve("graph.hnsw");
    new HnswGraphWriter(graph).write(file);
    assertThat(Files.size(file)).isEqualTo(new HnswGraphWriter(graph).byteSize());
    try (MappedHnswGraph mapped = MappedHnswGraph.map(file)) {
      mapped.verifyChecksum();
      GraphInvariants.assertSameStructure(graph, mapped);
      HnswIndex heap = HnswIndex.of(vectors, Similarity.EUCLIDEAN, graph);
      HnswIndex disk = HnswIndex.of(vectors, Similarity.EUCLIDEAN, mapped);
      BitSet accepted = new BitSet();
      SplittableRandom r = new SplittableRandom(4);
      for (int i = 0; i < N; i++) if (r.nextInt(5) == 0) accepted.set(i);
      for (float[] q : queries) {
        for (int ef : new int[] {10, 50}) {
          TopK.ScoredOrds a = heap.search(q, 10, ef);
          TopK.ScoredOrds b = disk.search(q, 10, ef);
          assertThat(b.ords()).containsExactly(a.ords());
          assertThat(b.scores()).containsExactly(a.scores());
          assertThat(disk.search(q, 10, ef, accepted::get).ords()).containsExactly(heap.search(q, 10, ef, accepted::get).ords());
        }
      }
    }
  }

  @Test
  void channelFileAndMemoryWritesAreByteIdenticalAndLittleEndian() throws IOException {
    Path file = dir.resolve("g");
    new HnswGraphWriter(graph).write(file);
    byte[] mem = bytes(graph);
    assertThat(Files.readAllBytes(file)).isEqualTo(mem);
    ByteBuffer le = ByteBuffer.wrap(mem).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(le.getInt(12)).isEqualTo(N);
    assertThat(le.getInt(28)).isEqualTo(graph.entryPoint());
    // Record of node 5 on level 0 sits right after the 64-byte header.
    int[] links = new int[graph.maxConn(0)];
    int c = graph.neighbors(0, 5, links);
    int rec = 64 + 5 * (1 + graph.maxConn(0)) * 4;
    assertThat(le.getInt(rec)).isEqualTo(c);
    assertThat(le.getInt(rec + 4)).isEqualTo(links[0]);
  }

  @Test
  void aMappedGraphCanBeRewrittenIdentically() throws IOException {
    byte[] first = bytes(graph);
    assertThat(bytes(MappedHnswGraph.open(MemorySegment.ofArray(first)))).isEqualTo(first);
  }

  @Test
  void emptyGraphRoundTrips() throws IOException {
    FloatVectors none = new FloatVectors(MemorySegment.ofArray(new float[0]), 0, 0, DIM);
    OnHeapHnswGraph empty = new HnswGraphBuilder(none, Similarity.EUCLIDEAN, HnswParams.defaults()).build(1);
    MappedHnswGraph g = MappedHnswGraph.open(MemorySegment.ofArray(bytes(empty)));
    assertThat(g.size()).isZero();
    assertThat(g.entryPoint()).isEqualTo(-1);
    assertThat(HnswIndex.of(none, Similarity.EUCLIDEAN, g).search(queries[0], 3, 3).size()).isZero();
  }

  @Test
  void truncationIsReportedWithExpectedAndFoundLengths() throws IOException {
    byte[] b = bytes(graph);
    byte[] cut = java.util.Arrays.copyOf(b, b.length - 100);
    assertThatThrownBy(() -> MappedHnswGraph.open(MemorySegment.ofArray(cut)))
        .isInstanceOf(CorruptGraphException.class)
        .hasMessageContaining("claims " + b.length + " bytes but only " + cut.length + " are present");
    assertThatThrownBy(() -> MappedHnswGraph.open(MemorySegment.ofArray(new byte[10])))
        .isInstanceOf(CorruptGraphException.class).hasMessageContaining("shorter than header");
  }

  @Test
  void badMagicAndVersionAreReported() throws IOException {
    byte[] b = bytes(graph);
    b[0] ^= 0x55;
    assertThatThrownBy(() -> MappedHnswGraph.open(MemorySegment.ofArray(b)))
        .isInstanceOf(CorruptGraphException.class).hasMessageContaining("offset 0: bad magic");
    byte[] v = bytes(graph);
    v[8] = 9;
    assertThatThrownBy(() -> MappedHnswGraph.open(MemorySegment.ofArray(v)))
        .hasMessageContaining("offset 8: unsupported format version 9, expected 1");
  }

  @Test
  void corruptLinksFailTheSearchWithTheirOffsetInsteadOfReadingForeignVectors() throws IOException {
    byte[] b = bytes(graph);
    int entry = graph.entryPoint();
    int rec = 64 + entry * (1 + graph.maxConn(0)) * 4;
    ByteBuffer le = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    // Entry point's first level-0 link points past the last node.
    le.putInt(rec + 4, N + 7);
    MappedHnswGraph g = MappedHnswGraph.open(MemorySegment.ofArray(b));
    assertThatThrownBy(g::verifyChecksum).isInstanceOf(CorruptGraphException.class).hasMessageContaining("checksum mismatch");
    assertThatThrownBy(() -> g.neighbors(0, entry, new int[g.maxConn(0)]))
        .isInstanceOf(CorruptGraphException.class)
        .hasMessageContaining("offset " + (rec + 4))
        .hasMessageContaining("link 0 of node " + entry + " on level 0 is " + (N + 7));
    // A count larger than the record holds.
    le.putInt(rec, 1000);
    assertThatThrownBy(() -> g.neighbors(0, entry, new int[g.maxConn(0)]))
        .hasMessageContaining("has 1000 links on level 0, expected 0.." + graph.maxConn(0));
  }

  @Test
  void headerOffsetsOutsideTheGraphAreRejectedOnOpen() throws IOException {
    byte[] b = bytes(graph);
    ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putLong(48, b.length * 4L);
    assertThatThrownBy(() -> MappedHnswGraph.open(MemorySegment.ofArray(b)))
        .isInstanceOf(CorruptGraphException.class).hasMessageContaining("offset 48: level directory");
  }
}
