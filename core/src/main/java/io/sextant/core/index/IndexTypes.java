package io.sextant.core.index;

import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** Looks up {@link IndexType}s by name through {@link ServiceLoader}. */
public final class IndexTypes {
  private static final IndexType FLAT = new FlatIndexType();
  private static volatile Map<String, IndexType> cache;

  private IndexTypes() {}

  /**
   * The index type named {@code name} (case-insensitive).
   *
   * @throws IllegalArgumentException listing the available types when there is none by that name
   */
  public static IndexType get(String name) {
    if (name == null || name.isBlank()) throw new IllegalArgumentException("index type name is empty");
    String key = name.trim().toLowerCase(Locale.ROOT);
    // Core's own type needs no service scan (it reads META-INF/services of every jar on the class
    // path, a noticeable part of a fresh JVM's first Collection.open).
    if (key.equals(FlatIndexType.NAME)) return FLAT;
    IndexType t = all().get(key);
    if (t == null) {
      cache = null; // a module may have been added to a layer since; look again next time
      throw new IllegalArgumentException("unknown index type '" + name + "'; available: " + all().keySet()
          + " (is the module providing it, e.g. sextant-hnsw or sextant-ivf, on the class or module path?)");
    }
    return t;
  }

  /** All index types visible to core, by name. */
  public static Map<String, IndexType> all() {
    Map<String, IndexType> m = cache;
    if (m != null) return m;
    TreeMap<String, IndexType> found = new TreeMap<>();
    for (IndexType t : ServiceLoader.load(IndexType.class, IndexType.class.getClassLoader())) {
      found.putIfAbsent(t.name().toLowerCase(Locale.ROOT), t);
    }
    if (Thread.currentThread().getContextClassLoader() != null) {
      for (IndexType t : ServiceLoader.load(IndexType.class)) found.putIfAbsent(t.name().toLowerCase(Locale.ROOT), t);
    }
    m = Map.copyOf(found);
    cache = m;
    return m;
  }
}
