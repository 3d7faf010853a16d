package io.sextant.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sextant.bench.CliRunner;
import io.sextant.bench.TinyDataset;
import io.sextant.core.vector.Similarity;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad command lines exit non-zero with a message on stderr that names the problem, and print nothing on stdout. */
class BadArgumentsTest {
  @TempDir static Path dir;
  static String data;

  @BeforeAll
  static void createDataset() throws Exception {
    data = TinyDataset.create(dir, "tiny", 200, 5, 8, Similarity.EUCLIDEAN).toString();
  }

  private static void fails(String expected, String... args) {
    CliRunner r = CliRunner.run(args);
    assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).contains(expected);
  }

  @Test
  void unknownEngine() {
    fails("unknown engine 'faiss' (available: sextant, lucene, jvector)", "run", "--engine", "faiss", "--dataset", data);
  }

  @Test
  void unknownIndex() {
    fails("unknown index 'hnsw' for engine sextant (available: flat)", "run", "--index", "hnsw", "--dataset", data);
    fails("unknown index 'ivf' for engine lucene (available: hnsw)", "run", "--engine", "lucene", "--index", "ivf",
        "--dataset", data);
  }

  @Test
  void unknownDataset() {
    fails("unknown dataset 'no-such-set'", "run", "--dataset", "no-such-set");
    fails("unknown dataset 'no-such-set'", "datasets", "fetch", "no-such-set");
  }

  @Test
  void unknownOrMalformedParam() {
    fails("unknown parameter 'nprobe' for lucene index hnsw", "run", "--engine", "lucene", "--index", "hnsw",
        "--dataset", data, "--param", "nprobe=4");
    fails("malformed --param 'efSearch'", "run", "--engine", "lucene", "--index", "hnsw", "--dataset", data,
        "--param", "efSearch");
    fails("efSearch: 'lots' is not an integer", "run", "--engine", "jvector", "--index", "hnsw", "--dataset", data,
        "--param", "efSearch=10,lots");
  }

  @Test
  void badNumbersAndUnknownOptions() {
    fails("--k must be positive, got 0", "run", "--k", "0", "--dataset", data);
    fails("--threads must be positive", "run", "--threads", "-1", "--dataset", data);
    fails("Invalid value for option '--k'", "run", "--k", "ten", "--dataset", data);
    fails("Possible solutions: --engine", "run", "--engin", "lucene");
    fails("Unmatched argument", "frobnicate");
  }

  @Test
  void jvectorRefusesMaximumInnerProductDatasets() throws Exception {
    String mip = TinyDataset.create(dir, "mip", 200, 5, 8, Similarity.MAXIMUM_INNER_PRODUCT).toString();
    fails("jvector does not support MAXIMUM_INNER_PRODUCT", "run", "--engine", "jvector", "--index", "hnsw",
        "--dataset", mip, "--warmup", "0");
  }
}
