package io.sextant.bench.cli;

import io.sextant.bench.data.DatasetRegistry;
import io.sextant.bench.ir.CollectionIrEvaluation;
import io.sextant.bench.ir.DefinitionsIrEvaluation;
import io.sextant.bench.ir.WordNetFiles;
import io.sextant.bench.ir.WordNetIrEvaluation;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sextant-bench ir}: NDCG@10 and recall@100 of vector, BM25, RRF and weighted fusion on the
 * WordNet held-out-synsets collection, one JSON object per mode on stdout.
 */
@Command(name = "ir", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Ranks the held-out synsets of a wordnet-minilm dataset against its base synsets four ways (vector, bm25, "
            + "rrf, weighted) through a Collection and prints one JSON object per mode: mode, dataset, docs, queries, "
            + "skipped_queries, mean_relevant, ndcg10, recall100, params. Relevant documents: the query synset's direct "
            + "hypernyms and hyponyms (WordNet's own pointers).",
        "With --compare, the same four rankings computed outside the Collection (exact flat search and one BM25 "
            + "index) are printed too, path \"direct\".",
        "--dataset wordnet-definitions: the WordNet definitions collection (every synset as \"words: definition\", "
            + "117,659 documents) with --query-set examples (a synset's first example sentence; relevant: the synset "
            + "and its direct hypernyms/hyponyms) or glosses (a synset's definition; its own document left out by a "
            + "filter; relevant: its direct hypernyms/hyponyms). Five modes: vector, bm25, rrf, weighted and combined "
            + "(every candidate scored on both sides, alpha chosen on --dev-queries further queries and reported on the "
            + "first --queries)."})
public final class IrCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--dataset", defaultValue = "wordnet-minilm-10k", paramLabel = "D",
      description = "wordnet-minilm or wordnet-minilm-10k, or a dataset folder with base/query ids and texts (default: ${DEFAULT-VALUE})")
  String dataset;

  @Option(names = "--index", defaultValue = "flat", description = "collection index: flat, hnsw or ivf (default: ${DEFAULT-VALUE})")
  String index;

  @Option(names = "--param", paramLabel = "NAME=V", description = "search parameter of the index, repeatable (e.g. efSearch=200)")
  List<String> params = new java.util.ArrayList<>();

  @Option(names = "--fusion-alpha", defaultValue = "0.5", description = "weighted fusion alpha (default: ${DEFAULT-VALUE})")
  double alpha;

  @Option(names = "--rrf-k", defaultValue = "60", description = "RRF k (default: ${DEFAULT-VALUE})")
  int rrfK;

  @Option(names = "--analyzer", defaultValue = "english", description = "english (stop words) or standard (default: ${DEFAULT-VALUE})")
  String analyzer;

  @Option(names = "--queries", defaultValue = "0", paramLabel = "N", description = "first N queries (default: all; wordnet-definitions: the 2000 of the test split)")
  int queries;

  @Option(names = "--query-set", defaultValue = "examples", paramLabel = "SET",
      description = "wordnet-definitions only: examples or glosses (default: ${DEFAULT-VALUE})")
  String querySet;

  @Option(names = "--dev-queries", defaultValue = "2000", paramLabel = "N",
      description = "wordnet-definitions only: queries of the dev split where combined's alpha is chosen (default: ${DEFAULT-VALUE})")
  int devQueries;

  @Option(names = "--seed", defaultValue = "7", description = "wordnet-definitions only: query shuffle seed (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--model", defaultValue = "minilm", paramLabel = "M",
      description = "wordnet-definitions only: embedding model, minilm (all-MiniLM-L6-v2) or bge-small (bge-small-en-v1.5, int8); documents cached per model (default: ${DEFAULT-VALUE})")
  String model;

  @Option(names = "--query-instruction", defaultValue = "default", paramLabel = "I",
      description = "wordnet-definitions only: default (the model's documented retrieval instruction before each query: "
          + "bge-small's \"Represent this sentence for searching relevant passages: \", none for minilm) or none (default: ${DEFAULT-VALUE})")
  String queryInstruction;

  @Option(names = "--compare", description = "also print the rankings computed outside the Collection")
  boolean compare;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Map<String, Object> search = searchParams();
    if (dataset.equals("wordnet-definitions")) {
      if (compare) throw new IllegalArgumentException("--compare is for the held-out-synsets datasets, not wordnet-definitions");
      DefinitionsIrEvaluation.Options o = new DefinitionsIrEvaluation.Options(querySet, queries > 0 ? queries : 2000,
          devQueries, seed, index, search, rrfK, alpha, Runtime.getRuntime().availableProcessors());
      String prefix = switch (queryInstruction) {
        case "default" -> DefinitionsIrEvaluation.defaultQueryInstruction(model);
        case "none" -> "";
        default -> throw new IllegalArgumentException("--query-instruction: expected default or none, got '" + queryInstruction + "'");
      };
      err.println("sextant-bench ir: wordnet-definitions, " + querySet + " queries, " + model + " embeddings"
          + (prefix.isEmpty() ? "" : ", query instruction \"" + prefix + "\"") + ", through a Collection (" + index + ") ...");
      for (WordNetIrEvaluation.ModeResult r : DefinitionsIrEvaluation.run(WordNetFiles.ensure(),
          DatasetRegistry.defaultCache().resolve("wordnet-definitions"), o, err, model, prefix)) {
        out.println(r.toJson());
      }
      return 0;
    }
    Path folder = Files.isDirectory(Path.of(dataset)) ? Path.of(dataset) : DatasetRegistry.fromEnvironment().fetch(dataset);
    Path wordnet = WordNetFiles.ensure();
    WordNetIrEvaluation.Options o = new WordNetIrEvaluation.Options(100, rrfK, alpha, analyzer, "synset", queries,
        Runtime.getRuntime().availableProcessors());
    err.println("sextant-bench ir: " + folder.getFileName() + " through a Collection (" + index + ") ...");
    for (WordNetIrEvaluation.ModeResult r : CollectionIrEvaluation.run(folder, wordnet, o, index, search)) out.println(r.toJson());
    if (compare) {
      err.println("sextant-bench ir: the same outside the Collection ...");
      for (WordNetIrEvaluation.ModeResult r : WordNetIrEvaluation.run(folder, wordnet, o)) {
        out.println(r.toJson().replace("\"params\":{", "\"params\":{\"path\":\"direct\","));
      }
    }
    return 0;
  }

  private Map<String, Object> searchParams() {
    Map<String, Object> search = new LinkedHashMap<>();
    for (String p : params) {
      String[] kv = p.split("=", 2);
      if (kv.length != 2) throw new IllegalArgumentException("--param " + p + ": expected NAME=VALUE");
      search.put(kv[0].trim(), kv[1].trim().matches("-?\\d+") ? (Object) Integer.parseInt(kv[1].trim()) : kv[1].trim());
    }
    return search;
  }
}
