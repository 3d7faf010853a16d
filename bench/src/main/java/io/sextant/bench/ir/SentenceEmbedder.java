package io.sextant.bench.ir;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * Embeds sentences in process, one ONNX run per text on a thread per processor, with one of the
 * two models whose jars carry the weights: all-MiniLM-L6-v2 (the model the wordnet-minilm
 * documents were embedded with, the default) or the int8 bge-small-en-v1.5. Both give 384-d unit
 * vectors. Documents go in as they are; queries get the model's documented retrieval instruction
 * ({@link #queryInstruction}) unless the caller asks for none.
 */
final class SentenceEmbedder implements Function<List<String>, float[][]>, AutoCloseable {
  /** The models {@code ir --model} accepts. */
  static final List<String> MODELS = List.of("minilm", "bge-small");

  private final ExecutorService executor;
  private final EmbeddingModel model;

  SentenceEmbedder(int threads) {
    this(threads, "minilm");
  }

  SentenceEmbedder(int threads, String modelName) {
    String name = modelName.toLowerCase(Locale.ROOT);
    if (!MODELS.contains(name)) {
      throw new IllegalArgumentException("unknown embedding model '" + modelName + "', expected one of " + MODELS);
    }
    executor = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
      Thread t = new Thread(r, "sextant-ir-embed");
      t.setDaemon(true);
      return t;
    });
    model = name.equals("minilm") ? new AllMiniLmL6V2EmbeddingModel(executor) : new BgeSmallEnV15QuantizedEmbeddingModel(executor);
  }

  /**
   * The prefix a model's documentation asks for on retrieval queries (documents take none):
   * bge-small-en-v1.5's model card gives "Represent this sentence for searching relevant passages: "
   * for short queries against passages; all-MiniLM-L6-v2 was trained without instructions.
   */
  static String queryInstruction(String modelName) {
    return modelName.toLowerCase(Locale.ROOT).equals("bge-small") ? "Represent this sentence for searching relevant passages: " : "";
  }

  /** Cache folder suffix for a model's document embeddings: none for the default model, so its caches stay valid. */
  static String cacheSuffix(String modelName) {
    String name = modelName.toLowerCase(Locale.ROOT);
    return name.equals("minilm") ? "" : "-" + name;
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
