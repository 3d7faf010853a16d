// Manual probe (plain Java), session 8: three ways to sum the PQ reconstruction norms of 60,000 vectors (a: rows then sums; b: one row per vector; c: per sub-space in double, flat codebook).
// javac -d /tmp/np docs/bench/ivf-session8/NormProbe.java && java -cp /tmp/np NormProbe
import java.util.SplittableRandom;
public final class NormProbe {
  static int dim = 784, m = 98, KSUB = 256;
  static int[] starts = new int[m + 1];
  static float[] words;
  static double squareNorm(float[] v, int from, int len) {
    double a0 = 0, a1 = 0, a2 = 0, a3 = 0; int d = from, end = from + len;
    for (; d + 4 <= end; d += 4) { a0 += (double) v[d] * v[d]; a1 += (double) v[d + 1] * v[d + 1]; a2 += (double) v[d + 2] * v[d + 2]; a3 += (double) v[d + 3] * v[d + 3]; }
    for (; d < end; d++) a0 += (double) v[d] * v[d];
    return (a0 + a1) + (a2 + a3);
  }
  static void a(float[][] cs, int count, byte[] codes, float[] norms) {
    float[] rec = new float[count * dim];
    for (int j = 0; j < m; j++) {
      int s = starts[j]; int dsub = starts[j + 1] - s; int block = KSUB * s;
      for (int i = 0; i < count; i++) {
        int word = block + (codes[i * m + j] & 0xFF) * dsub; int to = i * dim + s; float[] cent = cs[i];
        for (int d = 0; d < dsub; d++) rec[to + d] = cent[s + d] + words[word + d];
      }
    }
    for (int i = 0; i < count; i++) norms[i] = (float) squareNorm(rec, i * dim, dim);
  }
  static void b(float[][] cs, int count, byte[] codes, float[] norms) {
    float[] rec = new float[dim];
    for (int i = 0; i < count; i++) {
      float[] cent = cs[i];
      for (int j = 0; j < m; j++) {
        int s = starts[j]; int dsub = starts[j + 1] - s;
        int word = KSUB * s + (codes[i * m + j] & 0xFF) * dsub;
        for (int d = 0; d < dsub; d++) rec[s + d] = cent[s + d] + words[word + d];
      }
      norms[i] = (float) squareNorm(rec, 0, dim);
    }
  }
  // c: word offsets first, then one pass over dims with an index per dim
  static void c(float[][] cs, int count, byte[] codes, float[] norms) {
    for (int i = 0; i < count; i++) {
      float[] cent = cs[i];
      double a0 = 0;
      for (int j = 0; j < m; j++) {
        int s = starts[j], e = starts[j + 1]; int dsub = e - s;
        int word = KSUB * s + (codes[i * m + j] & 0xFF) * dsub - s;
        double acc = 0;
        for (int d = s; d < e; d++) { float r = cent[d] + words[word + d]; acc += (double) r * r; }
        a0 += acc;
      }
      norms[i] = (float) a0;
    }
  }
  public static void main(String[] x) {
    for (int j = 0; j <= m; j++) starts[j] = j * dim / m;
    SplittableRandom r = new SplittableRandom(1);
    words = new float[KSUB * dim]; for (int i = 0; i < words.length; i++) words[i] = (float) r.nextDouble();
    float[] cent = new float[dim]; for (int i = 0; i < dim; i++) cent[i] = (float) r.nextDouble();
    int count = 32; float[][] cs = new float[count][]; java.util.Arrays.fill(cs, cent);
    byte[] codes = new byte[count * m]; r.nextBytes(codes); float[] norms = new float[count];
    for (int rep = 0; rep < 4; rep++) for (char v : "abc".toCharArray()) {
      long t0 = System.nanoTime();
      for (int t = 0; t < 1875; t++) { if (v == 'a') a(cs, count, codes, norms); else if (v == 'b') b(cs, count, codes, norms); else c(cs, count, codes, norms); }
      System.out.printf("%c %.1f ms (%.1f)%n", v, (System.nanoTime() - t0) / 1e6, norms[3]);
    }
  }
}
