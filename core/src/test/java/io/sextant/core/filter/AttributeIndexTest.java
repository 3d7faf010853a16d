package io.sextant.core.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.roaringbitmap.RoaringBitmap;

class AttributeIndexTest {
  private static byte[] sample() {
    AttributeIndexWriter w = new AttributeIndexWriter();
    w.add(Attributes.builder().put("lang", "fr").put("year", 2021).put("draft", true).build());
    w.add(Attributes.builder().put("lang", "en").put("tags", List.of("x", "y")).put("price", 2.5).build());
    w.add(Attributes.empty());
    w.add(Attributes.builder().put("lang", "fr").put("year", 2024).put("draft", false).build());
    return w.toByteArray();
  }

  @Test
  void readsBackFieldsTypesAndPostings() {
    AttributeIndex idx = AttributeIndex.open(sample());
    assertThat(idx.docCount()).isEqualTo(4);
    assertThat(idx.fields()).containsOnlyKeys("lang", "year", "draft", "tags", "price");
    assertThat(idx.fields().get("price")).isEqualTo(FieldType.DOUBLE);
    Schema schema = Schema.inferring()
        .admit(Attributes.builder().put("lang", "").put("year", 1).put("draft", true)
            .put("tags", List.of("a")).put("price", 1.0).put("missing", 1).build());
    FilterPlanner p = new FilterPlanner(idx);
    assertThat(p.evaluate(Filter.parse("lang = 'fr' AND year > 2021", schema))).isEqualTo(RoaringBitmap.bitmapOf(3));
    assertThat(p.evaluate(Filter.parse("NOT exists(lang)", schema))).isEqualTo(RoaringBitmap.bitmapOf(2));
    assertThat(p.evaluate(Filter.parse("tags = 'y' OR draft = true", schema))).isEqualTo(RoaringBitmap.bitmapOf(0, 1));
    assertThat(p.evaluate(Filter.parse("missing = 3", schema))).isEmpty();
    assertThat(p.evaluate(Filter.parse("NOT missing = 3", schema))).isEqualTo(RoaringBitmap.bitmapOfRange(0, 4));
    assertThat(p.selectivity(Filter.parse("lang = 'fr'", schema))).isEqualTo(0.5);
  }

  @Test
  void writerRefusesATypeClashBetweenDocuments() {
    AttributeIndexWriter w = new AttributeIndexWriter();
    w.add(Attributes.builder().put("year", 2021).build());
    assertThatThrownBy(() -> w.add(Attributes.builder().put("year", "2021").build()))
        .isInstanceOf(SchemaException.class)
        .hasMessage("attribute 'year': expected LONG but found KEYWORD (document 1)");
  }

  @Test
  void corruptBytesAreReportedWithTheirOffset() {
    byte[] good = sample();
    assertThatThrownBy(() -> AttributeIndex.open(Arrays.copyOf(good, 10)))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("shorter than its 16-byte header");
    byte[] badMagic = good.clone();
    badMagic[0] ^= 1;
    assertThatThrownBy(() -> AttributeIndex.open(badMagic)).hasMessageContaining("bad magic");
    byte[] badVersion = good.clone();
    badVersion[4] = 9;
    assertThatThrownBy(() -> AttributeIndex.open(badVersion)).hasMessageContaining("unsupported version 9");
    // Every truncation is caught by a bounds check, never an unchecked crash.
    for (int len = 16; len < good.length; len += 3) {
      byte[] cut = Arrays.copyOf(good, len);
      assertThatThrownBy(() -> AttributeIndex.open(cut)).as("truncated to %d", len)
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("attribute index is corrupt at byte");
    }
    // A field block offset pointing past the end.
    byte[] badOffset = good.clone();
    ByteBuffer.wrap(badOffset).order(ByteOrder.LITTLE_ENDIAN).putLong(16 + 16, good.length + 100L);
    assertThatThrownBy(() -> AttributeIndex.open(badOffset))
        .hasMessageContaining("field 0 block").hasMessageContaining("does not fit");
  }
}
