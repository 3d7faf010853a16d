package io.sextant.core.collection;

import io.sextant.core.index.IndexFiles;
import io.sextant.core.index.IndexSpec;
import io.sextant.core.vector.FloatVectors;
import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A flat index whose segment build can be held at a gate, so a test can act while a flush or a
 * merge is half done, and whose segments may be written shuffled ({@link #shuffle}). Registered
 * for tests only, as {@code "test-blocking"}.
 */
public final class BlockingIndexType extends FlatDelegatingIndexType {
  private static volatile CountDownLatch gate = new CountDownLatch(0);
  private static volatile CountDownLatch entered = new CountDownLatch(1);
  private static volatile boolean shuffle;

  /** Whether segments are written with their documents shuffled ({@link ShuffledFlatIndexType#order}). */
  static void shuffle(boolean on) {
    shuffle = on;
  }

  /** The next builds wait until {@link #open()}. */
  static void close() {
    entered = new CountDownLatch(1);
    gate = new CountDownLatch(1);
  }

  static void open() {
    gate.countDown();
  }

  /** Waits until a build is held at the gate. */
  static void awaitHeld() throws InterruptedException {
    if (!entered.await(30, TimeUnit.SECONDS)) throw new AssertionError("no segment build reached the gate");
  }

  @Override public String name() { return "test-blocking"; }

  @Override
  public void write(IndexSpec spec, FloatVectors vectors, IndexFiles files) throws IOException {
    entered.countDown();
    try {
      if (!gate.await(60, TimeUnit.SECONDS)) throw new IOException("test gate never opened");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException();
    }
    FLAT.write(spec, vectors, files);
  }

  @Override public boolean ordersDocuments(IndexSpec spec) { return shuffle; }

  @Override public int[] documentOrder(IndexSpec spec, FloatVectors vectors) { return ShuffledFlatIndexType.order(vectors.size()); }

}
