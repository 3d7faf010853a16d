package io.sextant.hnsw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sextant.core.collection.Collection;
import io.sextant.core.collection.CollectionOptions;
import io.sextant.core.collection.Hit;
import io.sextant.core.collection.SearchRequest;
import io.sextant.core.index.IndexParams;
import io.sextant.core.store.ChecksummedOutput;
import io.sextant.core.store.CorruptIndexException;
import io.sextant.core.store.MappedFile;
import io.sextant.core.vector.FloatVectors;
import io.sextant.core.vector.Similarity;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code quantization=int8|binary} through the index SPI: the .hnswq file, recall, corruption, parameters. */
class QuantizedHnswCollectionTest {
  static final int DIM = 24;
  @TempDir Path dir;

  CollectionOptions options(String quantization) {
    return CollectionOptions.builder().dimension(DIM).similarity(Similarity.EUCLIDEAN)
        .index("hnsw", Map.of("M", 12, "efConstruction", 80, "quantization", quantization))
        .maxBufferedDocs(1000).backgroundMerges(false).build();
  }

  static long count(Path folder, String suffix) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(p -> p.toString().endsWith(suffix)).count();
    }
  }

  @Test
  void int8AndBinarySegmentsReachRecallAndSurviveReopenAndMerge() throws IOException {
    float[][] base = TestVectors.clustered(2500, DIM, 250, 1.0, 61);
    float[][] queries = TestVectors.clustered(60, DIM, 250, 1.0, 62);
    for (String q : new String[] {"int8", "binary"}) {
      Path sub = dir.resolve(q);
      Map<String, float[]> live = new HashMap<>();
      try (Collection c = Collection.open(sub, options(q))) {
        for (int i = 0; i < base.length; i++) {
          c.upsert("v" + i, base[i]);
          live.put("v" + i, base[i]);
        }
        c.commit();
      }
      // Every segment with a graph has its codes beside it.
      assertThat(count(sub, ".hnswq")).as(q + " code files").isGreaterThanOrEqualTo(2).isEqualTo(count(sub, ".hnsw"));
      try (Collection c = Collection.open(sub, options(q))) {
        // 24-d binary codes have only 25 distinct distances, too coarse to steer a beam well: this test
        // checks the path (files, rerank parameter, merge); QuantizedSearchTest bounds binary recall on real data.
        int ef = q.equals("int8") ? 64 : 300;
        Integer rerank = q.equals("int8") ? null : 300;
        double floor = q.equals("int8") ? 0.95 : 0.8;
        assertThat(recall(c, live, queries, ef, rerank)).as(q).isGreaterThanOrEqualTo(floor);
        c.forceMerge(1);
        assertThat(recall(c, live, queries, ef, rerank)).as(q + " after merge").isGreaterThanOrEqualTo(floor);
      }
      assertThat(count(sub, ".hnswq")).as(q + " code files after merge").isEqualTo(1);
    }
  }

  static double recall(Collection c, Map<String, float[]> live, float[][] queries, int ef, Integer rerank)
      throws IOException {
    String[] ids = live.keySet().toArray(String[]::new);
    float[][] rows = new float[ids.length][];
    for (int i = 0; i < ids.length; i++) rows[i] = live.get(ids[i]);
    double sum = 0;
    for (float[] q : queries) {
      SearchRequest r = SearchRequest.of(q).k(10).param("efSearch", ef);
      if (rerank != null) r = r.param("rerank", rerank);
      java.util.List<Hit> hits = c.search(r);
      int found = 0;
      for (int t : TestVectors.bruteForce(rows, q, 10, Similarity.EUCLIDEAN, null)) {
        for (Hit h : hits) if (h.id().equals(ids[t])) { found++; break; }
      }
      sum += found / 10.0;
    }
    return sum / queries.length;
  }

  @Test
  void aCorruptCodeFileIsReportedNotSearched() throws IOException {
    float[][] base = TestVectors.clustered(600, DIM, 60, 1.0, 63);
    try (Collection c = Collection.open(dir, options("int8"))) {
      for (int i = 0; i < base.length; i++) c.upsert("v" + i, base[i]);
      c.flush();
      c.commit();
    }
    Path codes;
    try (Stream<Path> files = Files.list(dir)) {
      codes = files.filter(p -> p.toString().endsWith(".hnswq")).findFirst().orElseThrow();
    }
    long codesOffset;
    try (FileChannel ch = FileChannel.open(codes, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
      ch.read(b, 40);
      codesOffset = b.flip().getLong();
      ch.write(ByteBuffer.wrap(new byte[] {0x55}), codesOffset + 5L * DIM + 3); // one byte of node 5's code
    }
    assertThat(codesOffset % 64).isZero();
    assertThatThrownBy(() -> {
      try (Collection c = Collection.open(dir, options("int8"))) {
        c.check();
        c.search(SearchRequest.of(base[0]).k(5));
      }
    }).isInstanceOf(CorruptIndexException.class).hasMessageContaining(codes.getFileName().toString());
  }

  /** Fields that disagree with the segment are named even when the CRC is not verified on open (large files). */
  @Test
  void headerFieldsAreCheckedAgainstTheSegment() throws IOException {
    float[][] rows = TestVectors.clustered(200, DIM, 10, 64);
    FloatVectors v = TestVectors.vectors(rows);
    Path file = dir.resolve("seg-1.hnswq");
    try (ChecksummedOutput out = ChecksummedOutput.create(file, QuantizedVectorsFile.KIND, QuantizedVectorsFile.VERSION)) {
      QuantizedVectorsFile.write(QuantizedVectors.encode(v, Quantization.INT8), out);
    }
    try (Arena arena = Arena.ofConfined()) {
      MappedFile f = MappedFile.open(file, arena, QuantizedVectorsFile.KIND, QuantizedVectorsFile.VERSION, true);
      QuantizedVectors read = QuantizedVectorsFile.open(f, Quantization.INT8, 200, DIM);
      QuantizedVectors fresh = QuantizedVectors.encode(v, Quantization.INT8);
      assertThat(read.codes().asByteBuffer()).isEqualTo(fresh.codes().asByteBuffer());
      assertThat(Files.size(file)).isEqualTo(QuantizedVectorsFile.fileBytes(fresh));
      assertThatThrownBy(() -> QuantizedVectorsFile.open(f, Quantization.INT8, 201, DIM))
          .isInstanceOf(CorruptIndexException.class).hasMessageContaining("seg-1.hnswq")
          .hasMessageContaining("vector count is 200, expected 201");
      assertThatThrownBy(() -> QuantizedVectorsFile.open(f, Quantization.INT8, 200, DIM + 1))
          .isInstanceOf(CorruptIndexException.class).hasMessageContaining("dimension is 24, expected 25");
      assertThatThrownBy(() -> QuantizedVectorsFile.open(f, Quantization.BINARY, 200, DIM))
          .isInstanceOf(CorruptIndexException.class)
          .hasMessageContaining("codes are int8 but the index parameters say quantization=binary");
    }
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.write(ByteBuffer.wrap(new byte[] {9}), 16); // encoding
    }
    try (Arena arena = Arena.ofConfined()) {
      MappedFile f = MappedFile.open(file, arena, QuantizedVectorsFile.KIND, QuantizedVectorsFile.VERSION, false);
      assertThatThrownBy(() -> QuantizedVectorsFile.open(f, Quantization.INT8, 200, DIM))
          .isInstanceOf(CorruptIndexException.class).hasMessageContaining("unknown code encoding 9");
      assertThatThrownBy(f::verifyChecksum).isInstanceOf(CorruptIndexException.class);
    }
  }

  @Test
  void parametersAreValidatedWithClearMessages() {
    HnswIndexType t = new HnswIndexType();
    assertThat(t.configure(IndexParams.parse("quantization=INT8"), DIM, Similarity.EUCLIDEAN).asMap())
        .containsEntry("quantization", "int8");
    assertThat(t.configure(IndexParams.parse("quantization=none"), DIM, Similarity.EUCLIDEAN).asMap())
        .doesNotContainKey("quantization");
    assertThatThrownBy(() -> t.configure(IndexParams.parse("quantization=pq"), DIM, Similarity.EUCLIDEAN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("index parameter 'quantization' must be one of none, int8, binary, got 'pq'");
    assertThatThrownBy(() -> t.validateSearchParams(IndexParams.parse("rerank=0")))
        .hasMessageContaining("'rerank' must be in [1, 1000000], got 0");
    assertThatThrownBy(() -> t.validateSearchParams(IndexParams.parse("rerank=x")))
        .hasMessageContaining("rerank");
    assertThatThrownBy(() -> t.validateSearchParams(IndexParams.parse("oversample=3")))
        .hasMessageContaining("unknown parameter 'oversample'").hasMessageContaining("efSearch, rerank");
    t.validateSearchParams(IndexParams.parse("efSearch=40,rerank=30"));
  }
}
