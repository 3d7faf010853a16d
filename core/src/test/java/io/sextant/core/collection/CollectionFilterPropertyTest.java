package io.sextant.core.collection;

import static org.assertj.core.api.Assertions.assertThat;

import io.sextant.core.filter.Filter;
import io.sextant.core.vector.Similarity;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random documents, random writes (upserts that replace, deletes, flushes, merges, reopen) and
 * random filter trees: a filtered search through the Collection returns exactly the live
 * documents that a naive predicate over the attributes as the test stored them accepts, whether
 * they sit in the write buffer, in flushed or in merged segments. The predicate works on the
 * Java values the test wrote, with Java comparisons, independently of the planner, the matcher
 * and the binder. The same holds for the text side (a document matches when it holds a query
 * word).
 */
class CollectionFilterPropertyTest {
  private static final String[] LANGS = {"fr", "en", "de", "é", "a b"};
  private static final String[] TAGS = {"a", "b", "c", "d", "e"};
  private static final String[] WORDS = {"alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta"};
  private static final long BASE = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
  private static final int DIM = 4;

  @TempDir Path dir;

  private record Doc(Map<String, Object> attrs, String text) {}

  @Test
  void filteredSearchEqualsNaivePredicateAcrossBufferFlushMergeAndDeletes() throws IOException {
    Random rnd = new Random(42);
    CollectionOptions opts = CollectionOptions.builder().dimension(DIM).similarity(Similarity.EUCLIDEAN).index("flat")
        .maxBufferedDocs(40).backgroundMerges(false).build();
    Map<String, Doc> model = new LinkedHashMap<>();
    Collection c = Collection.open(dir, opts);
    int checks = 0;
    try {
      for (int step = 0; step < 500; step++) {
        int op = rnd.nextInt(100);
        if (op < 70) {
          String id = "d" + rnd.nextInt(300);
          Doc d = randomDoc(rnd);
          c.upsert(id, randomVector(rnd), d.attrs(), d.text());
          model.put(id, d);
        } else if (op < 85) {
          String id = "d" + rnd.nextInt(300);
          assertThat(c.delete(id)).isEqualTo(model.remove(id) != null);
        } else if (op < 88) {
          c.flush();
        } else if (op < 89) {
          c.forceMerge(1 + rnd.nextInt(2));
        } else if (op < 90) {
          c.close();
          c = Collection.open(dir, opts);
        } else {
          checkFilters(c, model, rnd);
          checks++;
        }
      }
      c.forceMerge(1);
      checkFilters(c, model, rnd);
    } finally {
      c.close();
    }
    assertThat(checks).isGreaterThan(30);
  }

  private void checkFilters(Collection c, Map<String, Doc> model, Random rnd) throws IOException {
    if (model.isEmpty()) return;
    for (int i = 0; i < 5; i++) {
      Filter f = randomFilter(rnd, 3);
      Set<String> expected = new TreeSet<>();
      for (Map.Entry<String, Doc> e : model.entrySet()) if (naive(f, e.getValue().attrs())) expected.add(e.getKey());
      Set<String> got = ids(c.search(SearchRequest.of(randomVector(rnd)).filter(f).k(SearchRequest.MAX_K)));
      if (!got.equals(expected)) throw new AssertionError("filter " + f + ": collection " + got + ", naive " + expected);
      // The text form of the filter gives the same answer.
      assertThat(ids(c.search(SearchRequest.of(randomVector(rnd)).filter(f.toString()).k(SearchRequest.MAX_K))))
          .as("text form %s", f).isEqualTo(expected);
      // Text side: filtered BM25 finds the matching documents holding the word.
      String word = WORDS[rnd.nextInt(WORDS.length)];
      Set<String> withWord = new TreeSet<>();
      for (String id : expected) if (hasWord(model.get(id).text(), word)) withWord.add(id);
      assertThat(ids(c.search(SearchRequest.ofText(word).filter(f).k(SearchRequest.MAX_K))))
          .as("text '%s' with filter %s", word, f).isEqualTo(withWord);
    }
  }

  private static boolean hasWord(String text, String word) {
    if (text == null) return false;
    for (String w : text.split(" ")) if (w.equals(word)) return true;
    return false;
  }

  private static Set<String> ids(List<Hit> hits) {
    Set<String> s = new TreeSet<>();
    for (Hit h : hits) assertThat(s.add(h.id())).as("duplicate hit %s", h.id()).isTrue();
    return s;
  }

  private static float[] randomVector(Random rnd) {
    float[] v = new float[DIM];
    for (int i = 0; i < DIM; i++) v[i] = (float) rnd.nextGaussian();
    return v;
  }

