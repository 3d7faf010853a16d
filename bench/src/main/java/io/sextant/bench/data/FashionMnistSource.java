package io.sextant.bench.data;

import io.sextant.core.data.Dataset;
import io.sextant.core.data.VectorBlock;
import io.sextant.core.vector.Similarity;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Fashion-MNIST (Zalando, MIT licence) from Debian's {@code dataset-fashion-mnist}: 28 × 28 grey
 * images as 784-d vectors of pixel values 0..255; base = the 60,000 training images, queries =
 * the 10,000 test images; Euclidean.
 */
final class FashionMnistSource implements DatasetSource {
  @Override
  public String description() {
    return "Fashion-MNIST 60,000 x 784 (28x28 pixels as floats), 10,000 queries, euclidean (Debian dataset-fashion-mnist)";
  }

  @Override
  public void build(Path folder, Path cache) throws IOException {
    Path work = folder.resolveSibling(folder.getFileName() + ".download");
    Path root = DebianPackage.fetch("dataset-fashion-mnist", work);
    Path files = root.resolve("usr/share/datasets/fashion-mnist");
    System.err.println("parsing Fashion-MNIST IDX files");
    try (VectorBlock base = IdxImages.read(files.resolve("train-images-idx3-ubyte.gz"));
         VectorBlock queries = IdxImages.read(files.resolve("t10k-images-idx3-ubyte.gz"))) {
      Dataset.create(folder, Similarity.EUCLIDEAN, description(), base.vectors(), queries.vectors());
    }
    WordNetCorpus.deleteTree(work);
  }
}
