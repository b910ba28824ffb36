package io.ferry.transform.sql;

import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.catalyst.parser.ParseException;

/** Spark SQL errors as users should read them: Spark's message and position, no plan dump. */
final class SqlErrors {
  private SqlErrors() {}

  /**
   * A parse error keeps Spark's excerpt with the caret under the position; an analysis error keeps
   * its message with {@code line L pos P} but not the unresolved plan Spark appends.
   */
  static String message(AnalysisException e) {
    String text = e instanceof ParseException ? e.getMessage() : e.getSimpleMessage();
    return text.strip();
  }
}
