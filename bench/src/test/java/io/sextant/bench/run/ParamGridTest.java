package io.sextant.bench.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sextant.bench.engine.Engines;
import io.sextant.bench.engine.IndexDescriptor;
import io.sextant.bench.engine.Params;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParamGridTest {
  private final IndexDescriptor hnsw = Engines.byName("lucene").index("hnsw");

  @Test
  void defaultsAreM16EfConstruction100EfSearchK() {
    ParamGrid g = ParamGrid.resolve("lucene", hnsw, Map.of(), 7);
    assertThat(g.builds()).containsExactly(new Params(Map.of("M", 16, "efConstruction", 100)));
    assertThat(g.searches()).containsExactly(Params.of("efSearch", 7));
  }

  @Test
  void buildValuesMultiplyBuildsAndSearchValuesSweepEachBuild() {
    Map<String, List<String>> given = ParamGrid.parseFlags(List.of("M=8,16", "efSearch=10,20,40", "efConstruction=50"));
    ParamGrid g = ParamGrid.resolve("lucene", hnsw, given, 10);
    assertThat(g.builds()).containsExactly(
        new Params(Map.of("M", 8, "efConstruction", 50)), new Params(Map.of("M", 16, "efConstruction", 50)));
    assertThat(g.searches()).extracting(p -> p.get("efSearch")).containsExactly(10, 20, 40);
  }

  @Test
  void anEngineScopedFlagReachesThatEngineOnly() {
    Map<String, List<String>> given = ParamGrid.parseFlags(List.of("efSearch=10", "jvector:efSearch=20", "sextant:M=8"));
    ParamGrid lucene = ParamGrid.resolve("lucene", hnsw, given, 10);
    assertThat(lucene.builds()).containsExactly(new Params(Map.of("M", 16, "efConstruction", 100)));
    assertThat(lucene.searches()).extracting(p -> p.get("efSearch")).containsExactly(10);
    assertThat(ParamGrid.forEngine("sextant", given)).containsOnlyKeys("efSearch", "M");
    assertThat(ParamGrid.forEngine("jvector", Map.of("jvector:efSearch", List.of("20")))).containsEntry("efSearch", List.of("20"));
    assertThatThrownBy(() -> ParamGrid.forEngine("lucene", Map.of("lucen:M", List.of("8"))))
        .hasMessageContaining("unknown engine 'lucen'");
    assertThatThrownBy(() -> ParamGrid.forEngine("lucene", ParamGrid.parseFlags(List.of("M=8", "lucene:M=16"))))
        .hasMessageContaining("given for lucene both plain and as lucene:M");
  }

  @Test
  void malformedFlagsAreRejectedWithTheFlagQuoted() {
    assertThatThrownBy(() -> ParamGrid.parseFlags(List.of("efSearch"))).hasMessageContaining("malformed --param 'efSearch'");
    assertThatThrownBy(() -> ParamGrid.parseFlags(List.of("=3"))).hasMessageContaining("malformed --param '=3'");
    assertThatThrownBy(() -> ParamGrid.parseFlags(List.of("efSearch=10,,20"))).hasMessageContaining("empty value");
    assertThatThrownBy(() -> ParamGrid.parseFlags(List.of("efSearch=10", "efSearch=20"))).hasMessageContaining("given twice");
  }

  @Test
  void unknownNamesAndBadValuesAreRejected() {
    assertThatThrownBy(() -> ParamGrid.resolve("lucene", hnsw, Map.of("nprobe", List.of("4")), 10))
        .hasMessageContaining("unknown parameter 'nprobe' for lucene index hnsw")
        .hasMessageContaining("M, efConstruction, efSearch");
    assertThatThrownBy(() -> ParamGrid.resolve("lucene", hnsw, Map.of("efSearch", List.of("ten")), 10))
        .hasMessageContaining("efSearch: 'ten' is not an integer");
    assertThatThrownBy(() -> ParamGrid.resolve("lucene", hnsw, Map.of("M", List.of("0")), 10))
        .hasMessageContaining("M: 0 is out of range");
    IndexDescriptor flat = Engines.byName("sextant").index("flat");
    assertThatThrownBy(() -> ParamGrid.resolve("sextant", flat, Map.of("efSearch", List.of("4")), 10))
        .hasMessageContaining("parameters it takes: storage");
    assertThatThrownBy(() -> ParamGrid.resolve("sextant", flat, Map.of("storage", List.of("disk")), 10))
        .hasMessageContaining("storage: 'disk' is not one of memory, collection");
  }
}
