package io.ferry.sink.redshift.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.core.sql.SqlIdentifier;
import io.ferry.sink.redshift.LoadSource;
import io.ferry.sink.redshift.staging.PartFileName;
import io.ferry.sink.redshift.staging.StagingFormat;
import io.ferry.sink.redshift.warehouse.PostgresWarehouse;
import io.ferry.sink.redshift.warehouse.Warehouse.CopyInto;
import io.ferry.testkit.PostgresDatabase;
import io.ferry.testkit.PostgresExtension;
import io.ferry.testkit.SharedSpark;
import io.ferry.testkit.SparkExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.TaskContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A staging task attempt fails after the load COPYed some of its files, and Spark retries it: the
 * load rolls back to before the first COPY and loads only the successful attempts' files, so every
 * row is in the table exactly once. Needs task retries, which local mode gives only with a master
 * such as {@code local[2,2]}: this class runs in its own test JVM (sink-redshift's pom, execution
 * {@code task-retries}).
 */
@ExtendWith({SparkExtension.class, PostgresExtension.class})
class TaskRetryTest {
  private static final long ROWS = 40_000;
  private static final long FAILS_AT = 39_000;

  @Test
  void filesOfAFailedAttemptThatWereCopiedAreRolledBackAndTheRetryLoadsEveryRowOnce(
      SparkSession spark, PostgresDatabase db, @TempDir Path lake) throws Exception {
    Assumptions.assumeTrue(
        SharedSpark.MASTER.matches("local\\[\\d+,\\s*[2-9]\\d*\\]"),
        "needs a master that retries failed tasks, e.g. -D"
            + SharedSpark.MASTER_PROPERTY
            + "=local[2,2]");
    // The first attempt of the task holding row FAILS_AT fails there, after writing (and closing)
    // many 64 KB files, once the load has COPYed some of them: COPY's rows, uncommitted, already
    // grow the table's file, which another session sees. (Local mode: the UDF runs in this JVM.)
    String url = db.jdbcUrl();
    java.util.Properties login = db.jdbcProperties();
    spark
        .udf()
        .register(
            "fail_first_attempt",
            (UDF1<Long, Long>)
                id -> {
                  if (id == FAILS_AT && TaskContext.get().attemptNumber() == 0) {
                    awaitCopiedRows(url, login);
                    throw new IllegalStateException("first attempt fails at row " + id);
                  }
                  return id;
                },
            DataTypes.LongType);
    db.execute("CREATE TABLE retried (id bigint, v text)");
    org.apache.hadoop.fs.Path folder = new org.apache.hadoop.fs.Path(lake.toUri().toString(), "r1");
    FileSystem fs = folder.getFileSystem(spark.sparkContext().hadoopConfiguration());
    var input =
        spark.sql(
            "SELECT fail_first_attempt(id) AS id, repeat('x', 100) AS v"
                + " FROM range(0, "
                + ROWS
                + ", 1, 2)");

    PipelinedCopy pipelined = new PipelinedCopy(input, folder, fs, StagingFormat.BINARY, 64 << 10);
    LoadSource.Copied copied;
    try (Connection c = db.connect()) {
      c.setAutoCommit(false);
      copied =
          pipelined.copy(
              c,
              new PostgresWarehouse(StagingFormat.BINARY),
              new CopyInto(SqlIdentifier.parse("retried"), List.of("id", "v"), false));
      c.commit();
    }

    assertTrue(pipelined.restarted(), "a file of the failed attempt had been COPYed");
    assertEquals(ROWS, copied.rows());
    assertEquals(ROWS, copied.staged().rows());
    assertEquals(
        List.of(List.of(ROWS, ROWS, ROWS * (ROWS - 1) / 2)),
        db.query("SELECT count(*), count(DISTINCT id), sum(id)::bigint FROM retried"));
    Set<Long> loadedAttempts =
        copied.staged().files().stream()
            .map(f -> PartFileName.parse(f.path().getName()).orElseThrow())
            .filter(n -> n.partition() == 1)
            .map(PartFileName::attempt)
            .collect(Collectors.toSet());
    Set<Long> writtenAttempts;
    try (Stream<Path> files = Files.list(Path.of(java.net.URI.create(folder.toString())))) {
      writtenAttempts =
          files
              .map(p -> PartFileName.parse(p.getFileName().toString()))
              .flatMap(java.util.Optional::stream)
              .filter(n -> n.partition() == 1)
              .map(PartFileName::attempt)
              .collect(Collectors.toSet());
    }
    assertEquals(1, loadedAttempts.size(), "only the successful attempt's files are loaded");
    assertEquals(2, writtenAttempts.size(), "the failed attempt's files stay, unread");
  }

  /**
   * Waits until table {@code retried} holds pages, i.e. the load COPYed a file; PostgreSQL sends no
   * notice of that, so this polls, for at most a minute.
   */
  private static void awaitCopiedRows(String url, java.util.Properties login) throws Exception {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(1);
    try (Connection c = new org.postgresql.Driver().connect(url, login);
        var size = c.prepareStatement("SELECT pg_relation_size('retried')")) {
      while (System.nanoTime() < deadline) {
        try (var rows = size.executeQuery()) {
          rows.next();
          if (rows.getLong(1) > 0) {
            return;
          }
        }
        Thread.sleep(20);
      }
    }
    throw new IllegalStateException("the load COPYed no file within a minute");
  }
}
