package io.sextant.bench.engine;

import java.io.IOException;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.ConstantScoreScorer;
import org.apache.lucene.search.ConstantScoreWeight;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.ScorerSupplier;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.BitSetIterator;
import org.apache.lucene.util.FixedBitSet;

/**
 * A Lucene filter query matching a fixed set of documents of a single-segment index: the
 * harness's accept-set, translated from base ordinals to Lucene doc ids once per setting. Handed
 * to {@code KnnFloatVectorQuery} as its filter; Lucene then reads it through a
 * {@link BitSetIterator}, its fast path for a filter that is already a bitset.
 */
final class LuceneAcceptQuery extends Query {
  private final FixedBitSet docs;
  private final int cardinality;

  LuceneAcceptQuery(FixedBitSet docs) {
    this.docs = docs;
    this.cardinality = docs.cardinality();
  }

  @Override public Weight createWeight(IndexSearcher searcher, ScoreMode scoreMode, float boost) {
    return new ConstantScoreWeight(this, boost) {
      @Override public ScorerSupplier scorerSupplier(LeafReaderContext context) throws IOException {
        if (context.ord != 0 || context.reader().maxDoc() != docs.length()) {
          throw new IllegalStateException("accept-set of " + docs.length() + " docs used on a segment of "
              + context.reader().maxDoc() + " (the index must be one segment)");
        }
        return new Weight.DefaultScorerSupplier(
            new ConstantScoreScorer(score(), scoreMode, new BitSetIterator(docs, cardinality)));
      }

      @Override public boolean isCacheable(LeafReaderContext ctx) {
        return false;
      }
    };
  }

  @Override public String toString(String field) {
    return "accept(" + cardinality + " docs)";
  }

  @Override public void visit(QueryVisitor visitor) {
    visitor.visitLeaf(this);
  }

  @Override public boolean equals(Object o) {
    return sameClassAs(o) && ((LuceneAcceptQuery) o).docs.equals(docs);
  }

  @Override public int hashCode() {
    return 31 * classHash() + docs.hashCode();
  }
}
