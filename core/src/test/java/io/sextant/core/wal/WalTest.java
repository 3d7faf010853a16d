package io.sextant.core.wal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sextant.core.document.Attributes;
import io.sextant.core.document.StoredFields;
import io.sextant.core.store.CorruptIndexException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WalTest {
  @TempDir Path dir;

  private static WalRecord record(long seq, Random r) {
    if (seq % 4 == 3) return new WalRecord.Delete(seq, "id-" + r.nextInt(50));
    float[] v = new float[8];
    for (int i = 0; i < v.length; i++) v[i] = r.nextFloat();
    StoredFields f = new StoredFields(Attributes.of(Map.of("n", seq, "s", "x" + seq), "d"), seq % 2 == 0 ? "text " + seq : null);
    return new WalRecord.Upsert(seq, "id-" + r.nextInt(50), v, f);
  }

  /** Writes records 1..n, syncing after {@code syncAfter} (0: never); returns them and the record end offsets. */
  private List<WalRecord> write(int n, int syncAfter, List<Long> ends) throws IOException {
    Random r = new Random(n);
    List<WalRecord> recs = new ArrayList<>();
    try (WalWriter w = WalWriter.create(dir, 1, 0)) {
      for (long s = 1; s <= n; s++) {
        WalRecord rec = record(s, r);
        w.append(rec);
        w.flush();
        recs.add(rec);
        ends.add(w.size());
        if (s == syncAfter) w.sync();
      }
      w.abandon(); // no final sync: records after syncAfter carry the older syncedSeq
    }
    return recs;
  }

  private static List<WalRecord> readAll(Path p, WalReader.Result[] result) throws IOException {
    List<WalRecord> got = new ArrayList<>();
    result[0] = WalReader.read(p, got::add);
    return got;
  }

  private static void assertSameRecords(List<WalRecord> got, List<WalRecord> expected) {
    assertThat(got).hasSameSizeAs(expected);
    for (int i = 0; i < got.size(); i++) {
      WalRecord a = got.get(i), b = expected.get(i);
      assertThat(a.seq()).isEqualTo(b.seq());
      assertThat(a.id()).isEqualTo(b.id());
      if (a instanceof WalRecord.Upsert ua && b instanceof WalRecord.Upsert ub) {
        assertThat(ua.vector()).containsExactly(ub.vector());
        assertThat(ua.fields()).isEqualTo(ub.fields());
      } else {
        assertThat(a.getClass()).isEqualTo(b.getClass());
      }
    }
  }

  @Test
  void roundTrip() throws IOException {
    List<Long> ends = new ArrayList<>();
    List<WalRecord> recs = write(200, 200, ends);
    WalReader.Result[] res = new WalReader.Result[1];
    List<WalRecord> got = readAll(dir.resolve(WalFormat.fileName(1)), res);
    assertSameRecords(got, recs);
    assertThat(res[0].tornTail()).isFalse();
    assertThat(res[0].lastSeq()).isEqualTo(200);
    assertThat(res[0].validEnd()).isEqualTo(Files.size(dir.resolve(WalFormat.fileName(1))));
  }

  @Test
  void everyTruncationReplaysTheCompleteRecordsBeforeIt() throws IOException {
    List<Long> ends = new ArrayList<>();
    List<WalRecord> recs = write(30, 30, ends);
    Path p = dir.resolve(WalFormat.fileName(1));
    byte[] good = Files.readAllBytes(p);
    java.util.TreeSet<Integer> lengths = new java.util.TreeSet<>();
    for (int len = WalFormat.FILE_HEADER; len < ends.get(2); len++) lengths.add(len); // every cut in the first records
    for (long e : ends) for (int d = -13; d <= 1; d++) lengths.add((int) e + d);     // around every boundary
    lengths.removeIf(len -> len < WalFormat.FILE_HEADER || len >= good.length);
    for (int len : lengths) {
      Files.write(p, Arrays.copyOf(good, len));
      WalReader.Result[] res = new WalReader.Result[1];
      List<WalRecord> got = readAll(p, res);
      int complete = 0;
      while (complete < ends.size() && ends.get(complete) <= len) complete++;
      assertSameRecords(got, recs.subList(0, complete));
      assertThat(res[0].validEnd()).isEqualTo(complete == 0 ? WalFormat.FILE_HEADER : ends.get(complete - 1));
      assertThat(res[0].tornTail()).isEqualTo(res[0].validEnd() != len);
    }
    for (int len = 0; len < WalFormat.FILE_HEADER; len++) {
      Files.write(p, Arrays.copyOf(good, len));
      assertThat(WalReader.read(p, r -> { throw new AssertionError("no record expected"); }).headerValid()).isFalse();
    }
  }

  @Test
  void damageInTheUnsyncedTailIsTornAndDamageToSyncedRecordsIsReported() throws IOException {
    List<Long> ends = new ArrayList<>();
    List<WalRecord> recs = write(40, 20, ends);
    Path p = dir.resolve(WalFormat.fileName(1));
    byte[] good = Files.readAllBytes(p);
    Random rnd = new Random(9);
    for (int trial = 0; trial < 150; trial++) {
      int at = WalFormat.FILE_HEADER + rnd.nextInt(good.length - WalFormat.FILE_HEADER);
      byte[] bad = good.clone();
      bad[at] ^= (byte) (1 << rnd.nextInt(8));
      Files.write(p, bad);
      int damaged = 0; // index of the record holding byte `at`
      while (ends.get(damaged) <= at) damaged++;
      long damagedSeq = damaged + 1;
      if (damagedSeq <= 20) {
        // Record 21+ carry syncedSeq = 20: the damaged record had been forced to disk.
        assertThatThrownBy(() -> WalReader.read(p, r -> { }))
            .as("flip at %d in record %d", at, damagedSeq)
            .isInstanceOf(CorruptIndexException.class)
            .hasMessageContaining(p.toString()).hasMessageContaining("sequence " + damagedSeq);
      } else {
        WalReader.Result[] res = new WalReader.Result[1];
        List<WalRecord> got = readAll(p, res);
        assertSameRecords(got, recs.subList(0, damaged));
        assertThat(res[0].tornTail()).isTrue();
      }
    }
  }

  @Test
  void theSyncMarkerProtectsTheLastSyncedRecord() throws IOException {
    List<Long> ends = new ArrayList<>();
    List<WalRecord> recs = write(10, 10, ends);
    Path p = dir.resolve(WalFormat.fileName(1));
    byte[] good = Files.readAllBytes(p);
    long lastEnd = ends.get(9);
    assertThat(good.length).as("a marker follows the synced records").isGreaterThan((int) lastEnd);
    byte[] bad = good.clone();
    bad[(int) lastEnd - 3] ^= 0x10; // inside record 10
    Files.write(p, bad);
    assertThatThrownBy(() -> WalReader.read(p, r -> { })).isInstanceOf(CorruptIndexException.class)
        .hasMessageContaining("sequence 10");
    bad = good.clone();
    bad[bad.length - 2] ^= 0x10; // inside the marker: a torn tail, nothing lost
    Files.write(p, bad);
    WalReader.Result[] res = new WalReader.Result[1];
    assertSameRecords(readAll(p, res), recs);
    assertThat(res[0].tornTail()).isTrue();
  }

  @Test
  void damagedHeaderIsReportedAsInvalidHeader() throws IOException {
    write(5, 5, new ArrayList<>());
    Path p = dir.resolve(WalFormat.fileName(1));
    byte[] b = Files.readAllBytes(p);
    b[18] ^= 1; // inside firstSeq
    Files.write(p, b);
    assertThat(WalReader.read(p, r -> { }).headerValid()).isFalse();
  }

  @Test
  void appendRejectsOutOfOrderSequence() throws IOException {
    try (WalWriter w = WalWriter.create(dir, 10, 9)) {
      w.append(new WalRecord.Delete(10, "a"));
      assertThatThrownBy(() -> w.append(new WalRecord.Delete(12, "b"))).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("12").hasMessageContaining("10");
    }
  }

  @Test
  void fileNamesRoundTrip() {
    assertThat(WalFormat.parseFileName(WalFormat.fileName(123456789L))).isEqualTo(123456789L);
    assertThat(WalFormat.parseFileName("wal-12.log")).isEqualTo(-1);
    assertThat(WalFormat.parseFileName("manifest-1")).isEqualTo(-1);
  }
}
