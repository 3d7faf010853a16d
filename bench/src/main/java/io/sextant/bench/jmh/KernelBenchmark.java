package io.sextant.bench.jmh;

import io.sextant.core.vector.Kernels;
import io.sextant.core.vector.PanamaKernels;
import io.sextant.core.vector.VectorKernels;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.util.VectorUtil;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Pairs of L1-resident vectors scored by Sextant's Panama kernels, Sextant's scalar kernels or
 * Lucene's {@link VectorUtil} (which uses its own Panama code when the incubator module is
 * present, as it is in every fork here). Throughput in operations per microsecond.
 *
 * <p>Each call takes the next of {@value #PAIRS} pairs. Java arrays are only 8-byte aligned, so
 * whether a 64-byte vector load splits across two cache lines depends on where a fork's
 * allocations happened to land; with a single pair that made whole forks ~25% faster or slower
 * (24 vs 30 ns at 768-d, for every implementation). Cycling through several independently
 * allocated pairs averages the alignments within each fork. The working set stays under 32 KiB.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
public class KernelBenchmark {
  @Param({"128", "384", "768", "1536"})
  public int dim;

  @Param({"panama", "scalar", "lucene"})
  public String impl;

  static final int PAIRS = 4;

  private float[][] a;
  private float[][] b;
  private byte[][] ba;
  private byte[][] bb;
  private int next;
  private Ops ops;

  /** The operations measured, so each implementation is one monomorphic call site per fork. */
  interface Ops {
    float dot(float[] a, float[] b);

    float squareDistance(float[] a, float[] b);

    float cosine(float[] a, float[] b);

    int dot(byte[] a, byte[] b);

    int squareDistance(byte[] a, byte[] b);
  }

  record SextantOps(VectorKernels k) implements Ops {
    @Override public float dot(float[] a, float[] b) { return k.dot(a, b); }
    @Override public float squareDistance(float[] a, float[] b) { return k.squareDistance(a, b); }
    @Override public float cosine(float[] a, float[] b) { return k.cosine(a, b); }
    @Override public int dot(byte[] a, byte[] b) { return k.dot(a, b); }
    @Override public int squareDistance(byte[] a, byte[] b) { return k.squareDistance(a, b); }
  }

  static final class LuceneOps implements Ops {
    @Override public float dot(float[] a, float[] b) { return VectorUtil.dotProduct(a, b); }
    @Override public float squareDistance(float[] a, float[] b) { return VectorUtil.squareDistance(a, b); }
    @Override public float cosine(float[] a, float[] b) { return VectorUtil.cosine(a, b); }
    @Override public int dot(byte[] a, byte[] b) { return VectorUtil.dotProduct(a, b); }
    @Override public int squareDistance(byte[] a, byte[] b) { return VectorUtil.squareDistance(a, b); }
  }

  static Ops ops(String impl) {
    return switch (impl) {
      case "panama" -> {
        VectorKernels k = PanamaKernels.createIfUseful();
        if (k == null) throw new IllegalStateException("Panama kernels are not available on this JVM/CPU");
        yield new SextantOps(k);
      }
      case "scalar" -> new SextantOps(Kernels.scalar());
      case "lucene" -> new LuceneOps();
      default -> throw new IllegalArgumentException("impl must be panama, scalar or lucene, got '" + impl + "'");
    };
  }

  @Setup
  public void setUp() {
    ops = ops(impl);
    SplittableRandom r = new SplittableRandom(42);
    // at 1536-d two pairs already fill 24 KiB
    int pairs = dim > 768 ? 2 : PAIRS;
    a = new float[PAIRS][];
    b = new float[PAIRS][];
    ba = new byte[PAIRS][];
    bb = new byte[PAIRS][];
    for (int p = 0; p < PAIRS; p++) {
      if (p >= pairs) {
        a[p] = a[p % pairs];
        b[p] = b[p % pairs];
        ba[p] = ba[p % pairs];
        bb[p] = bb[p % pairs];
        continue;
      }
      a[p] = new float[dim];
      b[p] = new float[dim];
      ba[p] = new byte[dim];
      bb[p] = new byte[dim];
      for (int i = 0; i < dim; i++) {
        a[p][i] = (float) (r.nextDouble() * 2 - 1);
        b[p][i] = (float) (r.nextDouble() * 2 - 1);
        // Lucene's int8 kernels are specified for any signed byte; use the full range.
        ba[p][i] = (byte) r.nextInt(256);
        bb[p][i] = (byte) r.nextInt(256);
      }
    }
  }

  private int pair() {
    return next++ & (PAIRS - 1);
  }

  @Benchmark
  public float dotF32() {
    int p = pair();
    return ops.dot(a[p], b[p]);
  }

  @Benchmark
  public float squareDistanceF32() {
    int p = pair();
    return ops.squareDistance(a[p], b[p]);
  }

  @Benchmark
  public float cosineF32() {
    int p = pair();
    return ops.cosine(a[p], b[p]);
  }

  @Benchmark
  public int dotInt8() {
    int p = pair();
    return ops.dot(ba[p], bb[p]);
  }

  @Benchmark
  public int squareDistanceInt8() {
    int p = pair();
    return ops.squareDistance(ba[p], bb[p]);
  }
}
