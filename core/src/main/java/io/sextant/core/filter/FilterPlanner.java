package io.sextant.core.filter;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.roaringbitmap.FastAggregation;
import org.roaringbitmap.RoaringBitmap;

/**
 * Evaluates a bound filter against one segment's {@link AttributeIndex} into the bitmap of
 * matching document ordinals, and estimates its selectivity without evaluating it.
 *
 * <p>Leaves are exact lookups (a posting, two binary searches, a boolean bitmap). AND evaluates
 * its positive operands from the most to the least selective, stops as soon as the running
 * result is empty, and subtracts negated operands instead of materializing their complements.
 * The estimate is exact for leaves and assumes independence for AND/OR. Subtracting tombstones
 * is the caller's job. Thread-safe.
 */
public final class FilterPlanner {
  private final AttributeIndex index;
  private final int docCount;

  public FilterPlanner(AttributeIndex index) {
    this.index = index;
    this.docCount = index.docCount();
  }

  /** The ordinals of the documents matching {@code bound} (a filter from {@link Filter#bind}). */
  public RoaringBitmap evaluate(Filter bound) {
    return switch (bound) {
      case Filter.Eq e -> eq(e.field(), e.value());
      case Filter.In in -> {
        RoaringBitmap[] parts = new RoaringBitmap[in.values().size()];
        for (int i = 0; i < parts.length; i++) parts[i] = eq(in.field(), in.values().get(i));
        yield parts.length == 1 ? parts[0] : FastAggregation.or(parts);
      }
      case Filter.Range r -> range(r);
      case Filter.Exists e -> {
        Column c = index.column(e.field());
        yield c == null ? new RoaringBitmap() : c.exists().toRoaringBitmap();
      }
      case Filter.Not n -> complement(evaluate(n.operand()));
      case Filter.And a -> and(a.operands());
      case Filter.Or o -> {
        RoaringBitmap[] parts = new RoaringBitmap[o.operands().size()];
        for (int i = 0; i < parts.length; i++) parts[i] = evaluate(o.operands().get(i));
        yield FastAggregation.or(parts);
      }
    };
  }

  /** The estimated fraction of the segment's documents that match, in [0, 1]. */
  public double selectivity(Filter bound) {
    if (docCount == 0) return 0;
    return switch (bound) {
      case Filter.Eq e -> (double) eqCount(e.field(), e.value()) / docCount;
      case Filter.In in -> {
        long sum = 0;
        for (Object v : in.values()) sum += eqCount(in.field(), v);
        yield Math.min(1.0, (double) sum / docCount);
      }
      case Filter.Range r -> {
        NumericColumn c = numeric(r.field(), r.lower() != null ? r.lower() : r.upper());
        if (c == null) yield 0.0;
        long[] b = bounds(r);
        yield (double) c.count(b[0], b[1]) / docCount;
      }
      case Filter.Exists e -> {
        Column c = index.column(e.field());
        yield c == null ? 0.0 : (double) c.exists().getCardinality() / docCount;
      }
      case Filter.Not n -> 1.0 - selectivity(n.operand());
      case Filter.And a -> {
        double p = 1;
        for (Filter op : a.operands()) p *= selectivity(op);
        yield p;
      }
      case Filter.Or o -> {
        double none = 1;
        for (Filter op : o.operands()) none *= 1.0 - selectivity(op);
        yield 1.0 - none;
      }
    };
  }

  private RoaringBitmap and(List<Filter> operands) {
    List<Filter> negated = new ArrayList<>();
    List<Filter> positive = new ArrayList<>();
    for (Filter op : operands) {
      if (op instanceof Filter.Not n) negated.add(n.operand());
      else positive.add(op);
    }
    // Most selective first: the running result shrinks fastest and empties soonest.
    double[] estimate = new double[positive.size()];
    Integer[] order = new Integer[positive.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
      estimate[i] = selectivity(positive.get(i));
    }
    java.util.Arrays.sort(order, Comparator.comparingDouble(i -> estimate[i]));
    RoaringBitmap result = null;
    for (int i : order) {
      RoaringBitmap b = evaluate(positive.get(i));
      if (result == null) result = b;
      else result.and(b);
      if (result.isEmpty()) return result;
    }
    if (result == null) result = RoaringBitmap.bitmapOfRange(0, docCount);
    for (Filter op : negated) {
      result.andNot(evaluate(op));
      if (result.isEmpty()) return result;
    }
    return result;
  }

  private RoaringBitmap complement(RoaringBitmap b) {
    return RoaringBitmap.flip(b, 0L, (long) docCount);
  }

  private RoaringBitmap eq(String field, Object value) {
    Column c = index.column(field);
    return switch (c) {
      case null -> new RoaringBitmap();
      case KeywordColumn k -> k.docs(expect(field, value, String.class, FieldType.KEYWORD));
      case BooleanColumn bc -> bc.docs(expect(field, value, Boolean.class, FieldType.BOOLEAN))
          .toRoaringBitmap();
      case NumericColumn n -> {
        long key = key(field, value);
        yield n.docs(key, key);
      }
    };
  }

  private int eqCount(String field, Object value) {
    Column c = index.column(field);
    return switch (c) {
      case null -> 0;
      case KeywordColumn k -> k.docFreq(expect(field, value, String.class, FieldType.KEYWORD));
      case BooleanColumn bc -> bc.docs(expect(field, value, Boolean.class, FieldType.BOOLEAN))
          .getCardinality();
      case NumericColumn n -> {
        long key = key(field, value);
        yield n.count(key, key);
      }
    };
  }

  private RoaringBitmap range(Filter.Range r) {
    NumericColumn c = numeric(r.field(), r.lower() != null ? r.lower() : r.upper());
    if (c == null) return new RoaringBitmap();
    long[] b = bounds(r);
    return c.docs(b[0], b[1]);
  }

  private NumericColumn numeric(String field, Object sample) {
    Column c = index.column(field);
    if (c == null) return null;
    if (!(c instanceof NumericColumn n)) {
      throw new IllegalStateException("field '" + field + "' is " + index.fields().get(field)
          + " in this segment, but the filter compares it with the number " + sample
          + "; bind the filter to the collection's schema first");
    }
    key(field, sample);
    return n;
  }

  /** Inclusive [lo, hi] in key space; lo > hi when the range is empty. */
  private long[] bounds(Filter.Range r) {
    long lo = Long.MIN_VALUE;
    long hi = Long.MAX_VALUE;
    if (r.lower() != null) {
      lo = key(r.field(), r.lower());
      if (!r.lowerInclusive()) {
        if (lo == Long.MAX_VALUE) return new long[] {1, 0};
        lo++;
      }
    }
    if (r.upper() != null) {
      hi = key(r.field(), r.upper());
      if (!r.upperInclusive()) {
        if (hi == Long.MIN_VALUE) return new long[] {1, 0};
        hi--;
      }
    }
    return new long[] {lo, hi};
  }

  private long key(String field, Object value) {
    FieldType t = index.fields().get(field);
    if (t == FieldType.DOUBLE) {
      return SortableLongs.ofDouble(expect(field, value, Double.class, t));
    }
    return expect(field, value, Long.class, t);
  }

  private static <T> T expect(String field, Object value, Class<T> cls, FieldType t) {
    if (!cls.isInstance(value)) {
      throw new IllegalStateException("field '" + field + "' is " + t + " in this segment but"
          + " the filter holds " + FilterText.literal(value) + " (" + value.getClass().getSimpleName()
          + "); bind the filter to the collection's schema first");
    }
    return cls.cast(value);
  }

}
