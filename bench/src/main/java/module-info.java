/** The sextant-bench harness and JMH benchmarks; the only module that sees the peers. */
module io.sextant.bench {
  requires io.sextant.core;
  requires io.sextant.hnsw;
  requires io.sextant.ivf;
  requires info.picocli;
  requires jmh.core;
  requires static jdk.incubator.vector;
  requires jdk.management;
  requires org.apache.lucene.core;
  requires org.apache.lucene.analysis.common; // ASCIIFoldingFilter for the BM25 agreement check
  requires jvector;
  requires org.knowm.xchart;
  requires java.management; // HeapMeter: MemoryMXBean
  requires java.desktop; // XChart renders the report plot with AWT (headless)
  requires langchain4j.core; // in-process embedder for the wordnet-minilm dataset
  requires langchain4j.embeddings;
  requires langchain4j.embeddings.all.minilm.l6.v2;
  requires langchain4j.embeddings.bge.small.en.v15.q;

  // picocli injects options and specs into command classes reflectively.
  opens io.sextant.bench to info.picocli;
  opens io.sextant.bench.cli to info.picocli;

  exports io.sextant.bench.data;
  exports io.sextant.bench.ir;
}
