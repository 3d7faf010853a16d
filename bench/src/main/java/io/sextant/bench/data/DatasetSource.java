package io.sextant.bench.data;

import java.io.IOException;
import java.nio.file.Path;

/** How one named dataset is made: fetched, parsed, embedded or generated into a dataset folder. */
interface DatasetSource {
  /** One line for {@code datasets list}. */
  String description();

  /**
   * Writes the dataset folder ({@code base.fvecs}, {@code query.fvecs}, then
   * {@code dataset.properties} last). {@code cache} is the cache root, for sources that share
   * intermediate files between datasets.
   */
  void build(Path folder, Path cache) throws IOException;
}
