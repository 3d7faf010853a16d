// Manual probe, session 9: does C2 (JDK 25) vectorize a[l] += b[o + l] * x? Not when b is read at an offset:
//   javac -d /tmp/ax docs/bench/ivf-session9/Axpy.java && java -cp /tmp/ax Axpy
public class Axpy {
  static void axpy(float[] a, float[] b, int o, float x, int W) { for (int l = 0; l < W; l++) a[l] += b[o + l] * x; }
  static void axpyFma(float[] a, float[] b, int o, float x, int W) { for (int l = 0; l < W; l++) a[l] = Math.fma(b[o + l], x, a[l]); }
  static void axpy0(float[] a, float[] b, float x, int W) { for (int l = 0; l < W; l++) a[l] += b[l] * x; }
  public static void main(String[] args) {
    int W = 256; float[] a = new float[W]; float[] b = new float[W * 784];
    for (int i = 0; i < b.length; i++) b[i] = i % 7;
    for (int r = 0; r < 5; r++) {
      long t0 = System.nanoTime();
      for (int it = 0; it < 20000; it++) for (int d = 0; d < 784; d += 8) axpy(a, b, d * W, 0.5f, W);
      long t1 = System.nanoTime();
      for (int it = 0; it < 20000; it++) for (int d = 0; d < 784; d += 8) axpyFma(a, b, d * W, 0.5f, W);
      long t2 = System.nanoTime();
      for (int it = 0; it < 20000; it++) for (int d = 0; d < 784; d += 8) axpy0(a, b, 0.5f, W);
      long t3 = System.nanoTime();
      double ops = 20000.0 * 98 * W;
      System.out.printf("axpy %.2f  fma %.2f  same-offset %.2f lanes/ns %f%n", ops / (t1 - t0), ops / (t2 - t1), ops / (t3 - t2), a[3]);
    }
  }
}
