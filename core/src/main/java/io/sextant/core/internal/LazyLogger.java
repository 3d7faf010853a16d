package io.sextant.core.internal;

import java.util.ResourceBundle;

/**
 * A {@link System.Logger} that looks its delegate up on first use. {@code System.getLogger}
 * called from application code resolves the logger at once, which in a fresh JVM initialises the
 * whole logging backend (java.util.logging: LogManager, configuration, about 60 classes and tens
 * of milliseconds); holding loggers in static fields would make every {@code Collection.open} pay
 * that although a clean open logs nothing.
 */
public final class LazyLogger implements System.Logger {
  private final String name;
  private volatile System.Logger delegate;

  private LazyLogger(String name) {
    this.name = name;
  }

  public static System.Logger of(Class<?> owner) {
    return new LazyLogger(owner.getName());
  }

  private System.Logger delegate() {
    System.Logger d = delegate;
    if (d == null) {
      d = System.getLogger(name);
      delegate = d;
    }
    return d;
  }

  @Override
  public String getName() {
    return name;
  }

  @Override
  public boolean isLoggable(Level level) {
    return delegate().isLoggable(level);
  }

  @Override
  public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
    delegate().log(level, bundle, msg, thrown);
  }

  @Override
  public void log(Level level, ResourceBundle bundle, String format, Object... params) {
    delegate().log(level, bundle, format, params);
  }
}
