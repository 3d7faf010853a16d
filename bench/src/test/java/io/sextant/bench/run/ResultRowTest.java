package io.sextant.bench.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sextant.bench.json.JsonReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResultRowTest {

  static ResultRow sample() {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("M", "16");
    params.put("efConstruction", "100");
    params.put("efSearch", "40");
    return new ResultRow("lucene", "hnsw", params, "fashion-mnist", 60000, 784, "EUCLIDEAN", 10, 0.98765, 1234.567,
        0.81234, 1.5, 2.25, 12.3456, 123456789L, 98765432L, 2, "25+36-LTS", "panama");
  }

  @Test
  void jsonHasExactlyTheContractFieldsInOrderWithTheRightTypes() {
    String json = sample().toJson();
    assertThat(json).doesNotContain("\n");
    Map<String, Object> o = JsonReader.parseObject(json, "row");
    assertThat(new ArrayList<>(o.keySet())).containsExactly(
        "engine", "index", "params", "dataset", "n", "dim", "metric", "k", "recall", "qps", "p50_ms", "p95_ms",
        "p99_ms", "build_s", "index_bytes", "heap_bytes", "threads", "jvm", "simd", "clock");
    assertThat(o.get("clock")).isEqualTo("wall");
    assertThat(o.get("engine")).isEqualTo("lucene");
    assertThat(o.get("params")).isEqualTo(Map.of("M", 16.0, "efConstruction", 100.0, "efSearch", 40.0));
    assertThat(o.get("n")).isEqualTo(60000.0);
    assertThat(o.get("recall")).isEqualTo(0.9877);
    assertThat(o.get("qps")).isEqualTo(1234.6);
    assertThat(o.get("p99_ms")).isEqualTo(2.25);
    assertThat(o.get("index_bytes")).isEqualTo(123456789.0);
    assertThat(o.get("simd")).isEqualTo("panama");
    // integers stay integers; measured figures are always floats, even when integral
    assertThat(json).contains("\"n\":60000,", "\"index_bytes\":123456789,", "\"threads\":2,");
    ResultRow exact = new ResultRow("sextant", "flat", Map.of(), "d", 1, 1, "COSINE", 1, 1.0, 500, 2, 2, 2, 0, 4, 0, 1,
        "25", "panama");
    assertThat(exact.toJson()).contains("\"recall\":1.0,", "\"qps\":500.0,", "\"build_s\":0.0,", "\"heap_bytes\":0,");
  }

  @Test
  void rowSurvivesARoundTripThroughItsJson() {
    ResultRow r = sample();
    ResultRow back = ResultRow.parse(r.toJson(), "row");
    assertThat(back.params()).containsExactlyEntriesOf(r.params());
    assertThat(back.engine()).isEqualTo(r.engine());
    assertThat(back.n()).isEqualTo(r.n());
    assertThat(back.recall()).isEqualTo(0.9877);
    assertThat(back.indexBytes()).isEqualTo(r.indexBytes());
    assertThat(back.jvm()).isEqualTo(r.jvm());
  }

  @Test
  void stringsAreEscaped() {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("filter", "tag = \"a\\b\"\n");
    ResultRow r = new ResultRow("x\"y", "i", params, "d", 1, 1, "COSINE", 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, "j", "scalar");
    ResultRow back = ResultRow.parse(r.toJson(), "row");
    assertThat(back.engine()).isEqualTo("x\"y");
    assertThat(back.params()).containsEntry("filter", "tag = \"a\\b\"\n");
  }

  @Test
  void parseNamesTheMissingOrWrongField() {
    String json = sample().toJson();
    assertThatThrownBy(() -> ResultRow.parse(json.replace("\"qps\":", "\"qpz\":"), "f.jsonl:3"))
        .hasMessageContaining("f.jsonl:3").hasMessageContaining("missing field \"qps\"");
    assertThatThrownBy(() -> ResultRow.parse(json.replace("\"engine\":\"lucene\"", "\"engine\":7"), "f.jsonl:1"))
        .hasMessageContaining("field \"engine\" must be a string");
    assertThatThrownBy(() -> ResultRow.parse(json.substring(0, json.length() - 1), "f.jsonl:2"))
        .hasMessageContaining("f.jsonl:2: invalid JSON at offset");
  }

  @Test
  void nonFiniteNumbersBecomeNull() {
    List<String> fields = ResultRow.FIELDS;
    assertThat(fields).hasSize(20);
    ResultRow r = new ResultRow("e", "i", Map.of(), "d", 1, 1, "COSINE", 1, Double.NaN, Double.POSITIVE_INFINITY,
        1, 1, 1, 1, 1, 1, 1, "j", "scalar");
    Map<String, Object> o = JsonReader.parseObject(r.toJson(), "row");
    assertThat(o).containsEntry("recall", null).containsEntry("qps", null);
  }

  @Test
  void rowsWrittenBeforeTheClockFieldReadAsWallClock() {
    String old = sample().toJson().replace(",\"clock\":\"wall\"", "");
    assertThat(old).doesNotContain("clock");
    assertThat(ResultRow.parse(old, "old.jsonl:1").clock()).isEqualTo("wall");
    String cpu = sample().toJson().replace("\"clock\":\"wall\"", "\"clock\":\"cpu\"");
    assertThat(ResultRow.parse(cpu, "x:1").clock()).isEqualTo("cpu");
    String bad = sample().toJson().replace("\"clock\":\"wall\"", "\"clock\":\"sundial\"");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ResultRow.parse(bad, "x:1"))
        .hasMessageContaining("clock must be wall or cpu, got sundial");
  }

  @Test
  void hybridRowsCarryTheirRelevanceFiguresLastAndRoundTrip() {
    ResultRow r = new ResultRow("sextant", "flat", Map.of("fusion", "rrf"), "wordnet-definitions", 117659, 384, "COSINE",
        10, 0.41, 55.5, 30, 40, 50, 48, 1000, 0, 2, "25", "panama", "wall", Double.NaN, 0.29713, 0.6789);
    String json = r.toJson();
    assertThat(json).endsWith(",\"clock\":\"wall\",\"ndcg10\":0.2971,\"recall100\":0.6789}").doesNotContain("selectivity");
    ResultRow back = ResultRow.parse(json, "row");
    assertThat(back.ndcg10()).isEqualTo(0.2971);
    assertThat(back.recall100()).isEqualTo(0.6789);
    assertThat(sample().toJson()).doesNotContain("ndcg10");
    assertThat(ResultRow.parse(sample().toJson(), "x").ndcg10()).isNaN();
  }
}
