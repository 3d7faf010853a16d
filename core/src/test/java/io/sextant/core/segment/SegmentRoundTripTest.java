package io.sextant.core.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sextant.core.document.Attributes;
import io.sextant.core.document.DocumentIds;
import io.sextant.core.document.StoredFields;
import io.sextant.core.index.FlatIndexType;
import io.sextant.core.index.IndexParams;
import io.sextant.core.index.IndexSpec;
import io.sextant.core.search.TopK;
import io.sextant.core.store.CorruptIndexException;
import io.sextant.core.vector.Similarity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roaringbitmap.RoaringBitmap;

class SegmentRoundTripTest {
  @TempDir Path dir;
  private static final int DIM = 12;

  private ListSource source(int n, long seed) {
    Random r = new Random(seed);
    List<String> ids = new ArrayList<>();
    List<float[]> vecs = new ArrayList<>();
    List<StoredFields> fields = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids.add("doc-" + i + (i % 7 == 0 ? "-ünï" : ""));
      float[] v = new float[DIM];
      for (int d = 0; d < DIM; d++) v[d] = (float) r.nextGaussian();
      vecs.add(v);
      Map<String, Object> attrs = i % 3 == 0 ? Map.of() : Map.of("lang", i % 2 == 0 ? "fr" : "en", "year", 2000 + i,
          "score", i / 3.0, "ok", i % 5 == 0, "tags", List.of("a" + i, "b"));
      fields.add(new StoredFields(Attributes.of(attrs, "doc " + i), i % 4 == 0 ? null : "text of " + i + " ".repeat(i % 50)));
    }
    return new ListSource(ids, vecs, fields);
  }

  private IndexSpec spec(Similarity sim) {
    return new IndexSpec(DIM, sim, IndexParams.EMPTY);
  }

  @Test
  void roundTripsEveryField() throws IOException {
    ListSource src = source(1000, 1);
    SegmentInfo info = SegmentWriter.write(dir, "seg-1", src, new FlatIndexType(), spec(Similarity.EUCLIDEAN));
    assertThat(info.docCount()).isEqualTo(1000);
    SegmentReader r = SegmentReader.open(dir, "seg-1", Long.MAX_VALUE);
    try {
      assertThat(r.vectors().data().address() % 64).as("vector block 64-byte aligned").isZero();
      assertThat(r.vectors().offset(0) % 64).isZero();
      for (int i = 0; i < 1000; i++) {
        assertThat(r.vectors().get(i)).containsExactly(src.vectors().get(i));
        assertThat(r.id(i)).isEqualTo(src.ids().get(i));
        byte[] id = src.ids().get(i).getBytes(StandardCharsets.UTF_8);
        assertThat(r.find(id, DocumentIds.hash(id))).isEqualTo(i);
        assertThat(r.storedFields(i)).isEqualTo(src.fields().get(i));
      }
      byte[] missing = "nope".getBytes(StandardCharsets.UTF_8);
      assertThat(r.find(missing, DocumentIds.hash(missing))).isEqualTo(-1);
      r.checkIntegrity();
    } finally {
      r.decRef();
    }
  }

  @Test
  void flatSearchEqualsBruteForceWithAndWithoutAcceptFilter() throws IOException {
    ListSource src = source(700, 2);
    for (Similarity sim : Similarity.values()) {
      String name = "seg-" + sim.ordinal();
      SegmentWriter.write(dir, name, src, new FlatIndexType(), spec(sim));
      SegmentReader r = SegmentReader.open(dir, name, Long.MAX_VALUE);
      try {
        Random rnd = new Random(3);
        for (int q = 0; q < 20; q++) {
          float[] query = src.vectors().get(rnd.nextInt(700)).clone();
          query[0] += 0.1f;
          RoaringBitmap accept = q % 2 == 0 ? null : RoaringBitmap.bitmapOfRange(0, 700);
          if (accept != null) IntStream.range(0, 700).filter(i -> i % 3 == 0).forEach(accept::remove);
          TopK.ScoredOrds got = r.searcher().search(query, 10, IndexParams.EMPTY, accept);
          int[] expected = bruteForce(src, query, sim, accept, 10);
          assertThat(got.ords()).as("%s query %d", sim, q).containsExactly(expected);
          for (int i = 0; i < got.size(); i++) {
            double ref = refScore(sim, query, src.vectors().get(got.ords()[i]));
            assertThat((double) got.scores()[i]).isCloseTo(ref, org.assertj.core.data.Offset.offset(1e-4 * Math.max(1, Math.abs(ref))));
          }
        }
      } finally {
        r.decRef();
      }
    }
  }

  static double refScore(Similarity sim, float[] a, float[] b) {
    double dot = 0, aa = 0, bb = 0, l2 = 0;
    for (int i = 0; i < a.length; i++) {
      dot += (double) a[i] * b[i];
      aa += (double) a[i] * a[i];
      bb += (double) b[i] * b[i];
      l2 += ((double) a[i] - b[i]) * ((double) a[i] - b[i]);
    }
    return switch (sim) {
      case EUCLIDEAN -> 1 / (1 + l2);
      case DOT_PRODUCT -> Math.max(0, (1 + dot) / 2);
      case COSINE -> Math.max(0, (1 + dot / Math.sqrt(aa * bb)) / 2);
      case MAXIMUM_INNER_PRODUCT -> dot < 0 ? 1 / (1 - dot) : dot + 1;
    };
  }

  private static int[] bruteForce(ListSource src, float[] q, Similarity sim, RoaringBitmap accept, int k) {
    return IntStream.range(0, src.size()).filter(i -> accept == null || accept.contains(i)).boxed()
        .sorted(Comparator.<Integer>comparingDouble(i -> -refScore(sim, q, src.vectors().get(i))).thenComparing(i -> i))
        .limit(k).mapToInt(Integer::intValue).toArray();
  }

  @Test
  void emptySegment() throws IOException {
    ListSource src = source(0, 4);
    SegmentWriter.write(dir, "seg-0", src, new FlatIndexType(), spec(Similarity.COSINE));
    SegmentReader r = SegmentReader.open(dir, "seg-0", Long.MAX_VALUE);
    try {
      float[] q = new float[DIM];
      q[0] = 1;
      assertThat(r.searcher().search(q, 5, IndexParams.EMPTY, null).size()).isZero();
      r.checkIntegrity();
    } finally {
      r.decRef();
    }
  }

  @Test
  void everyCorruptedOrTruncatedFileIsNamed() throws IOException {
    ListSource src = source(300, 5);
    SegmentInfo info = SegmentWriter.write(dir, "seg-9", src, new FlatIndexType(), spec(Similarity.DOT_PRODUCT));
    Random rnd = new Random(6);
    List<String> names = new ArrayList<>(info.files().stream().map(f -> f.name()).toList());
    names.add("seg-9.si");
    for (String name : names) {
      Path p = dir.resolve(name);
      byte[] good = Files.readAllBytes(p);
      for (int trial = 0; trial < 40; trial++) {
        byte[] bad;
        if (trial % 4 == 0) {
          bad = Arrays.copyOf(good, rnd.nextInt(good.length));
        } else {
          bad = good.clone();
          bad[rnd.nextInt(bad.length)] ^= (byte) (1 << rnd.nextInt(8));
        }
        Files.write(p, bad);
        assertThatThrownBy(() -> {
          SegmentReader r = SegmentReader.open(dir, "seg-9", Long.MAX_VALUE);
          r.decRef();
        }).as("%s trial %d", name, trial).isInstanceOf(CorruptIndexException.class).hasMessageContaining(name);
        // With the CRC deferred, open may succeed, but the full check must not.
        assertThatThrownBy(() -> {
          SegmentReader r = SegmentReader.open(dir, "seg-9", 0);
          try {
            r.checkIntegrity();
          } finally {
            r.decRef();
          }
        }).as("%s trial %d (deferred)", name, trial).isInstanceOf(CorruptIndexException.class).hasMessageContaining(name);
      }
      Files.write(p, good);
    }
    Files.delete(dir.resolve("seg-9.doc"));
    assertThatThrownBy(() -> SegmentReader.open(dir, "seg-9", Long.MAX_VALUE))
        .isInstanceOf(CorruptIndexException.class).hasMessageContaining("seg-9.doc").hasMessageContaining("missing");
  }

  @Test
  void tombstonesRoundTripAndRejectDamage() throws IOException {
    RoaringBitmap del = RoaringBitmap.bitmapOf(1, 5, 99, 4000);
    Tombstones.write(dir, "seg-3", 7, 5000, del);
    assertThat(Tombstones.read(dir, "seg-3", 7, 5000)).isEqualTo(del);
    assertThatThrownBy(() -> Tombstones.read(dir, "seg-3", 7, 4000))
        .isInstanceOf(CorruptIndexException.class).hasMessageContaining("5000");
    Path p = dir.resolve(Tombstones.fileName("seg-3", 7));
    byte[] b = Files.readAllBytes(p);
    b[b.length / 2] ^= 4;
    Files.write(p, b);
    assertThatThrownBy(() -> Tombstones.read(dir, "seg-3", 7, 5000))
        .isInstanceOf(CorruptIndexException.class).hasMessageContaining("seg-3.del.7");
  }

  @Test
  void segmentWriteFailureLeavesNoFiles() throws IOException {
    ListSource src = source(2000, 7);
    io.sextant.core.store.fault.DiskFaults.limitWrites(50_000);
    try {
      assertThatThrownBy(() -> SegmentWriter.write(dir, "seg-5", src, new FlatIndexType(), spec(Similarity.COSINE)))
          .isInstanceOf(IOException.class).hasMessageContaining("No space left");
    } finally {
      io.sextant.core.store.fault.DiskFaults.reset();
    }
    try (var files = Files.list(dir)) {
      assertThat(files.toList()).isEmpty();
    }
  }
}
