package io.ferry.sink.redshift.amazon;

/**
 * A Redshift string literal. Redshift reads {@code \} in a literal as an escape character, so both
 * {@code '} and {@code \} are doubled, as Redshift's own QUOTE_LITERAL does
 * (https://docs.aws.amazon.com/redshift/latest/dg/r_QUOTE_LITERAL.html): {@code a\b'c} becomes
 * {@code 'a\\b''c'}. PostgreSQL's standard-conforming literals need only the quotes doubled; use
 * {@link io.ferry.core.sql.SqlIdentifier#literal} there.
 */
public final class RedshiftLiteral {
  private RedshiftLiteral() {}

  /**
   * @throws IllegalArgumentException for a NUL character, which no literal can hold
   */
  public static String of(String value) {
    if (value.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("a SQL literal cannot hold a NUL character");
    }
    return "'" + value.replace("\\", "\\\\").replace("'", "''") + "'";
  }
}
