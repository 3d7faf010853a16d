package io.sextant.ivf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sextant.core.vector.FloatVectors;
import io.sextant.core.vector.Similarity;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damaged index files are reported with the file, the field and the offset, never searched. */
class IvfFileTest {
  @TempDir
  static Path dir;
  static Path good;
  static FloatVectors vectors;

  @BeforeAll
  static void write() throws IOException {
    vectors = ClusteredData.embedded(2000, 16, 5, 4, 1, 0.1, 3).vectors();
    good = dir.resolve("good.ivf");
    try (IvfIndex index = IvfIndex.build(vectors, Similarity.EUCLIDEAN, IvfSpec.parse("ivf(nlist=20,pq=4x8)"), 1)) {
      index.write(good);
    }
  }

  private static Path copy(String name) throws IOException {
    Path p = dir.resolve(name);
    Files.copy(good, p, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    return p;
  }

  private static void poke(Path p, long offset, byte[] bytes) throws IOException {
    try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
      ch.write(ByteBuffer.wrap(bytes), offset);
    }
  }

  private static byte[] intLe(int v) {
    return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array();
  }

  @Test
  void goodFileOpensAndSearches() throws IOException {
    try (IvfIndex index = IvfIndex.open(good, null)) {
      assertThat(index.size()).isEqualTo(2000);
      assertThat(index.nlist()).isEqualTo(20);
      assertThat(index.search(vectors.get(5), 3).ords()).hasSize(3);
    }
  }

  @Test
  void flippedByteInTheListsFailsTheChecksum() throws IOException {
    Path p = copy("flipped.ivf");
    long size = Files.size(p);
    poke(p, size - 200, new byte[] {0x55});
    assertThatThrownBy(() -> IvfIndex.open(p, null)).hasMessageContaining(p.toString()).hasMessageContaining("CRC32C");
  }

  @Test
  void truncatedFileIsReportedAsSuch() throws IOException {
    Path p = copy("truncated.ivf");
    try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
      ch.truncate(Files.size(p) - 100);
    }
    assertThatThrownBy(() -> IvfIndex.open(p, null)).hasMessageContaining("file size at offset 104")
        .hasMessageContaining("truncated");
    Path tiny = dir.resolve("tiny.ivf");
    Files.write(tiny, new byte[10]);
    assertThatThrownBy(() -> IvfIndex.open(tiny, null)).hasMessageContaining("at least 272 bytes");
  }

  @Test
  void headerDamageIsCaughtEvenWithoutTheChecksumPass() throws IOException {
    Path magic = copy("magic.ivf");
    poke(magic, 0, new byte[] {'X'});
    assertThatThrownBy(() -> IvfIndex.open(magic, null, false)).hasMessageContaining("not an IVF index file");

    Path version = copy("version.ivf");
    poke(version, 8, intLe(99));
    assertThatThrownBy(() -> IvfIndex.open(version, null, false)).hasMessageContaining("version at offset 8: expected 1, found 99");

    Path dim = copy("dim.ivf");
    poke(dim, 20, intLe(-3));
    assertThatThrownBy(() -> IvfIndex.open(dim, null, false)).hasMessageContaining("dimension at offset 20");

    Path count = copy("count.ivf");
    poke(count, 48, intLe(1999));
    assertThatThrownBy(() -> IvfIndex.open(count, null, false)).hasMessageContaining("add up to 2000, header says 1999");

    Path dir0 = copy("directory.ivf");
    long directory;
    try (FileChannel ch = FileChannel.open(dir0, StandardOpenOption.READ)) {
      ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
      ch.read(b, 88);
      directory = b.flip().getLong();
    }
    poke(dir0, directory + 16 * 3 + 8, intLe(1 << 20));
    assertThatThrownBy(() -> IvfIndex.open(dir0, null, false)).hasMessageContaining("directory entry of list 3");

    Path pq = copy("pq.ivf");
    poke(pq, 32, intLe(0));
    assertThatThrownBy(() -> IvfIndex.open(pq, null, false)).hasMessageContaining("PQ sub-quantizers at offset 32");
  }
}
