package io.ferry.core.sql;

/**
 * Column names as Spark SQL reads them in {@code Dataset.col}, {@code functions.expr} and DDL:
 * always in backticks, a backtick inside doubled, so a name with dots, spaces or quotes is one
 * column, never a path or an expression.
 */
public final class SparkColumn {
  private SparkColumn() {}

  /** {@code a.b} as {@code `a.b`}; {@code x`y} as {@code `x``y`}. */
  public static String quoted(String name) {
    return "`" + name.replace("`", "``") + "`";
  }
}
