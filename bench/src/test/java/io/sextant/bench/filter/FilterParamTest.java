package io.sextant.bench.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FilterParamTest {

  @Test
  void selectivitiesCorrelatedAndExpressionsParse() {
    assertThat(FilterSpec.parse("0.01")).isEqualTo(new FilterSpec(FilterSpec.Kind.RANDOM, "0.01", 0.01));
    assertThat(FilterSpec.parse(" 1 ")).isEqualTo(new FilterSpec(FilterSpec.Kind.RANDOM, "1", 1.0));
    assertThat(FilterSpec.parse("corr:0.5")).isEqualTo(new FilterSpec(FilterSpec.Kind.CORRELATED, "corr:0.5", 0.5));
    assertThat(FilterSpec.parse("CORR: 1e-3").selectivity()).isEqualTo(0.001);
    FilterSpec e = FilterSpec.parse("lang = \"fr\"");
    assertThat(e.kind()).isEqualTo(FilterSpec.Kind.EXPRESSION);
    assertThat(e.text()).isEqualTo("lang = \"fr\"");
  }

  @Test
  void badValuesSayWhatIsWrong() {
    assertThatThrownBy(() -> FilterSpec.parse("0")).hasMessageContaining("filter: '0': selectivity 0 is outside (0, 1]");
    assertThatThrownBy(() -> FilterSpec.parse("1.5")).hasMessageContaining("selectivity 1.5 is outside (0, 1]");
    assertThatThrownBy(() -> FilterSpec.parse("-0.1")).hasMessageContaining("outside (0, 1]");
    assertThatThrownBy(() -> FilterSpec.parse("0.1x")).hasMessageContaining("'0.1x' is not a number");
    assertThatThrownBy(() -> FilterSpec.parse("corr:lots")).hasMessageContaining("'lots' is not a number");
    assertThatThrownBy(() -> FilterSpec.parse("corr:")).hasMessageContaining("'' is not a number");
    assertThatThrownBy(() -> FilterSpec.parse("rand:0.1")).hasMessageContaining("'rand:0.1' has an unknown prefix");
    assertThatThrownBy(() -> FilterSpec.parse("  ")).hasMessageContaining("filter: empty value");
  }

  @Test
  void acceptedCountIsRoundedAndNeverZero() {
    assertThat(FilterSpec.parse("0.001").acceptedOf(60_000)).isEqualTo(60);
    assertThat(FilterSpec.parse("0.0015").acceptedOf(1000)).isEqualTo(2); // round(1.5)
    assertThat(FilterSpec.parse("corr:0.5").acceptedOf(3)).isEqualTo(2);
    assertThatThrownBy(() -> FilterSpec.parse("0.0001").acceptedOf(1000))
        .hasMessageContaining("accepts round(1.0E-4 x 1000) = 0 of the 1000 base vectors");
  }

  @Test
  void takeRemovesTheHarnessParametersAndKeepsTheRest() {
    Map<String, List<String>> flags = new LinkedHashMap<>();
    flags.put("efSearch", List.of("10", "20"));
    flags.put("filter", List.of("0.5", "corr:0.01"));
    flags.put("filterSeed", List.of("7"));
    FilterParam p = FilterParam.take(flags);
    assertThat(flags).containsOnlyKeys("efSearch");
    assertThat(p.seed()).isEqualTo(7);
    assertThat(p.specs()).extracting(FilterSpec::text).containsExactly("0.5", "corr:0.01");

    Map<String, List<String>> none = new LinkedHashMap<>(Map.of("M", List.of("16")));
    assertThat(FilterParam.take(none).isEmpty()).isTrue();
    assertThat(FilterParam.take(new LinkedHashMap<>(Map.of("filter", List.of("0.1")))).seed())
        .isEqualTo(FilterParam.DEFAULT_SEED);
  }

  @Test
  void badHarnessParametersAreRefused() {
    assertThatThrownBy(() -> FilterParam.take(new LinkedHashMap<>(Map.of("filterSeed", List.of("3")))))
        .hasMessageContaining("filterSeed given without --param filter");
    assertThatThrownBy(() -> FilterParam.take(new LinkedHashMap<>(Map.of("filter", List.of("0.1"),
        "filterSeed", List.of("x"))))).hasMessageContaining("filterSeed: 'x' is not an integer");
    assertThatThrownBy(() -> FilterParam.take(new LinkedHashMap<>(Map.of("filter", List.of("0.1"),
        "filterSeed", List.of("1", "2"))))).hasMessageContaining("filterSeed takes one value");
    assertThatThrownBy(() -> FilterParam.take(new LinkedHashMap<>(Map.of("filter", List.of("0.1", " 0.1")))))
        .hasMessageContaining("value 0.1 listed twice");
  }
}
