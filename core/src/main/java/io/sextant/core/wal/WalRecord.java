package io.sextant.core.wal;

import io.sextant.core.document.DocumentCodec;
import io.sextant.core.document.StoredFields;
import io.sextant.core.store.BytesOutput;
import io.sextant.core.store.CorruptIndexException;
import io.sextant.core.store.MappedInput;

/**
 * One logged operation. Payload layout: {@code byte type, int64 seq, int64 syncedSeq, string id},
 * then for an upsert {@code vint dimension, dimension × float32, DocumentCodec fields}; a sync
 * marker (type 3) has an empty id and repeats the sequence number of the last operation.
 * {@code syncedSeq} is the highest sequence number known to be on disk when the record was
 * appended; replay uses it to tell an unsynced torn tail from damage to acknowledged records.
 */
public sealed interface WalRecord {
  byte TYPE_UPSERT = 1;
  byte TYPE_DELETE = 2;
  byte TYPE_SYNC = 3;
  int MAX_DIMENSION = 1 << 16;

  long seq();

  String id();

  record Upsert(long seq, String id, float[] vector, StoredFields fields) implements WalRecord {}

  record Delete(long seq, String id) implements WalRecord {}

  /**
   * Written (not forced) right after an fsync: says operations up to {@code seq} are on disk. It
   * is no operation (its {@code seq} repeats the last one) and is never replayed; it lets replay
   * tell damage to the last synced records from a torn tail.
   */
  record SyncMarker(long seq) implements WalRecord {
    @Override public String id() { return ""; }
  }

  /** Appends the payload of {@code r} to {@code out}. */
  static void encode(WalRecord r, long syncedSeq, BytesOutput out) {
    switch (r) {
      case Upsert u -> {
        out.writeByte(TYPE_UPSERT);
        out.writeLong(u.seq());
        out.writeLong(syncedSeq);
        out.writeString(u.id());
        out.writeVInt(u.vector().length);
        out.writeFloats(u.vector());
        DocumentCodec.write(u.fields(), out);
      }
      case Delete d -> {
        out.writeByte(TYPE_DELETE);
        out.writeLong(d.seq());
        out.writeLong(syncedSeq);
        out.writeString(d.id());
      }
      case SyncMarker m -> {
        out.writeByte(TYPE_SYNC);
        out.writeLong(m.seq());
        out.writeLong(syncedSeq);
        out.writeString("");
      }
    }
  }

  /** A decoded payload and the {@code syncedSeq} it carried. */
  record Decoded(WalRecord record, long syncedSeq) {}

  static Decoded decode(MappedInput in) throws CorruptIndexException {
    long at = in.position();
    byte type = in.readByte();
    long seq = in.readLong();
    long synced = in.readLong();
    String id = in.readString();
    WalRecord r = switch (type) {
      case TYPE_UPSERT -> {
        int dim = in.readVInt(MAX_DIMENSION, "vector dimension");
        float[] v = in.readFloats(dim);
        yield new Upsert(seq, id, v, DocumentCodec.read(in));
      }
      case TYPE_DELETE -> new Delete(seq, id);
      case TYPE_SYNC -> new SyncMarker(seq);
      default -> throw new CorruptIndexException(in.resource(), at, "unknown record type " + type + ", expected 1, 2 or 3");
    };
    if (in.remaining() != 0) {
      throw new CorruptIndexException(in.resource(), in.position(), in.remaining() + " unexpected bytes after the record");
    }
    return new Decoded(r, synced);
  }
}
