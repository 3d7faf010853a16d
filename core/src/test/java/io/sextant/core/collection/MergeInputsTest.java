package io.sextant.core.collection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sextant.core.index.IndexFiles;
import io.sextant.core.index.IndexParams;
import io.sextant.core.index.IndexSpec;
import io.sextant.core.index.MergeInput;
import io.sextant.core.store.ChecksummedOutput;
import io.sextant.core.store.MappedFile;
import io.sextant.core.vector.FloatVectors;
import io.sextant.core.vector.Similarity;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a merge hands {@code IndexType.writeMerged}: each source's ordinal map, deleted documents dropped. */
class MergeInputsTest {
  @TempDir Path dir;

  @Test
  void aMergeHandsEachSourceWithItsOrdinalMap() throws IOException {
    CollectionOptions options = CollectionOptions.builder().dimension(3).similarity(Similarity.EUCLIDEAN)
        .index("test-merge-recording").maxBufferedDocs(100_000).backgroundMerges(false).build();
    MergeRecordingIndexType.MERGES.clear();
    try (Collection c = Collection.open(dir, options)) {
      for (int i = 0; i < 30; i++) c.upsert("a" + i, new float[] {i, 1, 2});
      c.flush();
      for (int i = 0; i < 12; i++) c.upsert("b" + i, new float[] {i, -1, 5});
      c.flush();
      for (int i = 0; i < 30; i += 3) c.delete("a" + i);
      c.delete("b0");
      c.forceMerge(1);
      assertThat(c.size()).isEqualTo(30 - 10 + 12 - 1);
    }
    // The recording type checked every mapped vector against the merged one and full coverage.
    assertThat(MergeRecordingIndexType.MERGES).hasSize(1);
    assertThat(MergeRecordingIndexType.MERGES.get(0))
        .containsExactlyInAnyOrder("test-merge-recording:30:20", "test-merge-recording:12:11");
  }

  static final IndexSpec SPEC = new IndexSpec(2, Similarity.EUCLIDEAN, IndexParams.EMPTY);
  static final IndexFiles NO_FILES = new IndexFiles() {
    @Override public ChecksummedOutput create(String extension, String kind, int version) {
      throw new UnsupportedOperationException();
    }

    @Override public MappedFile open(String extension, String kind, int version) {
      throw new UnsupportedOperationException();
    }
  };

  static MergeInput input(int... newOrd) {
    return new MergeInput("flat", SPEC, FloatVectors.copyOf(new float[newOrd.length][2], 2), NO_FILES, newOrd);
  }

  @Test
  void countsSurvivorsAndPicksTheSourceWithTheMost() {
    MergeInput a = input(0, -1, 1, -1, -1);
    MergeInput b = input(2, 3, 4);
    MergeInput c = input(-1, 5, 6);
    assertThat(a.docCount()).isEqualTo(5);
    assertThat(a.liveCount()).isEqualTo(2);
    assertThat(MergeInput.largest(List.of(a, b, c))).isEqualTo(1);
    assertThat(MergeInput.largest(List.of(c, a))).isZero(); // ties go to the first
    assertThat(MergeInput.largest(List.of())).isEqualTo(-1);
    assertThatThrownBy(() -> new MergeInput("flat", SPEC, FloatVectors.copyOf(new float[3][2], 2), NO_FILES, new int[2]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 entries for a source of 3 vectors");
  }
}
