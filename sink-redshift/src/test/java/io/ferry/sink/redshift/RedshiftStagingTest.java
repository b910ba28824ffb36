package io.ferry.sink.redshift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ferry.sink.redshift.amazon.CopyCommand;
import io.ferry.sink.redshift.staging.Manifest;
import io.ferry.sink.redshift.staging.StagedFile;
import io.ferry.sink.redshift.staging.StagedFiles;
import io.ferry.sink.redshift.staging.Staging;
import io.ferry.sink.redshift.staging.StagingFormat;
import io.ferry.testkit.S3Server;
import io.ferry.testkit.S3ServerExtension;
import io.ferry.testkit.SparkExtension;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.zip.GZIPInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Files staged for Redshift's COPY on the S3 server: count, manifest, CSV's NULL sentinel. */
@ExtendWith({SparkExtension.class, S3ServerExtension.class})
class RedshiftStagingTest {

  private static Dataset<Row> input(SparkSession spark) {
    return spark.sql(
        "SELECT id, CASE WHEN id = 0 THEN NULL WHEN id = 1 THEN '' ELSE concat('Grüße ', id) END"
            + " AS note, TIMESTAMP'2026-11-24 10:00:00.5' AS at FROM range(100)");
  }

  @Test
  void parquetFilesAreAMultipleOfTheSlicesAndTheManifestListsThemWithTheirLengths(
      SparkSession spark, S3Server s3) throws Exception {
    s3.applyTo(spark);
    Path folder = new Path("s3a://" + s3.newBucket() + "/lake/_staging/j/load/r1");
    FileSystem fs = folder.getFileSystem(spark.sparkContext().hadoopConfiguration());

    StagedFiles staged =
        new Staging(StagingFormat.PARQUET, CopyCommand.CSV_FORM, OptionalInt.of(4))
            .write(input(spark), folder, fs);
    String url = Manifest.write(staged, fs);

    assertEquals(100, staged.rows());
    assertEquals(4, staged.files().size());
    assertEquals(Map.of("note", 10L), staged.maxBytes());
    assertEquals(folder.toUri().getAuthority(), java.net.URI.create(url).getAuthority());
    assertTrue(url.startsWith("s3://") && url.endsWith("/lake/_staging/j/load/r1/manifest.json"));
    JsonNode manifest;
    try (InputStream in = fs.open(new Path(folder, "manifest.json"))) {
      manifest = new ObjectMapper().readTree(in);
    }
    assertEquals(4, manifest.get("entries").size());
    for (int i = 0; i < 4; i++) {
      JsonNode entry = manifest.get("entries").get(i);
      StagedFile file = staged.files().get(i);
      assertEquals(Manifest.s3Url(file.path()), entry.get("url").asText());
      assertTrue(entry.get("mandatory").asBoolean());
      assertEquals(
          fs.getFileStatus(file.path()).getLen(), entry.get("meta").get("content_length").asLong());
      assertTrue(file.path().getName().endsWith(".snappy.parquet"), file.path().getName());
    }
    Row counts =
        spark
            .read()
            .parquet(staged.paths().stream().map(Path::toString).toArray(String[]::new))
            .selectExpr("count(*)", "count_if(note IS NULL)", "count_if(note = '')")
            .first();
    assertEquals(
        List.of(100L, 1L, 1L), List.of(counts.getLong(0), counts.getLong(1), counts.getLong(2)));
  }

  @Test
  void gzipCsvWritesNullAsTheSentinelAndEmptyAsQuotedEmpty(SparkSession spark, S3Server s3)
      throws Exception {
    s3.applyTo(spark);
    Path folder = new Path("s3a://" + s3.newBucket() + "/lake/_staging/j/load/r2");
    FileSystem fs = folder.getFileSystem(spark.sparkContext().hadoopConfiguration());

    StagedFiles staged =
        new Staging(StagingFormat.CSV, CopyCommand.CSV_FORM, OptionalInt.of(1))
            .write(input(spark).where("id < 3"), folder, fs);

    assertEquals(1, staged.files().size());
    assertTrue(staged.files().get(0).path().getName().endsWith(".csv.gz"));
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    try (InputStream in = new GZIPInputStream(fs.open(staged.files().get(0).path()))) {
      in.transferTo(text);
    }
    List<String> lines = List.of(text.toString(StandardCharsets.UTF_8).split("\n"));
    assertEquals(
        List.of(
            "0,@NULL@,2026-11-24 10:00:00.500000+00:00",
            "1,\"\",2026-11-24 10:00:00.500000+00:00",
            "2,Grüße 2,2026-11-24 10:00:00.500000+00:00"),
        lines.stream().sorted().toList());
  }
}
