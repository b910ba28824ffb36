package io.ferry.core.sql;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.Map;

/**
 * A Spark SQL data type written in config, e.g. {@code decimal(20,4)}, {@code string}, {@code
 * array<bigint>}, checked by a small parser of Spark's type syntax so that validation needs no
 * Spark classes. The stage turns it into Spark's type at run with {@code
 * DataType.fromDDL(type.ddl())}; the parser accepts exactly what that call accepts for the types
 * below (a test holds the two together).
 *
 * <p>Accepted: {@code boolean}, {@code tinyint|byte}, {@code smallint|short}, {@code int|integer},
 * {@code bigint|long}, {@code float|real}, {@code double}, {@code date}, {@code timestamp}, {@code
 * timestamp_ntz}, {@code timestamp_ltz}, {@code string}, {@code binary}, {@code
 * decimal|dec|numeric[(p[,s])]} with 1 &lt;= p &lt;= 38 and 0 &lt;= s &lt;= p, {@code char(n)},
 * {@code varchar(n)}, {@code array<t>}, {@code map<k,v>}, {@code struct<name: t, ...>}.
 *
 * @param ddl the type in Spark's own syntax, normalised to lower case without spaces
 */
public record SparkSqlType(String ddl) {
  private static final int MAX_DECIMAL_PRECISION = 38;
  private static final Map<String, String> PRIMITIVES =
      Map.ofEntries(
          Map.entry("boolean", "boolean"),
          Map.entry("tinyint", "tinyint"),
          Map.entry("byte", "tinyint"),
          Map.entry("smallint", "smallint"),
          Map.entry("short", "smallint"),
          Map.entry("int", "int"),
          Map.entry("integer", "int"),
          Map.entry("bigint", "bigint"),
          Map.entry("long", "bigint"),
          Map.entry("float", "float"),
          Map.entry("real", "float"),
          Map.entry("double", "double"),
          Map.entry("date", "date"),
          Map.entry("timestamp", "timestamp"),
          Map.entry("timestamp_ntz", "timestamp_ntz"),
          Map.entry("timestamp_ltz", "timestamp_ltz"),
          Map.entry("string", "string"),
          Map.entry("binary", "binary"));

  public SparkSqlType {
    requireNonNull(ddl, "ddl");
  }

  /**
   * Parses a type as written in config.
   *
   * @throws IllegalArgumentException saying what is wrong and giving examples
   */
  public static SparkSqlType parse(String text) {
    requireNonNull(text, "text");
    Parser parser = new Parser(text);
    String ddl = parser.type();
    parser.skipSpaces();
    if (!parser.atEnd()) {
      throw parser.error("unexpected '" + parser.rest() + "'");
    }
    return new SparkSqlType(ddl);
  }

  /** Whether this is a decimal type. */
  public boolean isDecimal() {
    return ddl.startsWith("decimal(");
  }

  @Override
  public String toString() {
    return ddl;
  }

  private static final class Parser {
    private final String text;
    private int pos;

    Parser(String text) {
      this.text = text;
    }

    String type() {
      skipSpaces();
      String word = word();
      switch (word) {
        case "decimal", "dec", "numeric" -> {
          return decimal();
        }
        case "char", "varchar" -> {
          expect('(');
          int length = number();
          if (length < 1) {
            throw error(word + " length must be at least 1");
          }
          expect(')');
          return word + "(" + length + ")";
        }
        case "array" -> {
          expect('<');
          String element = type();
          expect('>');
          return "array<" + element + ">";
        }
        case "map" -> {
          expect('<');
          String key = type();
          expect(',');
          String value = type();
          expect('>');
          return "map<" + key + "," + value + ">";
        }
        case "struct" -> {
          return struct();
        }
        default -> {
          String primitive = PRIMITIVES.get(word);
          if (primitive == null) {
            throw error(word.isEmpty() ? "a type name is missing" : "unknown type '" + word + "'");
          }
          return primitive;
        }
      }
    }

    private String decimal() {
      int precision = 10;
      int scale = 0;
      if (peek('(')) {
        expect('(');
        precision = number();
        if (peek(',')) {
          expect(',');
          scale = number();
        }
        expect(')');
      }
      if (precision < 1 || precision > MAX_DECIMAL_PRECISION) {
        throw error("decimal precision must be 1 to " + MAX_DECIMAL_PRECISION);
      }
      if (scale > precision) {
        throw error("decimal scale cannot exceed its precision");
      }
      return "decimal(" + precision + "," + scale + ")";
    }

    private String struct() {
      expect('<');
      StringBuilder sb = new StringBuilder("struct<");
      skipSpaces();
      boolean first = true;
      while (!peek('>')) {
        if (!first) {
          expect(',');
          sb.append(',');
        }
        first = false;
        skipSpaces();
        String name = fieldName();
        skipSpaces();
        if (peek(':')) {
          expect(':');
        }
        sb.append(name).append(':').append(type());
        skipSpaces();
      }
      expect('>');
      return sb.append('>').toString();
    }

    private String fieldName() {
      if (peek('`')) {
        int end = text.indexOf('`', pos + 1);
        if (end < 0) {
          throw error("unclosed '`'");
        }
        String name = text.substring(pos, end + 1);
        pos = end + 1;
        return name;
      }
      int start = pos;
      while (pos < text.length()
          && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
        pos++;
      }
      if (start == pos) {
        throw error("a struct field name is missing");
      }
      return text.substring(start, pos);
    }

    private String word() {
      int start = pos;
      while (pos < text.length()
          && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
        pos++;
      }
      return text.substring(start, pos).toLowerCase(Locale.ROOT);
    }

    private int number() {
      skipSpaces();
      int start = pos;
      while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
        pos++;
      }
      if (start == pos || pos - start > 9) {
        throw error("expected a number");
      }
      return Integer.parseInt(text.substring(start, pos));
    }

    private boolean peek(char c) {
      skipSpaces();
      return pos < text.length() && text.charAt(pos) == c;
    }

    private void expect(char c) {
      if (!peek(c)) {
        throw error("expected '" + c + "'" + (atEnd() ? " at the end" : " at '" + rest() + "'"));
      }
      pos++;
    }

    void skipSpaces() {
      while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
        pos++;
      }
    }

    boolean atEnd() {
      return pos >= text.length();
    }

    String rest() {
      return text.substring(pos);
    }

    IllegalArgumentException error(String why) {
      return new IllegalArgumentException(
          "'"
              + text
              + "' is not a Spark SQL type: "
              + why
              + " (e.g. decimal(20,4), string, timestamp, array<bigint>)");
    }
  }
}
