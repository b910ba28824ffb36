package io.ferry.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SparkLineTest {

  @Test
  void theClasspathHoldsTheSparkAndScalaThatMavenBuiltFor() {
    // Set by the parent pom's surefire configuration from the active line's properties.
    String spark = System.getProperty("ferry.spark.version");
    String scalaBinary = System.getProperty("ferry.scala.binary.version");

    assertEquals(spark, org.apache.spark.package$.MODULE$.SPARK_VERSION());
    assertEquals(
        scalaBinary, scala.util.Properties.versionNumberString().replaceAll("\\.\\d+$", ""));
    assertEquals(
        scalaBinary.equals("2.12") ? SparkLine.EMR_7 : SparkLine.EMR_8, SparkLine.current());
  }

  @Test
  void sparkVersionsMapToTheirLine() {
    assertEquals(SparkLine.EMR_7, SparkLine.of("3.5.6"));
    assertEquals(SparkLine.EMR_8, SparkLine.of("4.0.2"));
  }

  @Test
  void aSparkVersionNeitherLineBuildsAgainstIsRefusedSayingHowToBuild() {
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> SparkLine.of("3.4.1"));

    assertEquals(
        "Spark 3.4.1 is neither Ferry's default line (3.5) nor the emr-spark-8 profile's (4.0);"
            + " build with ./mvnw or ./mvnw -Pemr-spark-8",
        e.getMessage());
  }

  @Test
  void eitherPicksTheCurrentLinesValue() {
    assertEquals(
        SparkLine.current() == SparkLine.EMR_7 ? "seven" : "eight",
        SparkLine.either("seven", "eight"));
  }
}
