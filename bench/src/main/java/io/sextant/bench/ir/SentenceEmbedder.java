package io.sextant.bench.ir;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * Embeds sentences in process with all-MiniLM-L6-v2, the model the wordnet-minilm
 * documents were embedded with, one ONNX run per text on a thread per processor.
 */
final class SentenceEmbedder implements Function<List<String>, float[][]>, AutoCloseable {
  private final ExecutorService executor;
  private final AllMiniLmL6V2EmbeddingModel model;

  SentenceEmbedder(int threads) {
    executor = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
      Thread t = new Thread(r, "sextant-ir-embed");
      t.setDaemon(true);
      return t;
    });
    model = new AllMiniLmL6V2EmbeddingModel(executor);
  }

  @Override
  public float[][] apply(List<String> texts) {
    List<Embedding> e = model.embedAll(texts.stream().map(TextSegment::from).toList()).content();
    float[][] out = new float[e.size()][];
    for (int i = 0; i < out.length; i++) out[i] = e.get(i).vector();
    return out;
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
