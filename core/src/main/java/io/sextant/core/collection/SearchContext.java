package io.sextant.core.collection;

import io.sextant.core.filter.Schema;
import io.sextant.core.text.Bm25Params;
import io.sextant.core.text.TextAnalyzer;

/** What a snapshot needs besides its parts to run filters and text queries. */
record SearchContext(Schema schema, TextAnalyzer analyzer, Bm25Params bm25) {}
