package io.sextant.core.collection;

import io.sextant.core.index.FlatIndexType;
import io.sextant.core.index.IndexFiles;
import io.sextant.core.index.IndexParams;
import io.sextant.core.index.IndexSpec;
import io.sextant.core.index.IndexType;
import io.sextant.core.index.LiveIndex;
import io.sextant.core.index.LiveVectors;
import io.sextant.core.index.VectorSearcher;
import io.sextant.core.vector.FloatVectors;
import io.sextant.core.vector.Similarity;
import java.io.IOException;

/** Test index types that are the flat index with one behaviour changed: everything not overridden is flat's. */
abstract class FlatDelegatingIndexType implements IndexType {
  static final FlatIndexType FLAT = new FlatIndexType();

  @Override
  public IndexParams configure(IndexParams params, int dimension, Similarity similarity) {
    return FLAT.configure(params, dimension, similarity);
  }

  @Override public void validateSearchParams(IndexParams searchParams) { FLAT.validateSearchParams(searchParams); }

  @Override
  public void write(IndexSpec spec, FloatVectors vectors, IndexFiles files) throws IOException {
    FLAT.write(spec, vectors, files);
  }

  @Override
  public VectorSearcher open(IndexSpec spec, FloatVectors vectors, IndexFiles files) throws IOException {
    return FLAT.open(spec, vectors, files);
  }

  @Override public LiveIndex newLiveIndex(IndexSpec spec, LiveVectors vectors) { return FLAT.newLiveIndex(spec, vectors); }
}
