package io.sextant.bench.engine;

import java.util.List;
import java.util.stream.Collectors;

/** An index type an engine offers ({@code flat}, {@code hnsw}, ...) and the parameters it takes. */
public record IndexDescriptor(String name, String description, List<ParamSpec> params) {

  public IndexDescriptor {
    params = List.copyOf(params);
  }

  /** The parameter called {@code name}; the error lists the ones this index knows. */
  public ParamSpec param(String engine, String name) {
    for (ParamSpec p : params) if (p.name().equals(name)) return p;
    String known = params.isEmpty() ? "none" : params.stream().map(ParamSpec::name).collect(Collectors.joining(", "));
    throw new IllegalArgumentException("unknown parameter '" + name + "' for " + engine + " index " + this.name
        + " (parameters it takes: " + known + ")");
  }
}
