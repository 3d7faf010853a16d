package io.sextant.bench.jmh;

import io.sextant.core.vector.Kernels;
import io.sextant.core.vector.PanamaKernels;
import io.sextant.core.vector.Similarity;
import io.sextant.core.vector.VectorKernels;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Flat scan throughput, one thread: a query scored against every vector of an off-heap block
 * (default 512 MiB, far larger than a 32 MiB L3) with {@link VectorKernels#rawScores}, next to
 * plain reads of the same memory (summed as longs with the Vector API, and with a scalar loop)
 * as the memory-bandwidth baseline. Each operation is one pass over the block; the
 * {@code gbPerSecond} counter is that pass in GB/s (10⁹ bytes), comparable across the methods.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
public class FlatScanBenchmark {
  private static final VectorSpecies<Long> LONGS = LongVector.SPECIES_PREFERRED;
  private static final ValueLayout.OfLong LONG_LE = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  /** Size of the vector block in MiB. */
  @Param({"512"})
  public int mib;

  @Param({"768"})
  public int dim;

  /** Kernels scoring the block: {@code panama} or {@code scalar}. */
  @Param({"panama"})
  public String impl;

  @Param({"DOT_PRODUCT"})
  public String similarity;

  private Arena arena;
  private MemorySegment block;
  private int count;
  private long bytes;
  private float[] query;
  private float[] scores;
  private VectorKernels kernels;
  private Similarity sim;

  /** Bytes read per second, reported in GB/s beside the operation rate. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Bandwidth {
    public double gbPerSecond;

    @Setup(Level.Iteration)
    public void reset() {
      gbPerSecond = 0;
    }
  }

  @Setup(Level.Trial)
  public void setUp() {
    kernels = switch (impl) {
      case "panama" -> {
        VectorKernels k = PanamaKernels.createIfUseful();
        if (k == null) throw new IllegalStateException("Panama kernels are not available on this JVM/CPU");
        yield k;
      }
      case "scalar" -> Kernels.scalar();
      default -> throw new IllegalArgumentException("impl must be panama or scalar, got '" + impl + "'");
    };
    sim = Similarity.parse(similarity);
    long stride = 4L * dim;
    count = Math.toIntExact(((long) mib << 20) / stride);
    bytes = count * stride;
    arena = Arena.ofShared();
    block = arena.allocate(bytes, 64);
    // Fill with pseudo-random floats in [-1, 1): every page is touched before measuring.
    long x = 0x9E3779B97F4A7C15L;
    for (long off = 0; off < bytes; off += 4) {
      x ^= x << 13;
      x ^= x >>> 7;
      x ^= x << 17;
      block.set(ValueLayout.JAVA_FLOAT_UNALIGNED, off, (x >>> 40) * 0x1p-23f - 1f);
    }
    query = new float[dim];
    for (int i = 0; i < dim; i++) query[i] = (float) Math.sin(i + 1.0);
    scores = new float[count];
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    arena.close();
  }

  /** Scores every vector of the block; returns one score so nothing is dead code. */
  @Benchmark
  public float scan(Bandwidth bw) {
    kernels.rawScores(sim, query, block, 0, count, scores);
    bw.gbPerSecond += bytes * 1e-9;
    return scores[count - 1] + scores[count >>> 1];
  }

  /** Baseline: reads the same bytes as longs with the Vector API, four accumulators. */
  @Benchmark
  public long memoryReadVector(Bandwidth bw) {
    LongVector s0 = LongVector.zero(LONGS), s1 = s0, s2 = s0, s3 = s0;
    long step = LONGS.vectorByteSize();
    long off = 0;
    for (long end = bytes - bytes % (4 * step); off < end; off += 4 * step) {
      s0 = s0.add(LongVector.fromMemorySegment(LONGS, block, off, ByteOrder.LITTLE_ENDIAN));
      s1 = s1.add(LongVector.fromMemorySegment(LONGS, block, off + step, ByteOrder.LITTLE_ENDIAN));
      s2 = s2.add(LongVector.fromMemorySegment(LONGS, block, off + 2 * step, ByteOrder.LITTLE_ENDIAN));
      s3 = s3.add(LongVector.fromMemorySegment(LONGS, block, off + 3 * step, ByteOrder.LITTLE_ENDIAN));
    }
    long s = s0.add(s1).add(s2.add(s3)).reduceLanes(VectorOperators.ADD);
    for (; off + 8 <= bytes; off += 8) s += block.get(LONG_LE, off);
    bw.gbPerSecond += bytes * 1e-9;
    return s;
  }

  /** Baseline: the same reads with a plain loop (which C2 may auto-vectorise). */
  @Benchmark
  public long memoryReadScalar(Bandwidth bw) {
    long s = 0;
    for (long off = 0; off + 8 <= bytes; off += 8) s += block.get(LONG_LE, off);
    bw.gbPerSecond += bytes * 1e-9;
    return s;
  }
}
