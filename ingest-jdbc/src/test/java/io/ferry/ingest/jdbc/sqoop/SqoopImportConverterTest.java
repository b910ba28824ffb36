package io.ferry.ingest.jdbc.sqoop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ferry.engine.job.JobSpec;
import io.ferry.ingest.jdbc.JdbcIngestFactory;
import io.ferry.testkit.JobHarness;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqoopImportConverterTest {

  private static JobSpec validate(String hocon) {
    return JobHarness.fromHocon(
            "job.name = migrated\nlake.root = \"file:///tmp/unused-lake\"\n" + hocon)
        .validate();
  }

  @Test
  void everyIssueFlagMapsToAnOptionOrANamedComment() {
    String hocon =
        SqoopImportConverter.convert(
            List.of(
                "sqoop",
                "import",
                "--connect",
                "jdbc:postgresql://db.internal:5432/shop",
                "--username",
                "etl",
                "--password-file",
                "/user/etl/.pw",
                "--table",
                "sales.Orders",
                "--columns",
                "id,amount, placed_at",
                "--where",
                "status <> 'test'",
                "--split-by",
                "id",
                "-m",
                "8",
                "--boundary-query",
                "SELECT 1, 1000 FROM dual",
                "--fetch-size=5000",
                "--incremental",
                "append",
                "--check-column",
                "id",
                "--last-value",
                "1042",
                "--direct",
                "--target-dir",
                "s3://bucket/raw/orders",
                "--as-parquetfile",
                "--null-string",
                "\\\\N",
                "--hive-import",
                "--map-column-java",
                "id=Long",
                "-Dmapreduce.job.queuename=etl"));

    assertEquals(
        """
        # jdbc-ingest stage converted by ferry sqoop-convert
        # --target-dir: not needed, Ferry writes <lake.root>/raw/<job>/<stage>/run=<run-id>; set lake.root in the job
        # --as-parquetfile: not needed, Parquet (Snappy) is the only output format
        # --null-string: not needed, Parquet keeps NULL as NULL and '' as ''; no placeholder string is needed
        # --last-value 1042: Ferry keeps the watermark in its state store; seed it once with ferry run JOB --set-watermark orders=1042
        # Unsupported, no jdbc-ingest equivalent: --hive-import, --map-column-java, -D mapreduce.job.queuename
        connections.source {
          url = "jdbc:postgresql://db.internal:5432/shop"
          user = "etl"
          # --password-file /user/etl/.pw: put the password in an environment variable or AWS Secrets Manager
          password { env = SOURCE_DB_PASSWORD }
        }
        stages = [
          {
            name = orders
            type = jdbc-ingest
            connection = source
            table = "sales.\\"Orders\\""
            columns = ["id", "amount", "placed_at"]
            where = "status <> 'test'"
            split-by = "id"
            partitions = 8
            boundary-query = "SELECT 1, 1000 FROM dual"
            fetch-size = 5000
            direct = true
            incremental.mode = append
            incremental.column = "id"
          }
        ]
        """,
        hocon);
    JobSpec job = validate(hocon);
    assertEquals(JdbcIngestFactory.TYPE, job.stages().get(0).type());
  }

  @Test
  void aFreeFormQueryKeepsConditionsAndAPasswordIsNeverCopied() {
    String hocon =
        SqoopImportConverter.convert(
            List.of(
                "--connect",
                "jdbc:mysql://db:3306/shop",
                "--username",
                "etl",
                "--password",
                "hunter2-secret",
                "-e",
                "SELECT o.id, o.total FROM orders o WHERE $CONDITIONS",
                "--split-by",
                "o.id",
                "--target-dir",
                "/data/orders_q",
                "--direct",
                "--incremental",
                "lastmodified",
                "--check-column",
                "updated_at",
                "--merge-key",
                "id"));

    assertFalse(hocon.contains("hunter2"), hocon);
    assertEquals(
        List.of(
            "# --direct: Ferry's direct mode is PostgreSQL COPY; on this database it reads"
                + " through JDBC (no mysqldump)",
            "  # the password given to sqoop is not copied; never put it in a job file",
            "    name = orders_q",
            "    query = \"SELECT o.id, o.total FROM orders o WHERE $CONDITIONS\"",
            "    split-by = \"o.id\"",
            "    incremental.mode = lastmodified",
            "    merge-keys = [\"id\"]"),
        hocon
            .lines()
            .filter(
                l ->
                    l.contains("--direct")
                        || l.contains("not copied")
                        || l.contains("name =")
                        || l.contains("query =")
                        || l.contains("split-by")
                        || l.contains("mode =")
                        || l.contains("merge-keys"))
            .toList());
    assertEquals("orders_q", validate(hocon).stages().get(0).name());
  }

  @Test
  void argumentsThatCannotMakeAStageAreRefusedWithTheReason() {
    assertEquals(
        "--connect is required",
        assertThrows(
                IllegalArgumentException.class,
                () -> SqoopImportConverter.convert(List.of("--table", "t")))
            .getMessage());
    assertEquals(
        "give exactly one of --table and --query",
        assertThrows(
                IllegalArgumentException.class,
                () -> SqoopImportConverter.convert(List.of("--connect", "jdbc:postgresql://h/d")))
            .getMessage());
    assertEquals(
        "--num-mappers needs a whole number, found 'many'",
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    SqoopImportConverter.convert(
                        List.of(
                            "--connect", "jdbc:postgresql://h/d", "--table", "t", "-m", "many")))
            .getMessage());
    assertEquals(
        "--merge-key needs --incremental lastmodified and --check-column COLUMN: the latest row"
            + " per key is the one with the greatest COLUMN; add them, or drop --merge-key",
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    SqoopImportConverter.convert(
                        List.of(
                            "--connect",
                            "jdbc:postgresql://h/d",
                            "--table",
                            "t",
                            "--merge-key",
                            "id")))
            .getMessage());
    assertEquals(
        "--table needs a value",
        assertThrows(
                IllegalArgumentException.class,
                () -> SqoopImportConverter.convert(List.of("--connect", "jdbc:x://h/d", "--table")))
            .getMessage());
  }

  @Test
  void relaxedIsolationReadsEachPartitionAtItsOwnMomentAndValidates() {
    String hocon =
        SqoopImportConverter.convert(
            List.of("--connect", "jdbc:mysql://h/d", "--table", "t", "--relaxed-isolation"));

    assertEquals(
        List.of(
            "# --relaxed-isolation: partitions read uncommitted rows, each at its own moment;"
                + " remove isolation-level and consistent-read to read one snapshot instead",
            "    isolation-level = read-uncommitted",
            "    consistent-read = false"),
        hocon.lines().filter(l -> l.contains("isolation") || l.contains("consistent")).toList());
    assertEquals("t", validate(hocon).stages().get(0).name());
  }
}
