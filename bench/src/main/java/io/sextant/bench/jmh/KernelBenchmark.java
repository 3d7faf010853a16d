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
 * One pair of vectors (L1-resident) scored by Sextant's Panama kernels, Sextant's scalar kernels
 * or Lucene's {@link VectorUtil} (which uses its own Panama code when the incubator module is
 * present, as it is in every fork here). Throughput in operations per microsecond.
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

  private float[] a;
  private float[] b;
  private byte[] ba;
  private byte[] bb;
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
    a = new float[dim];
    b = new float[dim];
    ba = new byte[dim];
    bb = new byte[dim];
    for (int i = 0; i < dim; i++) {
      a[i] = (float) (r.nextDouble() * 2 - 1);
      b[i] = (float) (r.nextDouble() * 2 - 1);
      // Lucene's int8 kernels are specified for any signed byte; use the full range.
      ba[i] = (byte) r.nextInt(256);
      bb[i] = (byte) r.nextInt(256);
    }
  }

  @Benchmark
  public float dotF32() {
    return ops.dot(a, b);
  }

  @Benchmark
  public float squareDistanceF32() {
    return ops.squareDistance(a, b);
  }

  @Benchmark
  public float cosineF32() {
    return ops.cosine(a, b);
  }

  @Benchmark
  public int dotInt8() {
    return ops.dot(ba, bb);
  }

  @Benchmark
  public int squareDistanceInt8() {
    return ops.squareDistance(ba, bb);
  }
}
