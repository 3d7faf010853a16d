package io.sextant.core.collection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sextant.core.filter.Filter;
import io.sextant.core.filter.FilterException;
import io.sextant.core.filter.Schema;
import io.sextant.core.vector.Similarity;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Attribute types through the Collection: inference, declaration, clashes, and filter errors. */
class CollectionAttributeErrorsTest {
  private static final float[] V = {1, 0, 0};
  @TempDir Path dir;

  private static CollectionOptions.Builder options() {
    return CollectionOptions.builder().dimension(3).similarity(Similarity.COSINE).index("flat");
  }

  @Test
  void inferredTypeClashNamesDocumentFieldTypeAndValue() throws IOException {
    try (Collection c = Collection.open(dir, options().build())) {
      c.upsert("a", V, Map.of("year", 2020), null);
      assertThatThrownBy(() -> c.upsert("b", V, Map.of("year", "2021"), null))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("document 'b'").hasMessageContaining("'year'").hasMessageContaining("LONG")
          .hasMessageContaining("inferred").hasMessageContaining("\"2021\"").hasMessageContaining("KEYWORD");
      assertThat(c.get("b")).isEmpty(); // nothing written
    }
    // The inferred type survives a reopen (read back from the segment's attribute index).
    try (Collection c = Collection.open(dir)) {
      assertThatThrownBy(() -> c.upsert("b", V, Map.of("year", true), null))
          .hasMessageContaining("'year'").hasMessageContaining("LONG").hasMessageContaining("BOOLEAN");
      c.upsert("b", V, Map.of("year", 2021), null);
      assertThat(c.size()).isEqualTo(2);
    }
  }

  @Test
  void declaredSchemaRefusesUndeclaredAndClashingFieldsAndWidensNumbers() throws IOException {
    Schema schema = Schema.builder().keyword("lang").doubleField("price").dateTime("at").build();
    try (Collection c = Collection.open(dir, options().schema(schema).build())) {
      assertThatThrownBy(() -> c.upsert("a", V, Map.of("colour", "red"), null))
          .hasMessageContaining("document 'a'").hasMessageContaining("'colour'").hasMessageContaining("not declared");
      assertThatThrownBy(() -> c.upsert("a", V, Map.of("price", "cheap"), null))
          .hasMessageContaining("'price'").hasMessageContaining("DOUBLE").hasMessageContaining("declared")
          .hasMessageContaining("\"cheap\"");
      // LONG into DOUBLE and into DATE_TIME (epoch millis) are widened and stored as such.
      c.upsert("a", V, Map.of("lang", "fr", "price", 3, "at", 86_400_000L), null);
      Document d = c.get("a").orElseThrow();
      assertThat(d.attributes()).isEqualTo(Map.of("lang", "fr", "price", 3.0, "at", Instant.ofEpochMilli(86_400_000L)));
      assertThat(c.search(SearchRequest.of(V).filter("price = 3 AND at < \"1970-01-03\"")))
          .extracting(Hit::id).containsExactly("a");
      c.flush();
      assertThat(c.search(SearchRequest.of(V).filter(Filter.eq("price", 3.0).and(Filter.eq("at", Instant.ofEpochMilli(86_400_000L))))))
          .extracting(Hit::id).containsExactly("a");
    }
  }

  @Test
  void declaredSchemaContradictedByStoredSegmentIsAnErrorAtOpen() throws IOException {
    try (Collection c = Collection.open(dir, options().build())) {
      c.upsert("a", V, Map.of("year", 2020), null);
    }
    Schema wrong = Schema.builder().keyword("year").build();
    assertThatThrownBy(() -> Collection.open(dir, options().schema(wrong).build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'year'").hasMessageContaining("LONG").hasMessageContaining("KEYWORD");
  }

  @Test
  void filterErrorsAreClearNeverAnEmptyResult() throws IOException {
    try (Collection c = Collection.open(dir, options().build())) {
      c.upsert("a", V, Map.of("lang", "fr", "year", 2024, "tags", List.of("x", "y")), "texte");
      // Malformed: reported when the request is built, with the column.
      assertThatThrownBy(() -> SearchRequest.of(V).filter("lang = \"fr\" AND"))
          .isInstanceOf(FilterException.class).hasMessageContaining("column 16")
          .satisfies(e -> assertThat(((FilterException) e).column()).isEqualTo(16));
      assertThatThrownBy(() -> SearchRequest.of(V).filter("lang = \"fr"))
          .isInstanceOf(FilterException.class).hasMessageContaining("column 8");
      assertThatThrownBy(() -> SearchRequest.of(V).filter("year >> 3"))
          .isInstanceOf(FilterException.class).hasMessageContaining("column");
      // Unknown field: named, with the known ones and a suggestion; from text, with its column.
      assertThatThrownBy(() -> c.search(SearchRequest.of(V).filter("lang = \"fr\" AND yaer >= 2020")))
          .isInstanceOf(FilterException.class).hasMessageContaining("unknown field 'yaer'")
          .hasMessageContaining("did you mean 'year'").hasMessageContaining("column 17");
      assertThatThrownBy(() -> c.search(SearchRequest.ofText("texte").filter(Filter.eq("colour", "red"))))
          .isInstanceOf(FilterException.class).hasMessageContaining("unknown field 'colour'");
      // Type mismatch: a string for a LONG, a range on a KEYWORD, a number for a KEYWORD.
      assertThatThrownBy(() -> c.search(SearchRequest.of(V).filter("year = \"2024\"")))
          .isInstanceOf(FilterException.class).hasMessageContaining("'year' is LONG");
      assertThatThrownBy(() -> c.search(SearchRequest.of(V).filter(Filter.range("lang", 1, 2))))
          .isInstanceOf(FilterException.class).hasMessageContaining("'lang' is KEYWORD");
      assertThatThrownBy(() -> c.search(SearchRequest.of(V).filter(Filter.eq("tags", 3))))
          .isInstanceOf(FilterException.class).hasMessageContaining("'tags' is KEYWORD");
      // And a correct filter finds the document, in the buffer and in a segment.
      assertThat(c.search(SearchRequest.of(V).filter("lang = \"fr\" AND year >= 2020 AND tags IN (\"y\")")))
          .extracting(Hit::id).containsExactly("a");
      c.flush();
      assertThat(c.search(SearchRequest.of(V).filter("lang = \"fr\" AND year >= 2020 AND tags IN (\"y\")")))
          .extracting(Hit::id).containsExactly("a");
      assertThat(c.search(SearchRequest.of(V).filter("lang = \"en\""))).isEmpty();
    }
  }

  @Test
  void requestNeedsAVectorOrAText() throws IOException {
    try (Collection c = Collection.open(dir, options().build())) {
      assertThatThrownBy(() -> SearchRequest.ofText(null)).hasMessageContaining("query text is null");
      assertThatThrownBy(() -> c.search(SearchRequest.of(new float[] {1, 0})))
          .hasMessageContaining("dimension");
    }
  }
}
