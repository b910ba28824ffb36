package io.ferry.transform.sql;

import java.util.Optional;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.catalyst.parser.ParseException;
import org.apache.spark.sql.execution.SparkSqlParser;

/** Spark SQL errors as users should read them: Spark's message and position, no plan dump. */
public final class SqlErrors {
  private SqlErrors() {}

  /**
   * A parse error keeps Spark's excerpt with the caret under the position; an analysis error keeps
   * its message with {@code line L pos P} but not the unresolved plan Spark appends.
   */
  public static String message(AnalysisException e) {
    String text = e instanceof ParseException ? e.getMessage() : e.getSimpleMessage();
    return text.strip();
  }

  /**
   * Parses a statement with Spark's parser, which needs no session.
   *
   * @return Spark's message with the position, when the statement does not parse
   */
  public static Optional<String> syntaxError(String sql) {
    try {
      new SparkSqlParser().parsePlan(sql);
      return Optional.empty();
    } catch (Exception e) {
      return Optional.of(parseMessage(e));
    }
  }

  /**
   * Parses a boolean expression (a {@code WHERE} predicate) with Spark's parser.
   *
   * @return Spark's message with the position, when the expression does not parse
   */
  public static Optional<String> expressionSyntaxError(String expression) {
    try {
      new SparkSqlParser().parseExpression(expression);
      return Optional.empty();
    } catch (Exception e) {
      return Optional.of(parseMessage(e));
    }
  }

  /**
   * Rethrows anything but Spark's analysis and parse errors, whose message it returns.
   *
   * <p>Scala declares no checked exceptions, so javac cannot see that they escape Spark's API.
   */
  public static String analysisMessage(Exception e) {
    if (e instanceof AnalysisException analysis) {
      return message(analysis);
    }
    if (e instanceof RuntimeException runtime) {
      throw runtime;
    }
    throw new IllegalStateException(e);
  }

  private static String parseMessage(Exception e) {
    if (e instanceof ParseException parse) {
      return message(parse);
    }
    if (e instanceof RuntimeException runtime) {
      throw runtime;
    }
    throw new IllegalStateException(e);
  }
}