  private static Doc randomDoc(Random rnd) {
    Map<String, Object> m = new HashMap<>();
    if (rnd.nextInt(5) > 0) m.put("lang", LANGS[rnd.nextInt(LANGS.length)]);
    if (rnd.nextInt(3) > 0) {
      List<String> tags = new ArrayList<>();
      int n = 1 + rnd.nextInt(3);
      for (int i = 0; i < n; i++) tags.add(TAGS[rnd.nextInt(TAGS.length)]);
      m.put("tags", tags);
    }
    if (rnd.nextInt(4) > 0) m.put("year", (long) (2015 + rnd.nextInt(10)));
    if (rnd.nextInt(4) > 0) m.put("score", rnd.nextInt(9) * 0.5 - 1.0);
    if (rnd.nextInt(3) > 0) m.put("ok", rnd.nextBoolean());
    if (rnd.nextInt(3) > 0) m.put("at", Instant.ofEpochMilli(BASE + rnd.nextInt(5) * 3_600_000L));
    String text = null;
    if (rnd.nextInt(4) > 0) {
      StringBuilder sb = new StringBuilder();
      int n = 1 + rnd.nextInt(6);
      for (int i = 0; i < n; i++) sb.append(i > 0 ? " " : "").append(WORDS[rnd.nextInt(WORDS.length)]);
      text = sb.toString();
    }
    return new Doc(m, text);
  }

  private static Filter randomFilter(Random rnd, int depth) {
    int kind = rnd.nextInt(depth > 0 ? 12 : 8);
    return switch (kind) {
      case 0 -> Filter.eq("lang", LANGS[rnd.nextInt(LANGS.length)]);
      case 1 -> Filter.in("tags", TAGS[rnd.nextInt(TAGS.length)], TAGS[rnd.nextInt(TAGS.length)]);
      case 2 -> {
        long a = 2014 + rnd.nextInt(12);
        yield switch (rnd.nextInt(5)) {
          case 0 -> Filter.range("year", a, a + rnd.nextInt(4));
          case 1 -> Filter.gt("year", a);
          case 2 -> Filter.lte("year", a);
          case 3 -> Filter.eq("year", a);
          default -> Filter.lt("year", a);
        };
      }
      case 3 -> {
        double x = rnd.nextInt(9) * 0.5 - 1.0;
        yield rnd.nextBoolean() ? Filter.gte("score", x) : Filter.eq("score", x);
      }
      case 4 -> Filter.eq("ok", rnd.nextBoolean());
      case 5 -> Filter.range("at", Instant.ofEpochMilli(BASE + rnd.nextInt(5) * 3_600_000L),
          Instant.ofEpochMilli(BASE + rnd.nextInt(5) * 3_600_000L));
      case 6, 7 -> Filter.exists(new String[] {"lang", "tags", "year", "score", "ok", "at"}[rnd.nextInt(6)]);
      case 8 -> Filter.not(randomFilter(rnd, depth - 1));
      case 9 -> Filter.and(randomFilter(rnd, depth - 1), randomFilter(rnd, depth - 1));
      default -> Filter.or(randomFilter(rnd, depth - 1), randomFilter(rnd, depth - 1));
    };
  }

  /** The filter evaluated on the Java values the test stored. */
  private static boolean naive(Filter f, Map<String, Object> doc) {
    return switch (f) {
      case Filter.Eq e -> equalsValue(doc.get(e.field()), e.value());
      case Filter.In in -> in.values().stream().anyMatch(v -> equalsValue(doc.get(in.field()), v));
      case Filter.Range r -> inRange(doc.get(r.field()), r);
      case Filter.Exists e -> doc.containsKey(e.field());
      case Filter.Not n -> !naive(n.operand(), doc);
      case Filter.And a -> a.operands().stream().allMatch(o -> naive(o, doc));
      case Filter.Or o -> o.operands().stream().anyMatch(x -> naive(x, doc));
    };
  }

  private static boolean equalsValue(Object stored, Object want) {
    if (stored == null) return false;
    if (stored instanceof List<?> l) return l.contains(want);
    if (stored instanceof Double d) return d == ((Number) want).doubleValue();
    return stored.equals(want);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static boolean inRange(Object stored, Filter.Range r) {
    if (stored == null) return false;
    Comparable x = (Comparable) stored;
    if (r.lower() != null) {
      int c = x.compareTo(r.lower());
      if (c < 0 || (c == 0 && !r.lowerInclusive())) return false;
    }
    if (r.upper() != null) {
      int c = x.compareTo(r.upper());
      if (c > 0 || (c == 0 && !r.upperInclusive())) return false;
    }
    return true;
  }

}
