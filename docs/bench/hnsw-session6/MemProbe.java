// Manual probe (not built by Maven), session 6: DRAM latency and one-thread read bandwidth of the machine.
// javac -d /tmp/mp docs/bench/hnsw-session6/MemProbe.java && java -Xmx2g -cp /tmp/mp MemProbe   (add -XX:+UseTransparentHugePages for THP)
import java.util.SplittableRandom;
/** DRAM latency (dependent random loads over 1 GiB) and one-thread streaming read bandwidth. */
public final class MemProbe {
  public static void main(String[] a) {
    int n = 1 << 27; // 128 Mi ints = 512 MiB
    int[] next = new int[n];
    // random cyclic permutation over cache-line-spaced slots
    int lines = n / 16;
    int[] perm = new int[lines];
    for (int i = 0; i < lines; i++) perm[i] = i;
    SplittableRandom r = new SplittableRandom(7);
    for (int i = lines - 1; i > 0; i--) { int j = r.nextInt(i + 1); int t = perm[i]; perm[i] = perm[j]; perm[j] = t; }
    for (int i = 0; i < lines; i++) next[perm[i] * 16] = perm[(i + 1) % lines] * 16;
    for (int rep = 0; rep < 3; rep++) {
      int p = 0; int steps = 5_000_000;
      long t0 = System.nanoTime();
      for (int s = 0; s < steps; s++) p = next[p];
      long t1 = System.nanoTime();
      long sum = 0;
      for (int i = 0; i < n; i++) sum += next[i];
      long t2 = System.nanoTime();
      System.out.printf("random dependent load: %.0f ns; sequential read: %.1f GB/s (%d %d)%n", (t1 - t0) / (double) steps, n * 4.0 / (t2 - t1), p, sum);
    }
  }
}
