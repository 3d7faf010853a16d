package io.sextant.core.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FilterParserTest {
  private static final Schema SCHEMA = Schema.builder()
      .keyword("lang").keyword("tag").longField("year").doubleField("price")
      .booleanField("draft").dateTime("published").build();

  @Test
  void parsesTheExampleFromTheIssue() {
    Filter f = Filter.parse("lang = \"fr\" AND year >= 2020 AND NOT tag IN (\"a\",\"b\")");
    assertThat(f).isEqualTo(Filter.eq("lang", "fr")
        .and(Filter.gte("year", 2020))
        .and(Filter.not(Filter.in("tag", "a", "b"))));
  }

  @Test
  void andBindsTighterThanOrAndNotTighterThanAnd() {
    Filter f = Filter.parse("a = 1 OR b = 2 AND NOT c = 3");
    assertThat(f).isEqualTo(Filter.or(Filter.eq("a", 1),
        Filter.and(Filter.eq("b", 2), Filter.not(Filter.eq("c", 3)))));
    Filter g = Filter.parse("(a = 1 OR b = 2) AND c = 3");
    assertThat(g).isEqualTo(Filter.and(Filter.or(Filter.eq("a", 1), Filter.eq("b", 2)),
        Filter.eq("c", 3)));
  }

  @Test
  void parsesEveryOperatorAndLiteral() {
    assertThat(Filter.parse("x != 'it''s'".replace("''", "\\'")))
        .isEqualTo(Filter.ne("x", "it's"));
    assertThat(Filter.parse("x <> 1")).isEqualTo(Filter.ne("x", 1L));
    assertThat(Filter.parse("x == -2.5e1")).isEqualTo(Filter.eq("x", -25.0));
    assertThat(Filter.parse("x < 3")).isEqualTo(Filter.lt("x", 3));
    assertThat(Filter.parse("x <= 3")).isEqualTo(Filter.lte("x", 3));
    assertThat(Filter.parse("x > 3")).isEqualTo(Filter.gt("x", 3));
    assertThat(Filter.parse("x>=3")).isEqualTo(Filter.gte("x", 3));
    assertThat(Filter.parse("x between 1 and 5")).isEqualTo(Filter.range("x", 1, 5));
    assertThat(Filter.parse("x NOT BETWEEN 1 AND 5")).isEqualTo(Filter.not(Filter.range("x", 1, 5)));
    assertThat(Filter.parse("x not in (1, 2)")).isEqualTo(Filter.not(Filter.in("x", 1, 2)));
    assertThat(Filter.parse("exists(x) and b = true or c = FALSE"))
        .isEqualTo(Filter.or(Filter.and(Filter.exists("x"), Filter.eq("b", true)),
            Filter.eq("c", false)));
    assertThat(Filter.parse("`my field` = \"a\\\"b\\\\c\\u00e9\""))
        .isEqualTo(Filter.eq("my field", "a\"b\\cé"));
    assertThat(Filter.parse("meta.lang = 'fr'")).isEqualTo(Filter.eq("meta.lang", "fr"));
    assertThat(Filter.parse("`and` = 1")).isEqualTo(Filter.eq("and", 1));
  }

  @Test
  void toStringParsesBackToTheSameFilter() {
    List<Filter> filters = List.of(
        Filter.eq("lang", "fr").and(Filter.range("year", 2020, 2024)).and(Filter.not(Filter.in("tag", "a", "b"))),
        Filter.or(Filter.and(Filter.eq("a", 1), Filter.eq("b", 2.5)), Filter.not(Filter.exists("c"))),
        Filter.not(Filter.or(Filter.eq("a", true), Filter.lt("b", -3))),
        Filter.eq("weird name", "quote \" and \\ and\nnewline"),
        Filter.gt("x", 1e300).and(Filter.lte("y", Double.NEGATIVE_INFINITY)),
        Filter.ne("and", "or"));
    for (Filter f : filters) {
      assertThat(Filter.parse(f.toString())).as(f.toString()).isEqualTo(f);
    }
  }

  @Test
  void bindsValuesToTheFieldTypes() {
    Filter f = Filter.parse("price >= 10 AND published >= \"2024-01-01\" AND published < "
        + "\"2024-06-01T12:00:00+02:00\" AND year = 2024", SCHEMA);
    assertThat(f).isEqualTo(Filter.and(
        Filter.gte("price", 10.0),
        Filter.gte("published", Instant.parse("2024-01-01T00:00:00Z").toEpochMilli()),
        Filter.lt("published", Instant.parse("2024-06-01T10:00:00Z").toEpochMilli()),
        Filter.eq("year", 2024L)));
    assertThat(Filter.range("published", Instant.parse("2024-01-01T00:00:00Z"), "2024-02-01T00:00")
        .bind(SCHEMA)).isEqualTo(Filter.range("published", 1704067200000L, 1706745600000L));
  }

  // ---- errors: malformed ----

  @Test
  void malformedExpressionsPointAtTheColumn() {
    expectError("lang = ", 8, "expected a value", "end of input");
    expectError("lang \"fr\"", 6, "expected an operator", "string \"fr\"");
    expectError("lang = fr", 8, "expected a value", "strings must be quoted");
    expectError("(lang = \"fr\"", 13, "expected ')' to close the '(' at column 1");
    expectError("lang = \"fr\")", 12, "unbalanced ')'");
    expectError("lang = \"fr\" year = 1", 13, "unexpected 'year' after a complete condition");
    expectError("lang = \"fr", 8, "unterminated string");
    expectError("year IN (1, 2", 14, "',' or ')' in the IN list");
    expectError("year IN ()", 10, "expected a value");
    expectError("AND year = 1", 1, "expected a condition", "backquotes");
    expectError("year = 1 AND", 13, "expected a condition", "end of input");
    expectError("year = 1.2.3", 11, "malformed number");
    expectError("year = 12abc", 10, "malformed number");
    expectError("year = 99999999999999999999", 8, "out of the LONG range");
    expectError("exists(year", 12, "')' to close exists(");
    expectError("exists(1)", 8, "expected a field name inside exists");
    expectError("year BETWEEN 1 2", 16, "AND between the two bounds");
    expectError("year ! 2", 6, "did you mean '!='");
    expectError("lang = \"a\\q\"", 10, "unknown escape");
    expectError("   ", 1, "empty filter");
    expectError("lang NOT = 'x'", 10, "expected IN or BETWEEN");
    expectError("lang = 'x' # 1", 12, "unexpected character '#'");
  }

  private static void expectError(String text, int column, String... fragments) {
    assertThatThrownBy(() -> Filter.parse(text))
        .as(text)
        .isInstanceOfSatisfying(FilterException.class, e -> {
          assertThat(e.column()).as("column of " + text + ": " + e.getMessage()).isEqualTo(column);
          assertThat(e.getMessage()).contains("column " + column);
          for (String frag : fragments) assertThat(e.getMessage()).contains(frag);
          String caretLine = e.getMessage().substring(e.getMessage().lastIndexOf('\n') + 1);
          assertThat(caretLine.indexOf('^')).isEqualTo(2 + column - 1);
        });
  }

  // ---- errors: unknown fields ----

  @Test
  void unknownFieldIsAnErrorAtItsColumnWithASuggestion() {
    assertThatThrownBy(() -> Filter.parse("year >= 2020 AND lnag = \"fr\"", SCHEMA))
        .isInstanceOfSatisfying(FilterException.class, e -> {
          assertThat(e.column()).isEqualTo(18);
          assertThat(e.getMessage()).contains("unknown field 'lnag'")
              .contains("did you mean 'lang'?").contains("known fields: ");
        });
    assertThatThrownBy(() -> Filter.parse("exists(colour)", SCHEMA))
        .isInstanceOfSatisfying(FilterException.class,
            e -> assertThat(e.column()).isEqualTo(8));
  }

  @Test
  void unknownFieldIsAnErrorWhenBindingAnApiFilter() {
    assertThatThrownBy(() -> Filter.eq("lang", "fr").and(Filter.gt("size", 3)).bind(SCHEMA))
        .isInstanceOf(FilterException.class)
        .hasMessageContaining("unknown field 'size'");
    assertThatThrownBy(() -> Filter.exists("x").bind(Schema.inferring()))
        .hasMessageContaining("the schema has no fields yet");
  }

  // ---- errors: type mismatches ----

  @Test
  void typeMismatchesAreErrorsAtTheValueColumn() {
    expectMismatch("year = \"2020\"", 8, "field 'year' is LONG but the value \"2020\" is a string");
    expectMismatch("year = 2020.5", 8, "field 'year' is LONG but the value 2020.5 is a decimal number");
    expectMismatch("lang = 3", 8, "field 'lang' is KEYWORD but the value 3 is an integer");
    expectMismatch("draft = 1", 9, "field 'draft' is BOOLEAN but the value 1 is an integer");
    expectMismatch("price IN (1, \"x\")", 14, "field 'price' is DOUBLE but the value \"x\" is a string");
    expectMismatch("published > \"yesterday\"", 13, "is not an ISO-8601 date");
    expectMismatch("lang > \"a\"", 6, "'>' needs a LONG, DOUBLE or DATE_TIME field, but 'lang' is KEYWORD");
    expectMismatch("draft BETWEEN 1 AND 2", 7, "BETWEEN needs a LONG, DOUBLE or DATE_TIME field");
  }

  private static void expectMismatch(String text, int column, String fragment) {
    assertThatThrownBy(() -> Filter.parse(text, SCHEMA))
        .as(text)
        .isInstanceOfSatisfying(FilterException.class, e -> {
          assertThat(e.column()).as(e.getMessage()).isEqualTo(column);
          assertThat(e.getMessage()).contains(fragment);
        });
    // The same filter without the schema parses, and binding it later fails the same way.
    Filter unbound = Filter.parse(text);
    assertThatThrownBy(() -> unbound.bind(SCHEMA)).isInstanceOf(FilterException.class);
  }

  @Test
  void apiRefusesBadValues() {
    assertThatThrownBy(() -> Filter.eq("x", Double.NaN)).hasMessageContaining("NaN");
    assertThatThrownBy(() -> Filter.in("x")).hasMessageContaining("at least one value");
    assertThatThrownBy(() -> Filter.eq("x", new Object())).hasMessageContaining("unsupported value type");
    assertThatThrownBy(() -> Filter.eq("", 1)).hasMessageContaining("non-empty");
    assertThatThrownBy(() -> Filter.eq("year", true).bind(SCHEMA))
        .hasMessageContaining("field 'year' is LONG but the value true is a boolean");
  }
}
