package io.sextant.core.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roaringbitmap.RoaringBitmap;

/**
 * For random documents and random filter trees, the bitmap planner over the serialized index
 * returns exactly the documents that a naive predicate over the raw attribute values returns.
 * The naive predicate below is written independently of FilterMatcher and FilterPlanner: it
 * works on the Java values the documents were built from, with Java's own comparisons.
 */
class FilterPlannerPropertyTest {
  private static final String[] WORDS = {"fr", "en", "de", "it", "é", "a b"};
  private static final String[] TAGS = {"a", "b", "c", "d", "e", "f", "g", "h"};
  private static final long[] LONGS = {-5, -1, 0, 1, 2, 3, 7, Long.MIN_VALUE, Long.MAX_VALUE};
  private static final double[] DOUBLES = {-2.5, -0.0, 0.0, 0.5, 1.0, 1.5, 1e9,
      Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, Double.MIN_VALUE};
  private static final long BASE = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
  private static final long[] TIMES = {BASE - 86_400_000L, BASE, BASE + 1, BASE + 3_600_000L};

  private static final Schema SCHEMA = Schema.builder().keyword("kw").keyword("tags")
      .longField("n").doubleField("x").booleanField("b").dateTime("t").build();

  @Test
  void plannerEqualsNaivePredicateOnRandomDocumentsAndFilters() {
    Random rnd = new Random(20240611L);
    int checked = 0;
    for (int iter = 0; iter < 200; iter++) {
      int n = rnd.nextInt(4) == 0 ? rnd.nextInt(5) : rnd.nextInt(400);
      List<Map<String, Object>> raw = new ArrayList<>();
      List<Attributes> conformed = new ArrayList<>();
      AttributeIndexWriter w = new AttributeIndexWriter();
      for (int d = 0; d < n; d++) {
        Map<String, Object> doc = randomDoc(rnd);
        raw.add(doc);
        Attributes attrs = Attributes.of(doc);
        assertThat(SCHEMA.admit(attrs)).isSameAs(SCHEMA);
        attrs = SCHEMA.conform(attrs);
        conformed.add(attrs);
        assertThat(w.add(attrs)).isEqualTo(d);
      }
      AttributeIndex index = AttributeIndex.open(w.toByteArray());
      assertThat(index.docCount()).isEqualTo(n);
      FilterPlanner planner = new FilterPlanner(index);
      for (int q = 0; q < 25; q++) {
        Filter f = randomFilter(rnd, 3);
        Filter bound = f.bind(SCHEMA);
        RoaringBitmap expected = new RoaringBitmap();
        FilterMatcher matcher = new FilterMatcher(bound);
        for (int d = 0; d < n; d++) {
          boolean naive = naive(f, raw.get(d));
          if (naive) expected.add(d);
          if (matcher.matches(conformed.get(d)) != naive) {
            throw new AssertionError("FilterMatcher says " + !naive + " for " + raw.get(d)
                + " and " + f);
          }
        }
        RoaringBitmap got = planner.evaluate(bound);
        if (!got.equals(expected)) {
          throw new AssertionError("iteration " + iter + ", filter " + f + ": planner "
              + got + " but naive " + expected);
        }
        // The text form parses back to a filter with the same answer.
        if (!planner.evaluate(Filter.parse(f.toString(), SCHEMA)).equals(expected)) {
          throw new AssertionError("text form " + f + " evaluates differently");
        }
        double s = planner.selectivity(bound);
        assertThat(s).isBetween(0.0, 1.0);
        if (isLeaf(f) && n > 0 && !(f instanceof Filter.In)) {
          assertThat(s * n).as("exact leaf estimate for %s", f).isCloseTo(expected.getCardinality(),
              org.assertj.core.data.Offset.offset(1e-6));
        }
        checked++;
      }
    }
    assertThat(checked).isEqualTo(200 * 25);
  }

