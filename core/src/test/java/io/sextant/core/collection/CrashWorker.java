package io.sextant.core.collection;

import java.nio.file.Path;

/**
 * Child process of the crash test: opens the collection, prints {@code READY}, then runs batches
 * from the one given, printing {@code ACK <batch>} after each {@code commit()} returns, until it
 * is killed. Searches now and then so kills also land during reads.
 */
public final class CrashWorker {
  private CrashWorker() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    long seed = Long.parseLong(args[1]);
    long batch = Long.parseLong(args[2]);
    Collection c = Collection.open(dir, CrashWorkload.options());
    System.out.println("READY");
    System.out.flush();
    while (true) {
      for (CrashWorkload.Op op : CrashWorkload.batch(seed, batch)) {
        if (op.isDelete()) c.delete(op.id());
        else c.upsert(op.id(), op.vector(), op.attributes(), op.text());
      }
      c.commit();
      System.out.println("ACK " + batch);
      System.out.flush();
      if (batch % 7 == 0) c.search(SearchRequest.of(new float[CrashWorkload.DIM]).k(5));
      batch++;
    }
  }
}
