package io.sextant.core.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SchemaTest {
  @Test
  void infersTypesOnFirstUse() {
    Schema s = Schema.inferring().admit(Attributes.of(Map.of(
        "lang", "fr", "tags", List.of("a", "b"), "year", 2024, "price", 9.5f, "draft", true,
        "published", Instant.parse("2024-03-01T00:00:00Z"))));
    assertThat(s.fields()).containsExactlyInAnyOrderEntriesOf(Map.of(
        "lang", FieldType.KEYWORD, "tags", FieldType.KEYWORD, "year", FieldType.LONG,
        "price", FieldType.DOUBLE, "draft", FieldType.BOOLEAN, "published", FieldType.DATE_TIME));
    assertThat(s.admit(Attributes.builder().put("year", 1999).build())).isSameAs(s);
  }

  @Test
  void typeClashNamesFieldExpectedAndFound() {
    Schema s = Schema.inferring().admit(Attributes.builder().put("year", 2024L).build());
    assertThatThrownBy(() -> s.admit(Attributes.builder().put("year", "2024").build()))
        .isInstanceOfSatisfying(SchemaException.class, e -> {
          assertThat(e.field()).isEqualTo("year");
          assertThat(e.getMessage()).isEqualTo("attribute 'year': expected LONG but found KEYWORD");
        });
    assertThatThrownBy(() -> s.admit(Attributes.builder().put("year", 2024.5).build()))
        .hasMessage("attribute 'year': expected LONG but found DOUBLE");
  }

  @Test
  void declaredSchemaRefusesUndeclaredFieldsUnlessAskedToInfer() {
    Schema strict = Schema.builder().keyword("lang").build();
    assertThatThrownBy(() -> strict.admit(Attributes.builder().put("year", 1).build()))
        .hasMessageContaining("attribute 'year' is not declared");
    Schema open = Schema.builder().keyword("lang").inferUndeclared(true).build();
    assertThat(open.admit(Attributes.builder().put("year", 1).build()).type("year"))
        .isEqualTo(FieldType.LONG);
  }

  @Test
  void widensLongIntoDoubleAndDateTimeFields() {
    Schema s = Schema.builder().doubleField("price").dateTime("at").build();
    Attributes doc = Attributes.builder().put("price", 3).put("at", 1000L).build();
    Attributes conformed = s.admit(doc).conform(doc);
    assertThat(conformed.get("price")).isEqualTo(3.0);
    assertThat(conformed.get("at")).isEqualTo(Instant.ofEpochMilli(1000));
    assertThat(conformed.type("at")).isEqualTo(FieldType.DATE_TIME);
    assertThatThrownBy(() -> Schema.builder().longField("n").build()
        .conform(Attributes.builder().put("n", Instant.EPOCH).build()))
        .hasMessage("attribute 'n': expected LONG but found DATE_TIME");
  }

  @Test
  void attributesRefuseNaNNullAndUnsupportedTypes() {
    assertThatThrownBy(() -> Attributes.builder().put("x", Double.NaN))
        .hasMessageContaining("NaN");
    assertThatThrownBy(() -> Attributes.of(Map.of("x", new StringBuilder("a").append(1).toString()
        .chars().boxed().toList())))
        .hasMessageContaining("a keyword list may hold only strings");
    assertThatThrownBy(() -> Attributes.builder().put("x", (Object) new int[0]))
        .hasMessageContaining("unsupported value type");
    assertThat(Attributes.builder().put("t", List.of()).build().isEmpty()).isTrue();
    assertThat(Attributes.builder().put("z", -0.0).build().get("z")).isEqualTo(0.0);
  }
}
