package io.sextant.bench.engine;

import io.sextant.core.vector.FloatVectors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene104.Lucene104Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.MMapDirectory;

/**
 * A Lucene HNSW index over the base vectors, the way Lucene's own benchmarks (luceneutil's
 * KnnGraphTester) set it up:
 * <ul>
 *   <li>{@code M} and {@code efConstruction} become {@code Lucene99HnswVectorsFormat(maxConn,
 *       beamWidth)} through a per-field codec; Lucene keeps up to {@code 2*M} neighbours on layer 0.</li>
 *   <li>The index lives in an {@link MMapDirectory} under a temporary folder (Lucene's production
 *       path; its reads go through memory segments like Sextant's), deleted on close.</li>
 *   <li>It is force-merged to one segment so there is one graph, as large as the others'.
 *       With {@code threads > 1} documents are added from that many threads (one segment per
 *       indexing thread) and the merge uses as many merge workers.</li>
 *   <li>Lucene has no ef at search time: its beam is the query's k. So {@code efSearch} runs a
 *       {@link KnnFloatVectorQuery} with {@code k' = max(k, efSearch)} and keeps the best k, as
 *       KnnGraphTester does with its fan-out.</li>
 * </ul>
 * Document ids are mapped back to base ordinals through an {@code ord} doc-values field read once.
 */
final class LuceneHnswIndex implements BuiltIndex {
  private static final String VECTOR_FIELD = "v";
  private static final String ORD_FIELD = "ord";

  private final Path folder;
  private final Directory directory;
  private final DirectoryReader reader;
  private final IndexSearcher searcher;
  private final int[] docToOrd;
  private final long indexBytes;

  private LuceneHnswIndex(Path folder, Directory directory, DirectoryReader reader, int[] docToOrd, long indexBytes) {
    this.folder = folder;
    this.directory = directory;
    this.reader = reader;
    this.searcher = new IndexSearcher(reader);
    this.searcher.setQueryCache(null); // every query is new; caching would only add overhead
    this.docToOrd = docToOrd;
    this.indexBytes = indexBytes;
  }

