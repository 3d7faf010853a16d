package io.sextant.bench.ir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * The peer: an in-memory Lucene index of the same texts with StandardTokenizer + LowerCaseFilter
 * + ASCIIFoldingFilter and BM25Similarity, queried with one SHOULD clause per distinct query
 * term (boosted by its count), which is how Sextant's {@code TextQuery} counts repeats.
 * Documents are added in order by one thread and merged into one segment, so Lucene's doc id is
 * the ordinal. Closes its reader and directory.
 */
final class LuceneBm25 implements AutoCloseable {
  static final String FIELD = "text";

  private final Analyzer analyzer = new FoldingAnalyzer();
  private final ByteBuffersDirectory dir = new ByteBuffersDirectory();
  private final DirectoryReader reader;
  private final IndexSearcher searcher;

  LuceneBm25(List<String> texts, float k1, float b) throws IOException {
    BM25Similarity sim = new BM25Similarity(k1, b);
    FieldType type = new FieldType();
    type.setIndexOptions(IndexOptions.DOCS_AND_FREQS);
    type.setTokenized(true);
    type.freeze();
    IndexWriterConfig cfg = new IndexWriterConfig(analyzer).setSimilarity(sim);
    try (IndexWriter w = new IndexWriter(dir, cfg)) {
      for (String t : texts) {
        Document d = new Document();
        d.add(new Field(FIELD, t, type));
        w.addDocument(d);
      }
      w.forceMerge(1);
    }
    reader = DirectoryReader.open(dir);
    if (reader.leaves().size() != 1 || reader.maxDoc() != texts.size()) {
      throw new IllegalStateException("expected one segment of " + texts.size() + " docs, got "
          + reader.leaves().size() + " segments and " + reader.maxDoc() + " docs");
    }
    searcher = new IndexSearcher(reader);
    searcher.setSimilarity(sim);
  }

  /** The analyzer's terms for {@code text}. */
  List<String> analyze(String text) {
    List<String> out = new ArrayList<>();
    try (TokenStream ts = analyzer.tokenStream(FIELD, text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken()) out.add(term.toString());
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  Query query(String text) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (String t : analyze(text)) counts.merge(t, 1, Integer::sum);
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    counts.forEach((t, c) -> {
      Query q = new TermQuery(new Term(FIELD, t));
      b.add(c == 1 ? q : new BoostQuery(q, c), BooleanClause.Occur.SHOULD);
    });
    return b.build();
  }

  TopDocs search(Query q, int k) throws IOException {
    return searcher.search(q, k);
  }

  /** Lucene's score of one document for {@code q} (0 when it does not match). */
  float score(Query q, int doc) throws IOException {
    return searcher.explain(q, doc).getValue().floatValue();
  }

  @Override
  public void close() throws IOException {
    reader.close();
    dir.close();
    analyzer.close();
  }

  /** StandardTokenizer → LowerCaseFilter → ASCIIFoldingFilter. */
  private static final class FoldingAnalyzer extends Analyzer {
    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
      Tokenizer source = new StandardTokenizer();
      TokenStream ts = new ASCIIFoldingFilter(new LowerCaseFilter(source));
      return new TokenStreamComponents(source, ts);
    }
  }
}
