package io.sextant.bench;

import io.sextant.core.data.Dataset;
import io.sextant.core.data.SyntheticDataset;
import io.sextant.core.data.VectorBlock;
import io.sextant.core.vector.Similarity;
import java.io.IOException;
import java.nio.file.Path;

/** A small seeded dataset folder for end-to-end runs. */
public final class TinyDataset {
  private TinyDataset() {}

  public static Path create(Path parent, String name, int n, int queries, int dim, Similarity similarity)
      throws IOException {
    SyntheticDataset mixture = SyntheticDataset.builder(dim).clusters(20).seed(7)
        .normalize(similarity == Similarity.COSINE || similarity == Similarity.DOT_PRODUCT).build();
    Path folder = parent.resolve(name);
    try (VectorBlock base = mixture.generate(n, 1, 1); VectorBlock q = mixture.generate(queries, 2, 1)) {
      Dataset.create(folder, similarity, "test data", base.vectors(), q.vectors());
    }
    return folder;
  }
}
