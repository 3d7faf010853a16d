package io.sextant.bench.engine;

import java.util.List;
import java.util.stream.Collectors;

/** The engines {@code --engine} can name. */
public final class Engines {
  private Engines() {}

  public static List<Engine> all() {
    return List.of(new SextantEngine(), new LuceneEngine(), new JVectorEngine());
  }

  public static Engine byName(String name) {
    for (Engine e : all()) if (e.name().equals(name)) return e;
    throw new IllegalArgumentException("unknown engine '" + name + "' (available: "
        + all().stream().map(Engine::name).collect(Collectors.joining(", ")) + ")");
  }
}
