package io.sextant.ivf;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * An IVF configuration named by a short factory string in the spirit of FAISS's index factory:
 *
 * <pre>
 *   ivf                          nlist from n, float32 lists (IVF-Flat)
 *   ivf(nlist=1024)              IVF-Flat with 1024 lists
 *   ivf(nlist=1024,sq8)          int8 per dimension (also: pq=sq8)
 *   ivf(nlist=1024,pq=48x8)      48 sub-quantizers of 8 bits (also: pq=48)
 *   ivf(pq=auto,rerank=10)       sub-quantizer count from the dimension, rerank 10·k candidates
 * </pre>
 *
 * Keys: {@code nlist} ({@code auto} for the rule below), {@code nprobe} (default probes per query, or {@code auto}), {@code pq}
 * ({@code MxB}, {@code M}, {@code auto}, {@code sq8}, {@code flat}/{@code none}), {@code sq8} and
 * {@code flat} (bare words), {@code residual} (encode {@code x - centroid}; default true for SQ8
 * and PQ), {@code rerank} (oversampling factor for the exact rerank; 0 disables),
 * {@code iterations} (k-means passes, default 10; with 256 lists or more they bound the two
 * levels of the coarse training, each of which stops at 5 passes, see {@code TwoLevelKMeans}) and
 * {@code seed}.
 *
 * <p>Rules for what is absent:
 * <ul>
 *   <li>{@code nlist}: {@code round(4·√n)}, at most {@code n / 8} and at least 1 (see
 *       {@link #nlistFor(int)}); an nlist larger than n is lowered to n.</li>
 *   <li>{@code pq=auto}: {@code m = max(1, round(dim / 8))} sub-quantizers, i.e. about 8
 *       dimensions per byte; sub-spaces need not divide the dimension evenly (sub-space j holds
 *       dimensions {@code [j·dim/m, (j+1)·dim/m)}), so every dimension has a rule.</li>
 *   <li>{@code nprobe}: {@code max(1, ceil(nlist / 32))} (see {@link #nprobeFor(int)}).</li>
 *   <li>{@code rerank}: 0 for flat (scores are exact already), {@value #DEFAULT_RERANK_SQ8} for
 *       SQ8, {@value #DEFAULT_RERANK_PQ} for PQ.</li>
 * </ul>
 */
public final class IvfSpec {
  /** How vectors are stored in the inverted lists. */
  public enum Encoding { FLAT, SQ8, PQ }

  public static final int DEFAULT_RERANK_SQ8 = 2;
  public static final int DEFAULT_RERANK_PQ = 8;
  public static final int DEFAULT_ITERATIONS = 10;

  private final int nlist;       // 0 = from n
  private final int nprobe;      // 0 = from nlist
  private final Encoding encoding;
  private final int pqM;         // 0 = auto (PQ only)
  private final boolean residual;
  private final int rerank;      // -1 = default for the encoding
  private final int iterations;
  private final long seed;

  private IvfSpec(int nlist, int nprobe, Encoding encoding, int pqM, boolean residual, int rerank, int iterations,
                  long seed) {
    this.nlist = nlist;
    this.nprobe = nprobe;
    this.encoding = encoding;
    this.pqM = pqM;
    this.residual = residual;
    this.rerank = rerank;
    this.iterations = iterations;
    this.seed = seed;
  }

  /** IVF-Flat with nlist chosen from n. */
  public static IvfSpec defaults() {
    return new IvfSpec(0, 0, Encoding.FLAT, 0, false, -1, DEFAULT_ITERATIONS, 42);
  }

  /**
   * Parses a factory string. Errors name the offending part, its position, and what was expected:
   * {@code bad IVF spec 'ivf(nlist=abc)' at position 10: nlist must be a positive integer, got 'abc'}.
   */
  public static IvfSpec parse(String spec) {
    Objects.requireNonNull(spec, "spec");
    String s = spec.strip();
    String lower = s.toLowerCase(Locale.ROOT);
    if (!lower.startsWith("ivf")) throw error(spec, 0, "must start with 'ivf', as in ivf(nlist=1024,pq=auto)");
    String body;
    int bodyStart;
    if (s.length() == 3) {
      body = "";
      bodyStart = 3;
    } else {
      if (s.charAt(3) != '(') throw error(spec, 3, "expected '(' after 'ivf', found '" + s.charAt(3) + "'");
      if (!s.endsWith(")")) throw error(spec, s.length(), "missing closing ')'");
      body = s.substring(4, s.length() - 1);
      bodyStart = 4;
    }
    Map<String, Integer> seen = new LinkedHashMap<>();
    int nlist = 0, nprobe = 0, pqM = 0, rerank = -1, iterations = DEFAULT_ITERATIONS;
    long seed = 42;
    Encoding encoding = null;
    Boolean residual = null;
    int pos = bodyStart;
    for (String rawPart : body.isEmpty() ? new String[0] : body.split(",", -1)) {
      int at = pos + (rawPart.length() - rawPart.stripLeading().length());
      pos += rawPart.length() + 1;
      String part = rawPart.strip();
      if (part.isEmpty()) throw error(spec, at, "empty parameter (stray comma?)");
      int eq = part.indexOf('=');
      String key = (eq < 0 ? part : part.substring(0, eq)).strip().toLowerCase(Locale.ROOT);
      String value = eq < 0 ? null : part.substring(eq + 1).strip();
      int valueAt = eq < 0 ? at : at + eq + 1;
      String canonicalKey = key.equals("sq8") || key.equals("flat") ? "pq" : key;
      if (seen.containsKey(canonicalKey)) {
        throw error(spec, at, "'" + key + "' conflicts with the earlier parameter at position " + seen.get(canonicalKey));
      }
      seen.put(canonicalKey, at);
      switch (key) {
        case "nlist" -> nlist = "auto".equalsIgnoreCase(value) ? 0 : positiveInt(spec, valueAt, key, value);
        case "nprobe" -> nprobe = "auto".equalsIgnoreCase(value) ? 0 : positiveInt(spec, valueAt, key, value);
        case "rerank", "oversample" -> rerank = nonNegativeInt(spec, valueAt, key, value);
        case "iterations", "niter" -> iterations = positiveInt(spec, valueAt, key, value);
        case "seed" -> seed = parseLong(spec, valueAt, key, value);
        case "residual" -> residual = parseBoolean(spec, valueAt, key, value);
        case "sq8", "flat" -> {
          if (value != null) throw error(spec, valueAt, "'" + key + "' takes no value");
          encoding = key.equals("sq8") ? Encoding.SQ8 : Encoding.FLAT;
        }
        case "pq" -> {
          if (value == null || value.isEmpty()) {
            throw error(spec, valueAt, "pq needs a value: MxB (e.g. 48x8), M, auto, sq8 or flat");
          }
          String v = value.toLowerCase(Locale.ROOT);
          switch (v) {
            case "sq8" -> encoding = Encoding.SQ8;
            case "flat", "none" -> encoding = Encoding.FLAT;
            case "auto" -> { encoding = Encoding.PQ; pqM = 0; }
            default -> { encoding = Encoding.PQ; pqM = parsePq(spec, valueAt, value); }
          }
        }
        default -> throw error(spec, at, "unknown parameter '" + key
            + "'; expected nlist, nprobe, pq, sq8, flat, residual, rerank, iterations or seed");
      }
    }
    if (encoding == null) encoding = Encoding.FLAT;
    if (residual != null && residual && encoding == Encoding.FLAT) {
      throw error(spec, seen.get("residual"), "residual encoding applies to sq8 and pq, not to flat lists");
    }
    boolean res = residual != null ? residual : encoding != Encoding.FLAT;
    return new IvfSpec(nlist, nprobe, encoding, pqM, res, rerank, iterations, seed);
  }

  private static int parsePq(String spec, int at, String value) {
    String v = value.toLowerCase(Locale.ROOT);
    int x = v.indexOf('x');
    String m = x < 0 ? v : v.substring(0, x);
    if (x >= 0) {
      String bits = v.substring(x + 1);
      if (!bits.equals("8")) {
        throw error(spec, at + x + 1, "only 8-bit sub-quantizers are supported (e.g. pq=48x8), got '" + bits + "' bits");
      }
    }
    try {
      int mm = Integer.parseInt(m);
      if (mm > 0) return mm;
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw error(spec, at, "pq must be MxB with a positive sub-quantizer count M (e.g. 48x8), M, auto, sq8 or flat; got '"
        + value + "'");
  }

  private static int positiveInt(String spec, int at, String key, String value) {
    if (value == null) throw error(spec, at, key + " needs a value, as in " + key + "=16");
    try {
      int v = Integer.parseInt(value);
      if (v > 0) return v;
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw error(spec, at, key + " must be a positive integer, got '" + value + "'");
  }

  private static int nonNegativeInt(String spec, int at, String key, String value) {
    if (value == null) throw error(spec, at, key + " needs a value, as in " + key + "=4");
    try {
      int v = Integer.parseInt(value);
      if (v >= 0) return v;
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw error(spec, at, key + " must be an integer >= 0, got '" + value + "'");
  }

  private static long parseLong(String spec, int at, String key, String value) {
    if (value == null) throw error(spec, at, key + " needs a value");
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw error(spec, at, key + " must be an integer, got '" + value + "'");
    }
  }

  private static boolean parseBoolean(String spec, int at, String key, String value) {
    if (value == null) return true;
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "true", "yes", "1" -> true;
      case "false", "no", "0" -> false;
      default -> throw error(spec, at, key + " must be true or false, got '" + value + "'");
    };
  }

  private static IllegalArgumentException error(String spec, int position, String message) {
    return new IllegalArgumentException("bad IVF spec '" + spec + "' at position " + position + ": " + message);
  }

  /** The default list count for n vectors: {@code round(4·√n)}, at most {@code n / 8}, at least 1. */
  public static int nlistFor(int n) {
    long byRoot = Math.round(4 * Math.sqrt(n));
    return (int) Math.max(1, Math.min(byRoot, n / 8));
  }

  /** The default probes per query: {@code max(1, ceil(nlist / 32))}. */
  public static int nprobeFor(int nlist) {
    return Math.max(1, (nlist + 31) / 32);
  }

  /** The default PQ sub-quantizer count: {@code max(1, round(dim / 8))}. */
  public static int pqSubquantizersFor(int dimension) {
    return Math.max(1, Math.round(dimension / 8f));
  }

  /** The explicit nlist, or empty when it is chosen from n. */
  public OptionalInt nlist() {
    return nlist == 0 ? OptionalInt.empty() : OptionalInt.of(nlist);
  }

  /** The list count used for n vectors: the explicit nlist lowered to n, or {@link #nlistFor(int)}. */
  public int effectiveNlist(int n) {
    return nlist == 0 ? nlistFor(n) : Math.max(1, Math.min(nlist, n));
  }

  /** The explicit default nprobe, or empty. */
  public OptionalInt nprobe() {
    return nprobe == 0 ? OptionalInt.empty() : OptionalInt.of(nprobe);
  }

  public Encoding encoding() { return encoding; }

  /** Sub-quantizers for PQ: explicit, or {@link #pqSubquantizersFor(int)} for {@code pq=auto}; capped at dim. */
  public int pqSubquantizers(int dimension) {
    return Math.min(dimension, pqM == 0 ? pqSubquantizersFor(dimension) : pqM);
  }

  /** True for {@code pq=auto} (or PQ with no count). */
  public boolean pqAuto() { return encoding == Encoding.PQ && pqM == 0; }

  public boolean residual() { return residual; }

  /** Rerank oversampling factor: explicit, or the encoding's default. */
  public int rerank() {
    if (rerank >= 0) return rerank;
    return switch (encoding) {
      case FLAT -> 0;
      case SQ8 -> DEFAULT_RERANK_SQ8;
      case PQ -> DEFAULT_RERANK_PQ;
    };
  }

  public int iterations() { return iterations; }

  public long seed() { return seed; }

  /** A copy with another nlist (0 = from n). */
  public IvfSpec withNlist(int v) {
    if (v < 0) throw new IllegalArgumentException("nlist must be >= 0, got " + v);
    return new IvfSpec(v, nprobe, encoding, pqM, residual, rerank, iterations, seed);
  }

  /** The canonical factory string; {@code parse(toString())} gives an equal spec. */
  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("ivf(");
    if (nlist != 0) b.append("nlist=").append(nlist).append(',');
    if (nprobe != 0) b.append("nprobe=").append(nprobe).append(',');
    switch (encoding) {
      case FLAT -> b.append("flat");
      case SQ8 -> b.append("sq8");
      case PQ -> b.append("pq=").append(pqM == 0 ? "auto" : pqM + "x8");
    }
    if (encoding != Encoding.FLAT) b.append(",residual=").append(residual);
    if (rerank >= 0) b.append(",rerank=").append(rerank);
    if (iterations != DEFAULT_ITERATIONS) b.append(",iterations=").append(iterations);
    if (seed != 42) b.append(",seed=").append(seed);
    return b.append(')').toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IvfSpec s && s.nlist == nlist && s.nprobe == nprobe && s.encoding == encoding && s.pqM == pqM
        && s.residual == residual && s.rerank == rerank && s.iterations == iterations && s.seed == seed;
  }

  @Override
  public int hashCode() {
    return Objects.hash(nlist, nprobe, encoding, pqM, residual, rerank, iterations, seed);
  }
}
