package io.sextant.core.filter;

import io.sextant.core.filter.FilterLexer.Kind;
import io.sextant.core.filter.FilterLexer.Token;
import java.util.ArrayList;
import java.util.List;

/**
 * Recursive-descent parser of the filter text syntax:
 *
 * <pre>
 * filter     := or EOF
 * or         := and ( OR and )*
 * and        := unary ( AND unary )*
 * unary      := NOT unary | primary
 * primary    := '(' or ')' | EXISTS '(' field ')' | field comparison
 * comparison := ( '=' | '==' | '!=' | '&lt;&gt;' | '&lt;' | '&lt;=' | '&gt;' | '&gt;=' ) value
 *             | [NOT] IN '(' value ( ',' value )* ')'
 *             | [NOT] BETWEEN value AND value
 * value      := "string" | 'string' | number | TRUE | FALSE
 * field      := identifier | `any name`
 * </pre>
 *
 * Keywords are case-insensitive. Identifiers are letters, digits, '_' and '.', not starting
 * with a digit; other names go in backquotes. With a schema, each field and value is checked
 * where it appears, so an error names the column of the offending token.
 */
final class FilterParser {
  private final String src;
  private final List<Token> tokens;
  private final Schema schema;
  private int i;

  private FilterParser(String src, Schema schema) {
    this.src = src;
    this.tokens = FilterLexer.tokenize(src);
    this.schema = schema;
  }

  static Filter parse(String text, Schema schema) {
    if (text == null) throw new FilterException("filter text is null");
    FilterParser p = new FilterParser(text, schema);
    if (p.peek().kind() == Kind.EOF) {
      throw FilterException.at(text, 0, "empty filter; expected a condition such as lang = \"fr\"");
    }
    Filter f = p.or();
    Token t = p.peek();
    if (t.kind() != Kind.EOF) {
      String hint = t.kind() == Kind.RPAREN ? "unbalanced ')'" : "unexpected " + t.describe()
          + " after a complete condition";
      throw p.error(t, hint + "; expected AND, OR or end of input");
    }
    return f;
  }

  private Filter or() {
    List<Filter> ops = new ArrayList<>();
    ops.add(and());
    while (peek().kind() == Kind.OR) {
      i++;
      ops.add(and());
    }
    return ops.size() == 1 ? ops.getFirst() : new Filter.Or(ops);
  }

  private Filter and() {
    List<Filter> ops = new ArrayList<>();
    ops.add(unary());
    while (peek().kind() == Kind.AND) {
      i++;
      ops.add(unary());
    }
    return ops.size() == 1 ? ops.getFirst() : new Filter.And(ops);
  }

  private Filter unary() {
    if (peek().kind() == Kind.NOT) {
      i++;
      return new Filter.Not(unary());
    }
    return primary();
  }

  private Filter primary() {
    Token t = peek();
    switch (t.kind()) {
      case LPAREN -> {
        i++;
        Filter inner = or();
        Token close = peek();
        if (close.kind() != Kind.RPAREN) {
          throw error(close, "expected ')' to close the '(' at column " + (t.offset() + 1)
              + " but found " + close.describe());
        }
        i++;
        return inner;
      }
      case EXISTS -> {
        i++;
        expect(Kind.LPAREN, "'(' after exists");
        Token f = peek();
        if (f.kind() != Kind.IDENT) {
          throw error(f, "expected a field name inside exists(...) but found " + f.describe());
        }
        i++;
        checkField(f);
        expect(Kind.RPAREN, "')' to close exists(");
        return new Filter.Exists((String) f.value());
      }
      case IDENT -> {
        i++;
        return comparison(t);
      }
      default -> throw error(t, "expected a condition (a field name, '(', NOT or exists(...))"
          + " but found " + t.describe()
          + (isReserved(t) ? "; a field named like a keyword must be written in backquotes" : ""));
    }
  }

