package io.ferry.sink.redshift.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.core.sql.SqlIdentifier;
import io.ferry.sink.redshift.LoadSource;
import io.ferry.sink.redshift.staging.PartFileName;
import io.ferry.sink.redshift.staging.StagedFile;
import io.ferry.sink.redshift.staging.StagingFormat;
import io.ferry.sink.redshift.warehouse.PostgresWarehouse;
import io.ferry.sink.redshift.warehouse.Warehouse.CopyInto;
import io.ferry.testkit.PostgresDatabase;
import io.ferry.testkit.PostgresExtension;
import io.ferry.testkit.SparkExtension;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Tasks roll their files; every file of the successful attempts is COPYed exactly once. */
@ExtendWith({SparkExtension.class, PostgresExtension.class})
class PipelinedCopyTest {

  @ParameterizedTest
  @EnumSource(
      value = StagingFormat.class,
      names = {"BINARY", "CSV"})
  void rolledFilesOfFewLargePartitionsAreEachCopiedOnce(
      StagingFormat format, SparkSession spark, PostgresDatabase db, @TempDir Path lake)
      throws Exception {
    String table = "rolled_" + format.name().toLowerCase(java.util.Locale.ROOT);
    db.execute("CREATE TABLE " + table + " (id bigint, v text)");
    org.apache.hadoop.fs.Path folder = new org.apache.hadoop.fs.Path(lake.toUri().toString(), "r1");
    FileSystem fs = folder.getFileSystem(spark.sparkContext().hadoopConfiguration());
    var input = spark.sql("SELECT id, repeat('x', 100) AS v FROM range(0, 30000, 1, 2)");

    LoadSource.Copied copied;
    try (Connection c = db.connect()) {
      c.setAutoCommit(false);
      copied =
          new PipelinedCopy(input, folder, fs, format, 64 << 10)
              .copy(
                  c,
                  new PostgresWarehouse(format),
                  new CopyInto(SqlIdentifier.parse(table), List.of("id", "v"), false));
      c.commit();
    }

    assertEquals(30000, copied.rows());
    assertEquals(30000, copied.staged().rows());
    assertEquals(Map.of("v", 100L), copied.staged().maxBytes());
    Map<Integer, Long> filesPerPartition =
        copied.staged().files().stream()
            .map(StagedFile::path)
            .map(p -> PartFileName.parse(p.getName()).orElseThrow())
            .collect(Collectors.groupingBy(PartFileName::partition, Collectors.counting()));
    String extension = format == StagingFormat.BINARY ? ".bin" : ".csv";
    assertTrue(
        copied.staged().files().stream().allMatch(f -> f.path().getName().endsWith(extension)),
        copied.staged().files()::toString);
    assertEquals(2, filesPerPartition.size());
    assertTrue(
        filesPerPartition.get(0) > 20 && filesPerPartition.get(1) > 20,
        filesPerPartition::toString);
    assertEquals(
        List.of(List.of(30000L, 30000L, 449985000L)),
        db.query("SELECT count(*), count(DISTINCT id), sum(id)::bigint FROM " + table));
  }
}
