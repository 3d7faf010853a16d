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
  requires jvector;
  requires org.knowm.xchart;

  opens io.sextant.bench to info.picocli;
}
