package io.ferry.transform.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.testkit.JobHarness;
import io.ferry.testkit.SparkExtension;
import io.ferry.testkit.SparkLine;
import io.ferry.testkit.TempLake;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * ANSI SQL mode is Spark's default of each line (off on Spark 3.5 / EMR 7, on on Spark 4 / EMR 8):
 * Ferry sets no {@code spark.sql.ansi.enabled}, so a job behaves on each line as plain Spark SQL
 * does there. A job that must behave the same on both sets it in its {@code spark.conf} block.
 */
@ExtendWith(SparkExtension.class)
class AnsiModeTest {
  private static final String ANSI = "spark.sql.ansi.enabled";

  @AfterEach
  void backToTheLinesDefault(SparkSession spark) {
    spark.conf().unset(ANSI);
  }

  private static void runMalformedCast(SparkSession spark, Path lake, String view) {
    JobHarness.fromHocon(
            """
            job.name = ansi
            lake.root = "%s"
            stages = [
              { name = %s, type = sql, sql = "SELECT CAST(s AS INT) AS n FROM VALUES ('12'), ('x') AS t(s)" }
            ]
            """
                .formatted(TempLake.under(lake), view))
        .runSuccessfully(spark);
  }

  @Test
  void aMalformedCastIsNullOnEmr7AndAnErrorOnEmr8(SparkSession spark, @TempDir Path lake) {
    runMalformedCast(spark, lake, "cast_default");

    if (SparkLine.current() == SparkLine.EMR_7) {
      assertEquals(
          List.of(RowFactory.create(12), RowFactory.create((Object) null)),
          spark.table("cast_default").collectAsList());
    } else {
      Exception e =
          assertThrows(Exception.class, () -> spark.table("cast_default").collectAsList());
      assertTrue(
          rootMessage(e).startsWith("[CAST_INVALID_INPUT] The value 'x' of the type \"STRING\""),
          e::getMessage);
    }
  }

  @Test
  void withAnsiModeSetOffAMalformedCastIsNullOnBothLines(SparkSession spark, @TempDir Path lake) {
    spark.conf().set(ANSI, "false");

    runMalformedCast(spark, lake, "cast_ansi_off");

    List<Row> rows = spark.table("cast_ansi_off").collectAsList();
    assertEquals(
        List.of(RowFactory.create(12), RowFactory.create((Object) null)), rows, rows::toString);
  }

  @Test
  void withAnsiModeSetOnAMalformedCastFailsOnBothLines(SparkSession spark, @TempDir Path lake) {
    spark.conf().set(ANSI, "true");

    runMalformedCast(spark, lake, "cast_ansi_on");

    Exception e = assertThrows(Exception.class, () -> spark.table("cast_ansi_on").collectAsList());
    assertTrue(rootMessage(e).startsWith("[CAST_INVALID_INPUT]"), e::getMessage);
  }

  /** The failing cast's own message, whether Spark threw it in the driver or in a task. */
  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getMessage();
  }
}
