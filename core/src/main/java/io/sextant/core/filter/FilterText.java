package io.sextant.core.filter;

import java.time.Instant;
import java.util.List;
import java.util.StringJoiner;

/** Renders a filter in the text syntax that {@link FilterParser} reads back. */
final class FilterText {
  private FilterText() {}

  static String render(Filter f) {
    StringBuilder sb = new StringBuilder();
    render(f, sb, 0);
    return sb.toString();
  }

  // Precedence: 0 = OR context, 1 = AND context, 2 = operand of NOT.
  private static void render(Filter f, StringBuilder sb, int context) {
    switch (f) {
      case Filter.Eq e -> sb.append(field(e.field())).append(" = ").append(literal(e.value()));
      case Filter.In in -> {
        StringJoiner j = new StringJoiner(", ", field(in.field()) + " IN (", ")");
        for (Object v : in.values()) j.add(literal(v));
        sb.append(j);
      }
      case Filter.Range r -> renderRange(r, sb, context);
      case Filter.Exists e -> sb.append("exists(").append(field(e.field())).append(')');
      case Filter.Not n -> {
        sb.append("NOT ");
        boolean leaf = !(n.operand() instanceof Filter.And || n.operand() instanceof Filter.Or
            || n.operand() instanceof Filter.Range r && r.lower() != null && r.upper() != null
                && !(r.lowerInclusive() && r.upperInclusive()));
        if (leaf) {
          render(n.operand(), sb, 2);
        } else {
          sb.append('(');
          render(n.operand(), sb, 0);
          sb.append(')');
        }
      }
      case Filter.And a -> group(a.operands(), " AND ", sb, context > 1, 1);
      case Filter.Or o -> group(o.operands(), " OR ", sb, context > 0, 0);
    }
  }

  private static void group(List<Filter> ops, String sep, StringBuilder sb, boolean paren,
      int inner) {
    if (paren) sb.append('(');
    for (int i = 0; i < ops.size(); i++) {
      if (i > 0) sb.append(sep);
      render(ops.get(i), sb, inner);
    }
    if (paren) sb.append(')');
  }

  private static void renderRange(Filter.Range r, StringBuilder sb, int context) {
    String f = field(r.field());
    if (r.lower() != null && r.upper() != null) {
      if (r.lowerInclusive() && r.upperInclusive()) {
        sb.append(f).append(" BETWEEN ").append(literal(r.lower())).append(" AND ")
            .append(literal(r.upper()));
        return;
      }
      boolean paren = context > 1;
      if (paren) sb.append('(');
      sb.append(f).append(r.lowerInclusive() ? " >= " : " > ").append(literal(r.lower()))
          .append(" AND ").append(f).append(r.upperInclusive() ? " <= " : " < ")
          .append(literal(r.upper()));
      if (paren) sb.append(')');
    } else if (r.lower() != null) {
      sb.append(f).append(r.lowerInclusive() ? " >= " : " > ").append(literal(r.lower()));
    } else {
      sb.append(f).append(r.upperInclusive() ? " <= " : " < ").append(literal(r.upper()));
    }
  }

  static String field(String name) {
    if (FilterLexer.isPlainIdentifier(name)) return name;
    return '`' + name.replace("`", "``") + '`';
  }

  static String literal(Object v) {
    return switch (v) {
      case String s -> quote(s);
      case Instant t -> quote(t.toString());
      case Double d -> Double.isInfinite(d) ? (d > 0 ? "1e400" : "-1e400") : d.toString();
      default -> v.toString();
    };
  }

  private static String quote(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\t' -> sb.append("\\t");
        case '\r' -> sb.append("\\r");
        default -> {
          if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
          else sb.append(c);
        }
      }
    }
    return sb.append('"').toString();
  }
}