  private Filter comparison(Token fieldTok) {
    String field = (String) fieldTok.value();
    FieldType type = checkField(fieldTok);
    Token op = peek();
    boolean negated = false;
    if (op.kind() == Kind.NOT) {
      Token after = peek(1);
      if (after.kind() != Kind.IN && after.kind() != Kind.BETWEEN) {
        throw error(after, "expected IN or BETWEEN after '" + field + " NOT' but found "
            + after.describe());
      }
      negated = true;
      i++;
      op = peek();
    }
    i++;
    Filter f = switch (op.kind()) {
      case EQ -> new Filter.Eq(field, value(field, type));
      case NE -> new Filter.Not(new Filter.Eq(field, value(field, type)));
      case LT, LE, GT, GE -> {
        if (type != null && !type.isOrdered()) {
          throw error(op, "'" + op.text() + "' needs a LONG, DOUBLE or DATE_TIME field, but '"
              + field + "' is " + type);
        }
        Object v = value(field, type);
        yield switch (op.kind()) {
          case LT -> new Filter.Range(field, null, false, v, false);
          case LE -> new Filter.Range(field, null, false, v, true);
          case GT -> new Filter.Range(field, v, false, null, false);
          default -> new Filter.Range(field, v, true, null, false);
        };
      }
      case IN -> {
        expect(Kind.LPAREN, "'(' after IN");
        List<Object> vs = new ArrayList<>();
        vs.add(value(field, type));
        while (peek().kind() == Kind.COMMA) {
          i++;
          vs.add(value(field, type));
        }
        expect(Kind.RPAREN, "',' or ')' in the IN list");
        yield new Filter.In(field, vs);
      }
      case BETWEEN -> {
        if (type != null && !type.isOrdered()) {
          throw error(op, "BETWEEN needs a LONG, DOUBLE or DATE_TIME field, but '" + field
              + "' is " + type);
        }
        Object lo = value(field, type);
        expect(Kind.AND, "AND between the two bounds of BETWEEN");
        Object hi = value(field, type);
        yield new Filter.Range(field, lo, true, hi, true);
      }
      default -> {
        i--;
        throw error(op, "expected an operator (=, !=, <, <=, >, >=, IN, NOT IN, BETWEEN) after '"
            + field + "' but found " + op.describe());
      }
    };
    return negated ? new Filter.Not(f) : f;
  }

  /** The field's type from the schema (null without a schema); unknown fields are errors here. */
  private FieldType checkField(Token fieldTok) {
    if (schema == null) return null;
    try {
      return FilterBinder.fieldType((String) fieldTok.value(), schema);
    } catch (FilterException e) {
      throw FilterException.at(src, fieldTok.offset(), e.getMessage());
    }
  }

  private Object value(String field, FieldType type) {
    Token t = peek();
    Object literal = switch (t.kind()) {
      case STRING, NUMBER -> t.value();
      case TRUE -> Boolean.TRUE;
      case FALSE -> Boolean.FALSE;
      default -> throw error(t, "expected a value (a quoted string, a number, true or false)"
          + " but found " + t.describe()
          + (t.kind() == Kind.IDENT ? "; strings must be quoted" : ""));
    };
    i++;
    if (type == null) return literal;
    try {
      return FilterBinder.value(field, type, literal);
    } catch (FilterException e) {
      throw FilterException.at(src, t.offset(), e.getMessage());
    }
  }

  private void expect(Kind kind, String what) {
    Token t = peek();
    if (t.kind() != kind) throw error(t, "expected " + what + " but found " + t.describe());
    i++;
  }

  private Token peek() {
    return tokens.get(i);
  }

  private Token peek(int ahead) {
    return tokens.get(Math.min(i + ahead, tokens.size() - 1));
  }

  private static boolean isReserved(Token t) {
    return switch (t.kind()) {
      case AND, OR, IN, BETWEEN, TRUE, FALSE -> true;
      default -> false;
    };
  }

  private FilterException error(Token at, String problem) {
    return FilterException.at(src, at.offset(), problem);
  }
}
