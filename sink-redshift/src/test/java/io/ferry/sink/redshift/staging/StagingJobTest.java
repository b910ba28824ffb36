package io.ferry.sink.redshift.staging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.testkit.SparkExtension;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A plain Parquet scan is staged from its columnar batches, read in place, and writes exactly the
 * bytes the row path writes for the same data; any other plan takes the row path.
 */
@ExtendWith(SparkExtension.class)
class StagingJobTest {

  /**
   * 30 000 rows in 3 files (more than one 4096-row batch each), every type CSV staging carries,
   * with NULLs, empty strings and values that need quoting (dates from 1900: Parquet would want
   * older ones rebased; the encoder's calendar edges are CsvEncoderTest's).
   */
  private static final String ROWS =
      """
      SELECT id,
        CASE WHEN id % 7 = 0 THEN NULL ELSE id * 1000003 END AS l,
        CAST(id % 1000 - 500 AS INT) AS i,
        CAST(id % 300 - 150 AS SMALLINT) AS s,
        CAST(id % 200 - 100 AS TINYINT) AS b,
        CASE WHEN id % 11 = 0 THEN CAST('NaN' AS DOUBLE) ELSE id / 7.0D END AS d,
        CAST(id / 3.0 AS FLOAT) AS f,
        CAST(id / 100.0 - 20 AS DECIMAL(18,2)) AS dec18,
        CAST(id * 123456789.000000000001 AS DECIMAL(38,12)) AS dec38,
        date_add(DATE'1900-01-02', CAST(id * 97 % 2900000 AS INT)) AS day,
        timestamp_micros(id * 86400000123 - 2208902400000000) AS ts,
        CAST(timestamp_micros(id * 3600000001) AS TIMESTAMP_NTZ) AS ntz,
        CASE id % 5 WHEN 0 THEN NULL WHEN 1 THEN '' WHEN 2 THEN concat(' a,"', id, '"\\n')
          ELSE concat('Grüße ', id) END AS str,
        CASE WHEN id % 3 = 0 THEN NULL ELSE unhex(hex(id)) END AS bin,
        id % 2 = 0 AS flag
      FROM range(0, 30000, 1, 3)
      """;

  /** A PostgreSQL type for each column of {@link #ROWS}, for the binary COPY format. */
  private static final List<String> PG_TYPES =
      List.of(
          "int8",
          "int8",
          "int4",
          "int2",
          "int2",
          "float8",
          "float4",
          "numeric",
          "numeric",
          "date",
          "timestamptz",
          "timestamp",
          "text",
          "bytea",
          "bool");

  @ParameterizedTest
  @EnumSource(
      value = StagingFormat.class,
      names = {"BINARY", "CSV"})
  void aParquetScanIsStagedFromItsBatchesWithTheRowPathsBytes(
      StagingFormat format, SparkSession spark, @TempDir Path dir) throws Exception {
    String parquet = dir.resolve("input").toString();
    spark.sql(ROWS).write().parquet(parquet);

    Dataset<Row> scan = spark.read().parquet(parquet);
    assertTrue(StagingJob.columnarScan(scan).isPresent(), "a Parquet scan is columnar");
    Staged columnar = stage(scan, dir.resolve("columnar"), format);

    String vectorized = "spark.sql.parquet.enableVectorizedReader";
    spark.conf().set(vectorized, "false");
    Staged rows;
    try {
      Dataset<Row> rowScan = spark.read().parquet(parquet);
      assertFalse(StagingJob.columnarScan(rowScan).isPresent(), "the row reader is not columnar");
      rows = stage(rowScan, dir.resolve("rows"), format);
    } finally {
      spark.conf().unset(vectorized);
    }

    assertEquals(30_000, columnar.rows());
    assertEquals(rows.rows(), columnar.rows());
    assertArrayEquals(rows.maxBytes(), columnar.maxBytes());
    assertArrayEquals(rows.bytes(), columnar.bytes());
    if (format == StagingFormat.CSV) {
      assertTrue(
          new String(columnar.bytes(), java.nio.charset.StandardCharsets.UTF_8)
              .contains("\n2,2000006,"),
          "rows are where they should be");
    }
  }

  @Test
  void aFilteredOrProjectedScanIsNotStagedFromBatches(SparkSession spark, @TempDir Path dir) {
    String parquet = dir.resolve("input").toString();
    spark.sql("SELECT id, CAST(id AS STRING) AS s FROM range(0, 10)").write().parquet(parquet);
    Dataset<Row> scan = spark.read().parquet(parquet);

    assertTrue(StagingJob.columnarScan(scan).isPresent());
    assertFalse(StagingJob.columnarScan(scan.filter("id > 3")).isPresent());
    assertFalse(StagingJob.columnarScan(scan.select("s", "id")).isPresent());
    assertFalse(StagingJob.columnarScan(scan.selectExpr("id + 1 AS id", "s")).isPresent());
  }

  private record Staged(long rows, long[] maxBytes, byte[] bytes) {}

  /** Stages with small files (several per task) and reads them back in partition, file order. */
  private static Staged stage(Dataset<Row> input, Path out, StagingFormat format)
      throws IOException {
    org.apache.hadoop.fs.Path folder = new org.apache.hadoop.fs.Path(out.toUri());
    FileSystem fs = folder.getFileSystem(input.sparkSession().sparkContext().hadoopConfiguration());
    Staging.prepare(fs, folder);
    List<StagedPart> parts = new CopyOnWriteArrayList<>();
    FileEncoding encoding =
        format == StagingFormat.BINARY
            ? FileEncoding.binary(input.schema(), PG_TYPES)
            : FileEncoding.csv(
                input.schema(), io.ferry.sink.redshift.warehouse.PostgresWarehouse.CSV_FORM);
    StagingJob.start(input, folder, encoding, 64 << 10, parts::add).await();
    ByteArrayOutputStream csv = new ByteArrayOutputStream();
    long rows = 0;
    long[] maxBytes = null;
    for (StagedPart part :
        parts.stream().sorted(Comparator.comparingInt(StagedPart::partition)).toList()) {
      assertTrue(part.files().size() > 1, "files roll every 64 KB");
      for (StagedPart.File file : part.files()) {
        csv.write(Files.readAllBytes(Path.of(java.net.URI.create(file.path()))));
      }
      rows += part.rows();
      long[] m = part.maxBytes();
      if (maxBytes == null) {
        maxBytes = m;
      } else {
        for (int k = 0; k < m.length; k++) {
          maxBytes[k] = Math.max(maxBytes[k], m[k]);
        }
      }
    }
    return new Staged(rows, maxBytes, csv.toByteArray());
  }
}