  @Test
  void mappedFileGivesTheSameBitmapsAsTheHeapCopy(@TempDir Path dir) throws IOException {
    Random rnd = new Random(7);
    AttributeIndexWriter w = new AttributeIndexWriter();
    List<Map<String, Object>> raw = new ArrayList<>();
    for (int d = 0; d < 2000; d++) {
      Map<String, Object> doc = randomDoc(rnd);
      raw.add(doc);
      w.add(SCHEMA.conform(Attributes.of(doc)));
    }
    Path file = dir.resolve("attrs.bin");
    Files.write(file, w.toByteArray());
    try (Arena arena = Arena.ofConfined();
         FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      MemorySegment mapped = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size(), arena);
      FilterPlanner planner = new FilterPlanner(AttributeIndex.open(mapped));
      for (int q = 0; q < 100; q++) {
        Filter f = randomFilter(rnd, 3);
        RoaringBitmap expected = new RoaringBitmap();
        for (int d = 0; d < raw.size(); d++) if (naive(f, raw.get(d))) expected.add(d);
        assertThat(planner.evaluate(f.bind(SCHEMA))).as(f.toString()).isEqualTo(expected);
      }
    }
  }

  @Test
  void largeSegmentRangesOfEveryWidthMatchTheNaiveAnswer() {
    // Big enough that narrow ranges take the sort path and wide ones the bit-set and
    // complement paths of NumericColumn.
    Random rnd = new Random(99);
    int n = 50_000;
    long[] values = new long[n];
    AttributeIndexWriter w = new AttributeIndexWriter();
    for (int d = 0; d < n; d++) {
      boolean has = rnd.nextInt(10) != 0;
      values[d] = has ? rnd.nextInt(1_000_000) - 500_000 : Long.MIN_VALUE;
      w.add(has ? Attributes.builder().put("n", values[d]).build() : Attributes.empty());
    }
    FilterPlanner planner = new FilterPlanner(AttributeIndex.open(w.toByteArray()));
    for (int q = 0; q < 200; q++) {
      long width = (long) Math.pow(10, rnd.nextDouble() * 6.2);
      long lo = rnd.nextInt(1_200_000) - 600_000;
      long hi = lo + width;
      boolean loInc = rnd.nextBoolean();
      boolean hiInc = rnd.nextBoolean();
      Filter f = new Filter.Range("n", lo, loInc, hi, hiInc);
      RoaringBitmap expected = new RoaringBitmap();
      for (int d = 0; d < n; d++) {
        long v = values[d];
        if (v != Long.MIN_VALUE && (loInc ? v >= lo : v > lo) && (hiInc ? v <= hi : v < hi)) {
          expected.add(d);
        }
      }
      assertThat(planner.evaluate(f.bind(SCHEMA))).as(f.toString()).isEqualTo(expected);
      assertThat(planner.selectivity(f.bind(SCHEMA)) * n).isCloseTo(expected.getCardinality(),
          org.assertj.core.data.Offset.offset(1e-6));
    }
  }

  private static boolean isLeaf(Filter f) {
    return !(f instanceof Filter.And || f instanceof Filter.Or || f instanceof Filter.Not);
  }

  // ---------------------------------------------------------------- random data

  private static Map<String, Object> randomDoc(Random rnd) {
    Map<String, Object> doc = new HashMap<>();
    if (rnd.nextInt(10) < 7) doc.put("kw", WORDS[rnd.nextInt(WORDS.length)]);
    if (rnd.nextInt(10) < 7) {
      List<String> tags = new ArrayList<>();
      int k = rnd.nextInt(4);
      for (int i = 0; i < k; i++) tags.add(TAGS[rnd.nextInt(TAGS.length)]);
      if (!tags.isEmpty()) doc.put("tags", tags);
    }
    if (rnd.nextInt(10) < 7) doc.put("n", LONGS[rnd.nextInt(LONGS.length)]);
    if (rnd.nextInt(10) < 7) {
      // Integral values into a DOUBLE field exercise the LONG → DOUBLE widening.
      doc.put("x", rnd.nextInt(5) == 0 ? (Object) (long) (rnd.nextInt(5) - 2)
          : (Object) DOUBLES[rnd.nextInt(DOUBLES.length)]);
    }
    if (rnd.nextInt(10) < 7) doc.put("b", rnd.nextBoolean());
    if (rnd.nextInt(10) < 7) doc.put("t", Instant.ofEpochMilli(TIMES[rnd.nextInt(TIMES.length)]));
    return doc;
  }

  private static Filter randomFilter(Random rnd, int depth) {
    int choice = depth == 0 ? rnd.nextInt(6) : rnd.nextInt(9);
    return switch (choice) {
      case 6 -> {
        int k = 1 + rnd.nextInt(3);
        Filter[] ops = new Filter[k];
        for (int i = 0; i < k; i++) ops[i] = randomFilter(rnd, depth - 1);
        yield Filter.and(ops);
      }
      case 7 -> {
        int k = 1 + rnd.nextInt(3);
        Filter[] ops = new Filter[k];
        for (int i = 0; i < k; i++) ops[i] = randomFilter(rnd, depth - 1);
        yield Filter.or(ops);
      }
      case 8 -> Filter.not(randomFilter(rnd, depth - 1));
      case 5 -> Filter.exists(randomField(rnd));
      default -> randomLeaf(rnd);
    };
  }

  private static String randomField(Random rnd) {
    return new String[] {"kw", "tags", "n", "x", "b", "t"}[rnd.nextInt(6)];
  }

  private static Filter randomLeaf(Random rnd) {
    String field = randomField(rnd);
    boolean ordered = field.equals("n") || field.equals("x") || field.equals("t");
    int kind = rnd.nextInt(ordered ? 4 : 3);
    return switch (kind) {
      case 0 -> Filter.eq(field, randomValue(rnd, field));
      case 1 -> Filter.ne(field, randomValue(rnd, field));
      case 2 -> {
        int k = 1 + rnd.nextInt(3);
        List<Object> vs = new ArrayList<>();
        for (int i = 0; i < k; i++) vs.add(randomValue(rnd, field));
        yield Filter.in(field, vs);
      }
      default -> {
        boolean hasLo = rnd.nextBoolean();
        boolean hasHi = !hasLo || rnd.nextBoolean();
        yield new Filter.Range(field, hasLo ? randomValue(rnd, field) : null, rnd.nextBoolean(),
            hasHi ? randomValue(rnd, field) : null, rnd.nextBoolean());
      }
    };
  }

  private static Object randomValue(Random rnd, String field) {
    return switch (field) {
      case "kw" -> rnd.nextInt(8) == 0 ? "zz" : WORDS[rnd.nextInt(WORDS.length)];
      case "tags" -> rnd.nextInt(8) == 0 ? "zz" : TAGS[rnd.nextInt(TAGS.length)];
      case "n" -> rnd.nextInt(6) == 0 ? (long) rnd.nextInt(20) - 10 : LONGS[rnd.nextInt(LONGS.length)];
      case "x" -> switch (rnd.nextInt(4)) {
        case 0 -> (long) rnd.nextInt(5) - 2;
        case 1 -> rnd.nextDouble() * 4 - 2;
        default -> DOUBLES[rnd.nextInt(DOUBLES.length)];
      };
      case "b" -> rnd.nextBoolean();
      default -> switch (rnd.nextInt(4)) {
        case 0 -> Instant.ofEpochMilli(TIMES[rnd.nextInt(TIMES.length)]);
        case 1 -> Instant.ofEpochMilli(TIMES[rnd.nextInt(TIMES.length)]).toString();
        case 2 -> TIMES[rnd.nextInt(TIMES.length)] + rnd.nextInt(3) - 1;
        default -> "2024-01-01";
      };
    };
  }

  // ---------------------------------------------------------------- the naive predicate

  private static boolean naive(Filter f, Map<String, Object> doc) {
    return switch (f) {
      case Filter.Eq e -> anyEquals(e.field(), doc.get(e.field()), e.value());
      case Filter.In in -> in.values().stream().anyMatch(v -> anyEquals(in.field(), doc.get(in.field()), v));
      case Filter.Range r -> {
        Object v = doc.get(r.field());
        if (v == null) yield false;
        boolean ok = true;
        if (r.lower() != null) {
          int c = compare(r.field(), v, r.lower());
          ok = r.lowerInclusive() ? c >= 0 : c > 0;
        }
        if (ok && r.upper() != null) {
          int c = compare(r.field(), v, r.upper());
          ok = r.upperInclusive() ? c <= 0 : c < 0;
        }
        yield ok;
      }
      case Filter.Exists e -> doc.containsKey(e.field());
      case Filter.Not n -> !naive(n.operand(), doc);
      case Filter.And a -> a.operands().stream().allMatch(op -> naive(op, doc));
      case Filter.Or o -> o.operands().stream().anyMatch(op -> naive(op, doc));
    };
  }

  /** DOUBLE field "x" compares as doubles (== treats -0.0 and 0.0 alike); n and t as longs. */
  private static int compare(String field, Object docValue, Object literal) {
    if (field.equals("x")) {
      double a = ((Number) docValue).doubleValue();
      double b = ((Number) literal).doubleValue();
      return a < b ? -1 : a > b ? 1 : 0;
    }
    return Long.compare(lng(docValue), lng(literal));
  }

  private static long lng(Object v) {
    return switch (v) {
      case Instant t -> t.toEpochMilli();
      case Long l -> l;
      case String s -> s.length() == 10 ? BASE : Instant.parse(s).toEpochMilli();
      default -> throw new AssertionError(v);
    };
  }

  private static boolean anyEquals(String field, Object docValue, Object want) {
    if (docValue == null) return false;
    return switch (docValue) {
      case List<?> list -> list.contains(want);
      case String s -> s.equals(want);
      case Boolean b -> b.equals(want);
      default -> compare(field, docValue, want) == 0;
    };
  }
}
