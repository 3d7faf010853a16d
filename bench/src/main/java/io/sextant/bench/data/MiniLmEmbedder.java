package io.sextant.bench.data;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * all-MiniLM-L6-v2 (384-d, unit length) run in process by ONNX Runtime through langchain4j, whose
 * jar carries the model: nothing is downloaded. langchain4j embeds the texts of one call in
 * parallel, one ONNX run per text, on the executor given here: one thread per processor measured
 * best (9 to 11 CPU-ms per WordNet gloss on this machine's EPYC cores).
 */
final class MiniLmEmbedder implements TextEmbedder, AutoCloseable {
  static final int DIMENSION = 384;

  private final ExecutorService executor;
  private final AllMiniLmL6V2EmbeddingModel model;

  MiniLmEmbedder(int threads) {
    this.executor = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "sextant-minilm");
      t.setDaemon(true);
      return t;
    });
    this.model = new AllMiniLmL6V2EmbeddingModel(executor);
  }

  @Override
  public int dimension() {
    return DIMENSION;
  }

  @Override
  public float[][] embed(List<String> texts) {
    List<Embedding> e = model.embedAll(texts.stream().map(TextSegment::from).toList()).content();
    float[][] out = new float[e.size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = e.get(i).vector();
      if (out[i].length != DIMENSION) {
        throw new IllegalStateException("all-MiniLM-L6-v2 returned " + out[i].length + " values, expected " + DIMENSION);
      }
    }
    return out;
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
