package io.sextant.bench.engine;

import java.util.List;

/** The HNSW parameters shared by every graph engine, with the harness's defaults. */
public final class HnswParams {
  public static final String M = "M";
  public static final String EF_CONSTRUCTION = "efConstruction";
  public static final String EF_SEARCH = "efSearch";

  public static final int DEFAULT_M = 16;
  public static final int DEFAULT_EF_CONSTRUCTION = 100;

  private HnswParams() {}

  /** M (max neighbours per node on upper layers), efConstruction, efSearch (default: k). */
  public static List<ParamSpec> specs(int maxM, int maxEfConstruction) {
    return List.of(
        ParamSpec.build(M, 2, maxM, DEFAULT_M, "max neighbours per node (default " + DEFAULT_M + ")"),
        ParamSpec.build(EF_CONSTRUCTION, 1, maxEfConstruction, DEFAULT_EF_CONSTRUCTION,
            "candidate list size while building (default " + DEFAULT_EF_CONSTRUCTION + ")"),
        ParamSpec.search(EF_SEARCH, 1, 1_000_000, k -> k, "candidate list size while searching (default k)"));
  }
}
