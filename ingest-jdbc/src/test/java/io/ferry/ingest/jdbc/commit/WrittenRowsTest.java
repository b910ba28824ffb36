package io.ferry.ingest.jdbc.commit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.testkit.SparkExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(SparkExtension.class)
class WrittenRowsTest {

  @Test
  void countsTheRowsOfEveryDataFileInPartitionFoldersFromTheFooters(
      SparkSession spark, @TempDir Path dir) throws Exception {
    Path attempt = dir.resolve("_attempt-run=r1-x");
    spark
        .range(0, 1234, 1, 3)
        .selectExpr("id", "id % 3 AS region")
        .write()
        .mode(SaveMode.Overwrite)
        .partitionBy("region")
        .parquet(attempt.toString());
    // Files a reader of the run folder skips: they must not count.
    spark.range(0, 50, 1, 1).write().parquet(attempt.resolve("_temporary/0").toString());
    spark.range(0, 70, 1, 1).write().parquet(attempt.resolve(".hidden").toString());

    long rows =
        WrittenRows.in(
            FileSystem.getLocal(spark.sparkContext().hadoopConfiguration()),
            new org.apache.hadoop.fs.Path(attempt.toUri()));

    assertEquals(1234, rows);
    assertEquals(
        1234, spark.read().parquet(attempt.toString()).count(), "what a reader of the folder sees");
    assertTrue(Files.exists(attempt.resolve("_temporary/0")));
  }

  @Test
  void anEmptyWriteHasNoRows(SparkSession spark, @TempDir Path dir) throws Exception {
    Path attempt = dir.resolve("empty");
    spark.range(0, 0).write().parquet(attempt.toString());

    assertEquals(
        0,
        WrittenRows.in(
            FileSystem.getLocal(spark.sparkContext().hadoopConfiguration()),
            new org.apache.hadoop.fs.Path(attempt.toUri())));
  }

  @Test
  void onlyVisibleParquetFilesAreDataFiles() {
    assertTrue(WrittenRows.isDataFile("/part-00000-c000.snappy.parquet"));
    assertTrue(WrittenRows.isDataFile("/region=eu/part-00000.snappy.parquet"));
    assertFalse(WrittenRows.isDataFile("/_SUCCESS"));
    assertFalse(WrittenRows.isDataFile("/.part-00000.snappy.parquet.crc"));
    assertFalse(WrittenRows.isDataFile("/_temporary/0/part-00000.snappy.parquet"));
    assertFalse(WrittenRows.isDataFile("/.hidden/part-00000.snappy.parquet"));
  }
}
