package io.sextant.bench.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sextant.core.data.DatasetFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WordNetParserTest {
  @TempDir Path dir;

  static final String HEADER = "  1 This software and database is being provided to you, the LICENSEE, by  \n"
      + "  2 Princeton University under the following license.  \n";
  static final String ENTITY = "00001740 03 n 01 entity 0 003 ~ 00001930 n 0000 ~ 00002137 n 0000 ~ 04424418 n 0000 "
      + "| that which is perceived or known or inferred to have its own distinct existence (living or nonliving)  ";
  static final String ABOUNDING = "00014358 00 s 02 abounding 0 galore(ip) 0 001 & 00013887 a 0000 "
      + "| existing in abundance; \"abounding confidence\"; \"whiskey galore\"  ";
  static final String SEDATE = "00022316 29 v 05 sedate 0 calm 0 tranquilize 0 tranquillize 0 tranquillise 0 009 "
      + "@ 00019448 v 0000 + 04470232 n 0503 + 04470232 n 0402 + 04470232 n 0301 + 04903813 n 0202 + 02308473 a 0103 "
      + "+ 00695300 n 0101 ! 00022686 v 0101 ~ 00020671 v 0000 01 + 09 00 "
      + "| cause to be calm or quiet as by administering a sedative to; \"The patient must be sedated before the operation\"  ";
  static final String PHYSICAL = "00001930 03 n 01 physical_entity 0 007 @ 00001740 n 0000 ~ 00002452 n 0000 "
      + "~ 00002684 n 0000 ~ 00007347 n 0000 ~ 00020827 n 0000 ~ 00029677 n 0000 ~ 14580597 n 0000 "
      + "| an entity that has physical existence  ";

  @Test
  void parsesNounAdjectiveSatelliteAndVerbLines() throws DatasetFormatException {
    Synset entity = WordNetParser.parseLine(ENTITY, Path.of("data.noun"), 0, 1);
    assertThat(entity.id()).isEqualTo("n00001740");
    assertThat(entity.words()).containsExactly("entity");
    assertThat(entity.gloss()).isEqualTo(
        "that which is perceived or known or inferred to have its own distinct existence (living or nonliving)");
    assertThat(entity.pointers()).containsExactly(new Synset.Pointer("~", "n00001930"),
        new Synset.Pointer("~", "n00002137"), new Synset.Pointer("~", "n04424418"));

    Synset abounding = WordNetParser.parseLine(ABOUNDING, Path.of("data.adj"), 0, 1);
    assertThat(abounding.id()).isEqualTo("s00014358");
    assertThat(abounding.words()).containsExactly("abounding", "galore");
    assertThat(abounding.text())
        .isEqualTo("abounding, galore: existing in abundance; \"abounding confidence\"; \"whiskey galore\"");

    Synset sedate = WordNetParser.parseLine(SEDATE, Path.of("data.verb"), 0, 1);
    assertThat(sedate.id()).isEqualTo("v00022316");
    assertThat(sedate.words()).containsExactly("sedate", "calm", "tranquilize", "tranquillize", "tranquillise");
    assertThat(sedate.pointers()).hasSize(9).startsWith(new Synset.Pointer("@", "v00019448"))
        .endsWith(new Synset.Pointer("~", "v00020671"));
    assertThat(sedate.gloss()).endsWith("\"The patient must be sedated before the operation\"");

    assertThat(WordNetParser.parseLine(PHYSICAL, Path.of("data.noun"), 0, 1).text())
        .isEqualTo("physical entity: an entity that has physical existence");
  }

  @Test
  void readSkipsTheLicenceHeaderAndReportsBadLinesWithTheirOffset() throws IOException {
    Path f = Files.writeString(dir.resolve("data.noun"), HEADER + ENTITY + "\n" + PHYSICAL + "\n");
    List<Synset> s = WordNetParser.read(f);
    assertThat(s).extracting(Synset::id).containsExactly("n00001740", "n00001930");

    String bad = "00002137 03 n zz abstraction 0 000 | a general concept";
    Path g = Files.writeString(dir.resolve("data.bad"), HEADER + ENTITY + "\n" + bad + "\n");
    long offset = HEADER.length() + ENTITY.length() + 1;
    assertThatThrownBy(() -> WordNetParser.read(g)).isInstanceOf(DatasetFormatException.class)
        .hasMessageContaining("data.bad: at byte " + offset + ": line 4: expected w_cnt in base 16, found 'zz'");
    assertThatThrownBy(() -> WordNetParser.parseLine("00002137 03 n 01 abstraction 0 000 a general concept",
        Path.of("data.noun"), 7, 9)).hasMessageContaining("at byte 7: line 9: expected a ' | ' before the gloss");
    assertThatThrownBy(() -> WordNetParser.parseLine("00002137 03 n 02 abstraction 0 | a general concept",
        Path.of("data.noun"), 0, 1)).hasMessageContaining("expected word 2, found the end of the fields");
  }
}
