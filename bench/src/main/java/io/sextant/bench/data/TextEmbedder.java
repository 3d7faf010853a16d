package io.sextant.bench.data;

import java.util.List;

/** Turns texts into vectors of a fixed dimension. */
interface TextEmbedder {
  int dimension();

  /** One vector per text, same order. */
  float[][] embed(List<String> texts);
}