  static LuceneHnswIndex build(FloatVectors base, VectorSimilarityFunction similarity, int m, int efConstruction,
      int threads) throws Exception {
    Path folder = Files.createTempDirectory("sextant-bench-lucene-");
    Directory dir = null;
    ExecutorService mergeWorkers = threads > 1 ? Executors.newFixedThreadPool(threads) : null;
    try {
      dir = new MMapDirectory(folder);
      KnnVectorsFormat format = threads > 1
          ? new Lucene99HnswVectorsFormat(m, efConstruction, threads, mergeWorkers)
          : new Lucene99HnswVectorsFormat(m, efConstruction);
      IndexWriterConfig config = new IndexWriterConfig()
          .setCodec(new Lucene104Codec() {
            @Override public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
              return format;
            }
          })
          .setRAMBufferSizeMB(ramBufferMb())
          .setUseCompoundFile(false);
      try (IndexWriter writer = new IndexWriter(dir, config)) {
        addAll(writer, base, similarity, threads);
        writer.forceMerge(1);
        writer.commit();
      }
      DirectoryReader reader = DirectoryReader.open(dir);
      if (reader.leaves().size() != 1) {
        throw new IllegalStateException("Lucene index has " + reader.leaves().size() + " segments after forceMerge(1)");
      }
      int[] docToOrd = docToOrd(reader.leaves().get(0).reader(), base.size());
      long bytes = 0;
      for (String f : dir.listAll()) bytes += dir.fileLength(f);
      return new LuceneHnswIndex(folder, dir, reader, docToOrd, bytes);
    } catch (Exception | Error e) {
      if (dir != null) dir.close();
      deleteTree(folder);
      throw e;
    } finally {
      if (mergeWorkers != null) mergeWorkers.shutdownNow();
    }
  }

  /** Large enough that a single indexing thread flushes once for typical benchmark sizes. */
  private static double ramBufferMb() {
    long max = Runtime.getRuntime().maxMemory();
    return Math.max(16, Math.min(2000, max / 4 / (1024 * 1024)));
  }

  private static void addAll(IndexWriter writer, FloatVectors base, VectorSimilarityFunction similarity, int threads)
      throws Exception {
    if (threads <= 1) {
      for (int i = 0; i < base.size(); i++) writer.addDocument(document(base, i, similarity));
      return;
    }
    AtomicInteger next = new AtomicInteger();
    try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
      Future<?>[] tasks = new Future<?>[threads];
      for (int t = 0; t < threads; t++) {
        tasks[t] = pool.submit(() -> {
          for (int i = next.getAndIncrement(); i < base.size(); i = next.getAndIncrement()) {
            writer.addDocument(document(base, i, similarity));
          }
          return null;
        });
      }
      for (Future<?> f : tasks) f.get();
    }
  }

  private static Document document(FloatVectors base, int ord, VectorSimilarityFunction similarity) {
    Document doc = new Document();
    doc.add(new KnnFloatVectorField(VECTOR_FIELD, base.get(ord), similarity));
    doc.add(new NumericDocValuesField(ORD_FIELD, ord));
    return doc;
  }

  private static int[] docToOrd(LeafReader leaf, int n) throws IOException {
    if (leaf.maxDoc() != n) throw new IllegalStateException("Lucene segment has " + leaf.maxDoc() + " docs, expected " + n);
    int[] map = new int[n];
    NumericDocValues ords = leaf.getNumericDocValues(ORD_FIELD);
    for (int doc = 0; doc < n; doc++) {
      if (!ords.advanceExact(doc)) throw new IllegalStateException("Lucene doc " + doc + " has no ordinal");
      map[doc] = (int) ords.longValue();
    }
    return map;
  }

  @Override public long indexBytes() {
    return indexBytes;
  }

  @Override public QuerySearcher searcher(int k, Params searchParams) {
    int efSearch = searchParams.get(HnswParams.EF_SEARCH);
    int luceneK = Math.max(k, efSearch);
    return query -> {
      TopDocs top = searcher.search(new KnnFloatVectorQuery(VECTOR_FIELD, query, luceneK), k);
      ScoreDoc[] hits = top.scoreDocs;
      int[] ords = new int[hits.length];
      for (int i = 0; i < hits.length; i++) ords[i] = docToOrd[hits[i].doc];
      return ords;
    };
  }

  /**
   * Filtered: a {@link KnnFloatVectorQuery} with the accept-set as its filter query (Lucene then
   * chooses between its exact search over the filter and its filtered graph search).
   */
  @Override public QuerySearcher searcher(int k, Params searchParams, org.roaringbitmap.RoaringBitmap accept) {
    int luceneK = Math.max(k, searchParams.get(HnswParams.EF_SEARCH));
    org.apache.lucene.util.FixedBitSet docs = new org.apache.lucene.util.FixedBitSet(docToOrd.length);
    for (int doc = 0; doc < docToOrd.length; doc++) if (accept.contains(docToOrd[doc])) docs.set(doc);
    LuceneAcceptQuery filter = new LuceneAcceptQuery(docs);
    return query -> {
      TopDocs top = searcher.search(new KnnFloatVectorQuery(VECTOR_FIELD, query, luceneK, filter), k);
      ScoreDoc[] hits = top.scoreDocs;
      int[] ords = new int[hits.length];
      for (int i = 0; i < hits.length; i++) ords[i] = docToOrd[hits[i].doc];
      return ords;
    };
  }

  @Override public void close() throws IOException {
    try {
      reader.close();
      directory.close();
    } finally {
      deleteTree(folder);
    }
  }

  private static void deleteTree(Path folder) throws IOException {
    if (!Files.exists(folder)) return;
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
    }
  }
}
