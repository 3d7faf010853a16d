package io.sextant.core.collection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sextant.core.store.fault.DiskFaults;
import io.sextant.core.vector.Similarity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The disk fills up (simulated: writes fail past a byte budget) while buffers are flushed: the
 * failing operations report it, nothing acknowledged is lost, searches go on, no half-written
 * segment is left behind, and once space is back a flush succeeds and the collection is whole.
 */
class DiskFullTest {
  @TempDir Path dir;

  @AfterEach
  void reset() {
    DiskFaults.reset();
  }

  @Test
  void flushFailsCleanlyAndRecoversWhenSpaceIsBack() throws IOException {
    CollectionOptions options = CollectionOptions.builder().dimension(16).similarity(Similarity.EUCLIDEAN).index("flat")
        .maxBufferedDocs(50).backgroundMerges(false).build();
    Map<String, float[]> acknowledged = new HashMap<>();
    Random r = new Random(3);
    int failedWrites = 0;
    try (Collection c = Collection.open(dir, options)) {
      for (int i = 0; i < 30; i++) acknowledged.put(put(c, "a" + i, r), null);
      c.commit();
      DiskFaults.limitWrites(12_000); // enough for some log records, not for a segment
      for (int i = 0; i < 200; i++) {
        String id = "b" + i;
        float[] v = vector(r);
        try {
          c.upsert(id, v);
          acknowledged.put(id, v); // in memory and in the log buffer: durable with the next successful commit
          if (i % 40 == 39) c.commit();
        } catch (IOException e) {
          assertThat(e).hasMessageContaining("No space left");
          failedWrites++;
        }
      }
      assertThatThrownBy(c::flush).isInstanceOf(IOException.class).hasMessageContaining("No space left");
      // Searches still see every acknowledged write; no partial segment is on disk.
      assertThat(c.size()).isEqualTo(acknowledged.size());
      assertThat(c.search(SearchRequest.of(vector(r)).k(5))).hasSize(5);
      assertThat(segmentsWithoutInfo()).isEmpty();

      DiskFaults.reset();
      c.flush();
      c.commit();
      assertThat(c.size()).isEqualTo(acknowledged.size());
      c.check();
    }
    assertThat(failedWrites).as("commits failed while the disk was full").isPositive();
    try (Collection c = Collection.open(dir, options)) {
      c.check();
      assertThat(c.size()).isEqualTo(acknowledged.size());
      for (Map.Entry<String, float[]> e : acknowledged.entrySet()) {
        Document d = c.get(e.getKey()).orElseThrow(() -> new AssertionError(e.getKey() + " lost"));
        if (e.getValue() != null) assertThat(d.vector()).containsExactly(e.getValue());
      }
    }
  }

  @Test
  void openFailsClearlyWhenTheDiskIsFull() throws IOException {
    CollectionOptions options = CollectionOptions.builder().dimension(4).build();
    DiskFaults.limitWrites(10);
    assertThatThrownBy(() -> Collection.open(dir.resolve("new"), options)).isInstanceOf(IOException.class)
        .hasMessageContaining("No space left");
    DiskFaults.reset();
    try (Collection c = Collection.open(dir.resolve("new"), options)) {
      c.upsert("x", new float[] {1, 2, 3, 4});
    }
  }

  private List<String> segmentsWithoutInfo() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      List<String> names = s.map(p -> p.getFileName().toString()).toList();
      return names.stream().map(CollectionFolder::segmentOf).filter(n -> n != null)
          .filter(seg -> !names.contains(seg + ".si")).distinct().toList();
    }
  }

  private static float[] vector(Random r) {
    float[] v = new float[16];
    for (int i = 0; i < v.length; i++) v[i] = (float) r.nextGaussian();
    return v;
  }

  private static String put(Collection c, String id, Random r) throws IOException {
    c.upsert(id, vector(r));
    return id;
  }
}
