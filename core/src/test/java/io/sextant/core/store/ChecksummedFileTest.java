package io.sextant.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.foreign.Arena;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChecksummedFileTest {
  @TempDir Path dir;

  private Path writeSample(String name) throws IOException {
    Path p = dir.resolve(name);
    try (ChecksummedOutput out = ChecksummedOutput.create(p, "TEST", 3)) {
      out.writeInt(42);
      out.writeLong(-7L);
      out.writeString("héllo wörld");
      out.writeVInt(300);
      out.writeByte(0x7f);
      out.align(64);
      assertThat(out.position() % 64).isZero();
      out.writeFloats(new float[] {1.5f, -2.25f, Float.MIN_VALUE});
      FileStamp stamp = out.finish();
      assertThat(stamp.length()).isEqualTo(Files.size(p));
    }
    return p;
  }

  @Test
  void roundTrip() throws IOException {
    Path p = writeSample("a.bin");
    try (Arena arena = Arena.ofConfined()) {
      MappedFile f = MappedFile.open(p, arena, "TEST", 3, true);
      MappedInput in = f.input();
      assertThat(in.readInt()).isEqualTo(42);
      assertThat(in.readLong()).isEqualTo(-7L);
      assertThat(in.readString()).isEqualTo("héllo wörld");
      assertThat(in.readVInt()).isEqualTo(300);
      assertThat(in.readByte()).isEqualTo((byte) 0x7f);
      in.seek(64);
      assertThat(in.readFloats(3)).containsExactly(1.5f, -2.25f, Float.MIN_VALUE);
      assertThat(in.remaining()).isZero();
      assertThatThrownBy(in::readInt).isInstanceOf(CorruptIndexException.class).hasMessageContaining(p.toString());
    }
  }

  @Test
  void checksumMatchesAnIndependentCrc32c() throws IOException {
    Path p = writeSample("c.bin");
    byte[] all = Files.readAllBytes(p);
    CRC32C crc = new CRC32C();
    crc.update(all, 0, all.length - 4);
    int stored = ByteBuffer.wrap(all, all.length - 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    assertThat(stored).isEqualTo((int) crc.getValue());
    assertThat(ByteBuffer.wrap(all, 0, 4).order(ByteOrder.LITTLE_ENDIAN).getInt()).isEqualTo(FileFormat.MAGIC);
    assertThat(new String(all, 0, 4, "US-ASCII")).isEqualTo("SEXT");
  }

  @Test
  void everyFlippedByteIsDetected() throws IOException {
    Path p = writeSample("flip.bin");
    byte[] good = Files.readAllBytes(p);
    for (int i = 0; i < good.length; i++) {
      byte[] bad = good.clone();
      bad[i] ^= (byte) (1 + (i % 255));
      Files.write(p, bad);
      try (Arena arena = Arena.ofConfined()) {
        int at = i;
        assertThatThrownBy(() -> MappedFile.open(p, arena, "TEST", 3, true))
            .as("flip at %d", at)
            .isInstanceOf(CorruptIndexException.class)
            .hasMessageContaining(p.toString());
      }
    }
  }

  @Test
  void everyTruncationAndExtensionIsDetected() throws IOException {
    Path p = writeSample("trunc.bin");
    byte[] good = Files.readAllBytes(p);
    for (int len = 0; len < good.length; len++) {
      Files.write(p, java.util.Arrays.copyOf(good, len));
      try (Arena arena = Arena.ofConfined()) {
        // Structure alone (no CRC) must already catch a truncation.
        assertThatThrownBy(() -> MappedFile.open(p, arena, "TEST", 3, false))
            .isInstanceOf(CorruptIndexException.class).hasMessageContaining(p.toString());
      }
    }
    byte[] longer = java.util.Arrays.copyOf(good, good.length + 5);
    Files.write(p, longer);
    try (Arena arena = Arena.ofConfined()) {
      assertThatThrownBy(() -> MappedFile.open(p, arena, "TEST", 3, false))
          .isInstanceOf(CorruptIndexException.class).hasMessageContaining("footer magic");
    }
  }

  @Test
  void wrongKindAndVersionNameExpectedAndFound() throws IOException {
    Path p = writeSample("k.bin");
    try (Arena arena = Arena.ofConfined()) {
      assertThatThrownBy(() -> MappedFile.open(p, arena, "OTHR", 3, true))
          .isInstanceOf(CorruptIndexException.class).hasMessageContaining("expected file kind 'OTHR', found 'TEST'");
      assertThatThrownBy(() -> MappedFile.open(p, arena, "TEST", 2, true))
          .isInstanceOf(CorruptIndexException.class).hasMessageContaining("expected format version 2, found 3")
          .hasMessageContaining("newer");
    }
  }

  @Test
  void unfinishedOutputIsDeleted() throws IOException {
    Path p = dir.resolve("partial.bin");
    try (ChecksummedOutput out = ChecksummedOutput.create(p, "TEST", 1)) {
      out.writeInt(1);
      assertThat(p).exists();
    }
    assertThat(p).doesNotExist();
  }

  @Test
  void simulatedDiskFullFailsTheWriteAndLeavesNoFile() throws IOException {
    Path p = dir.resolve("full.bin");
    io.sextant.core.store.fault.DiskFaults.limitWrites(100_000);
    try {
      assertThatThrownBy(() -> {
        try (ChecksummedOutput out = ChecksummedOutput.create(p, "TEST", 1)) {
          for (int i = 0; i < 100_000; i++) out.writeLong(i);
          out.finish();
        }
      }).isInstanceOf(IOException.class).hasMessageContaining("No space left");
    } finally {
      io.sextant.core.store.fault.DiskFaults.reset();
    }
    assertThat(p).doesNotExist();
  }

  /** A sparse file past 2 GiB: mapping and reading at high offsets work. */
  @Test
  void filesLargerThanTwoGigabytesMapWithoutChecksum() throws IOException {
    Path p = bigSparseFile(false);
    try (Arena arena = Arena.ofConfined()) {
      MappedFile f = MappedFile.open(p, arena, "BIG_", 1, false);
      MappedInput in = f.input(f.contentEnd() - 8, f.contentEnd());
      assertThat(in.readLong()).isEqualTo(0x1122334455667788L);
    }
  }

  /** The chunked CRC over more than 2 GiB agrees with a streamed one (reads 2.5 GiB twice: slow). */
  @Test
  @org.junit.jupiter.api.Tag("slow")
  void filesLargerThanTwoGigabytesVerifyTheirChecksum() throws IOException {
    Path p = bigSparseFile(true);
    try (Arena arena = Arena.ofConfined()) {
      MappedFile f = MappedFile.open(p, arena, "BIG_", 1, true);
      assertThat(f.length()).isEqualTo((5L << 29) + 64);
    }
  }

  private Path bigSparseFile(boolean withCrc) throws IOException {
    Path p = dir.resolve("big.bin");
    long size = (5L << 29) + 64; // 2.5 GiB + 64
    try (RandomAccessFile raf = new RandomAccessFile(p.toFile(), "rw")) {
      raf.setLength(size);
    }
    ByteBuffer header = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
    header.putInt(FileFormat.MAGIC).put("BIG_".getBytes("US-ASCII")).putInt(1).putInt(0).flip();
    long marker = size - 16 - 8;
    ByteBuffer m = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0x1122334455667788L).flip();
    ByteBuffer footer = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
    footer.putInt(FileFormat.FOOTER_MAGIC).putLong(size).flip();
    try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
      ch.write(header, 0);
      ch.write(m, marker);
      ch.write(footer, size - 16);
    }
    if (!withCrc) return p;
    // Expected CRC computed independently, streaming the (mostly zero) content.
    CRC32C crc = new CRC32C();
    try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
      ByteBuffer buf = ByteBuffer.allocateDirect(1 << 22);
      long pos = 0;
      while (pos < size - 4) {
        buf.clear();
        buf.limit((int) Math.min(buf.capacity(), size - 4 - pos));
        int n = ch.read(buf, pos);
        buf.flip();
        crc.update(buf);
        pos += n;
      }
    }
    try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
      ch.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) crc.getValue()).flip(), size - 4);
    }
    return p;
  }
}
