package io.ferry.testkit;

import static java.util.Objects.requireNonNull;

/**
 * The Spark line a test JVM runs on: Ferry's default build (Amazon EMR 7.x: Spark 3.5, Scala 2.12)
 * or the {@code emr-spark-8} Maven profile's (Amazon EMR 8.x: Spark 4.0, Scala 2.13).
 *
 * <p>For the few expectations that are Spark's own behaviour and differ between the lines: the
 * wording of Spark's error messages (Spark 4 says "column, variable, or function parameter" and
 * appends the SQLSTATE) and ANSI SQL mode, off by default in Spark 3.5 and on in Spark 4.
 * Everything Ferry itself does must be the same on both lines; use this only where Spark differs.
 */
public enum SparkLine {
  /** Spark 3.5 / Scala 2.12, Ferry's default build. */
  EMR_7,
  /** Spark 4.0 / Scala 2.13, the {@code emr-spark-8} profile. */
  EMR_8;

  /**
   * The line of the Spark classes on this JVM's classpath.
   *
   * @throws IllegalStateException for a Spark version Ferry does not build against
   */
  public static SparkLine current() {
    return of(org.apache.spark.package$.MODULE$.SPARK_VERSION());
  }

  /**
   * The line of a Spark version such as {@code 3.5.6} or {@code 4.0.2}.
   *
   * @throws IllegalStateException for a version neither line builds against
   */
  static SparkLine of(String sparkVersion) {
    requireNonNull(sparkVersion, "sparkVersion");
    if (sparkVersion.startsWith("3.5.")) {
      return EMR_7;
    }
    if (sparkVersion.startsWith("4.0.")) {
      return EMR_8;
    }
    throw new IllegalStateException(
        "Spark "
            + sparkVersion
            + " is neither Ferry's default line (3.5) nor the emr-spark-8 profile's (4.0);"
            + " build with ./mvnw or ./mvnw -Pemr-spark-8");
  }

  /** {@code onEmr7} on the default line, {@code onEmr8} on the Spark 4 line. */
  public static <T> T either(T onEmr7, T onEmr8) {
    requireNonNull(onEmr7, "onEmr7");
    requireNonNull(onEmr8, "onEmr8");
    return current() == EMR_7 ? onEmr7 : onEmr8;
  }
}
