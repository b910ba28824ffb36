package io.ferry.sink.redshift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.core.sql.SqlIdentifier;
import io.ferry.sink.redshift.redshift.Authorization;
import io.ferry.sink.redshift.redshift.CopyCommand;
import io.ferry.sink.redshift.redshift.RedshiftDialect;
import io.ferry.sink.redshift.redshift.RedshiftOptions;
import io.ferry.sink.redshift.redshift.S3Credentials;
import io.ferry.sink.redshift.staging.Manifest;
import io.ferry.sink.redshift.staging.StagedFile;
import io.ferry.sink.redshift.staging.StagedFiles;
import io.ferry.sink.redshift.staging.StagingFormat;
import io.ferry.sink.redshift.table.TableLayout;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * The Redshift dialect's statements, checked against golden SQL on a recording connection: their
 * text, their order, and where the transaction commits or rolls back.
 */
class RedshiftDialectGoldenTest {
  private static final String ROLE = "arn:aws:iam::123456789012:role/ferry-load";
  private static final String MANIFEST = "s3://bucket/lake/_staging/j/load/r1/manifest.json";
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-24T12:00:00Z"), ZoneOffset.UTC);
  private static final String INFO_SCHEMA = "SELECT column_name FROM information_schema.columns";
  private static final String FIND_RUN = "SELECT rows_loaded, watermarks FROM";

  private static final StructType SCHEMA =
      new StructType()
          .add("id", DataTypes.LongType)
          .add("amount", DataTypes.createDecimalType(12, 2))
          .add("note", DataTypes.StringType)
          .add("placed_at", DataTypes.TimestampType);

  private static final StagedFiles STAGED =
      new StagedFiles(
          new Path("s3a://bucket/lake/_staging/j/load/r1"),
          List.of(
              new StagedFile(
                  new Path("s3a://bucket/lake/_staging/j/load/r1/part-00000.parquet"), 2048),
              new StagedFile(
                  new Path("s3a://bucket/lake/_staging/j/load/r1/part-00001.parquet"), 4096)),
          3,
          List.of("id", "amount", "note", "placed_at"),
          Map.of("note", 40L));

  private static final List<String> BOOK_START =
      List.of(
          "CREATE SCHEMA IF NOT EXISTS \"analytics\"",
          "CREATE TABLE IF NOT EXISTS \"analytics\".\"ferry_loads\" (job varchar(256) NOT NULL,"
              + " stage varchar(256) NOT NULL, run_id varchar(256) NOT NULL, target varchar(1024)"
              + " NOT NULL, mode varchar(32) NOT NULL, rows_loaded bigint NOT NULL, watermarks"
              + " varchar(65535), loaded_at timestamptz NOT NULL, PRIMARY KEY (job, stage,"
              + " run_id))",
          "LOCK TABLE \"analytics\".\"ferry_loads\"",
          "SELECT rows_loaded, watermarks FROM \"analytics\".\"ferry_loads\" WHERE job = ? AND"
              + " stage = ? AND run_id = ?");
  private static final String TARGET_COLUMNS =
      "SELECT column_name FROM information_schema.columns WHERE table_catalog ="
          + " COALESCE(CAST(? AS varchar), current_database()) AND table_schema = COALESCE(CAST(?"
          + " AS varchar), current_schema()) AND table_name = ? ORDER BY ordinal_position";
  private static final String STAGING =
      "CREATE TEMP TABLE \"ferry_staging\" AS SELECT \"id\", \"amount\", \"note\", \"placed_at\""
          + " FROM \"analytics\".\"orders\" WHERE 1 = 0";
  private static final String COPY_PARQUET =
      "COPY \"ferry_staging\" FROM '"
          + MANIFEST
          + "' IAM_ROLE '"
          + ROLE
          + "' FORMAT AS PARQUET MANIFEST";
  private static final String BOOK_INSERT =
      "INSERT INTO \"analytics\".\"ferry_loads\" (job, stage, run_id, target, mode, rows_loaded,"
          + " watermarks, loaded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

  private static LoadSettings settings(LoadMode mode, List<String> keys, TableLayout layout) {
    return new LoadSettings(
        "wh",
        SqlIdentifier.parse("analytics.orders"),
        Dialect.REDSHIFT,
        mode,
        true,
        keys,
        Optional.empty(),
        List.of("DELETE FROM analytics.audit WHERE day = '2026-11-24'"),
        List.of("ANALYZE \"analytics\".\"orders\""),
        SchemaEvolution.NONE,
        OptionalInt.empty(),
        layout,
        false,
        RedshiftOptions.DEFAULTS,
        StagingFormat.BINARY);
  }

  private static RedshiftDialect dialect() {
    return new RedshiftDialect(
        MANIFEST, RedshiftOptions.DEFAULTS, S3Credentials.iamRole(ROLE), OptionalInt.empty());
  }

  private static LoadRequest request() {
    return new LoadRequest(
        "j",
        "load",
        "r1",
        LoadSource.staged(STAGED),
        SCHEMA,
        Map.of("orders_in", "2026-11-24T00:00:00Z"),
        Optional.empty());
  }

  private static RecordingConnection existingTable() {
    return new RecordingConnection()
        .answer(
            INFO_SCHEMA,
            List.of(List.of("id"), List.of("amount"), List.of("note"), List.of("placed_at")))
        .answer("SELECT pg_last_copy_count()", List.of(List.of(3L)))
        .answer("SELECT count(*) FROM \"ferry_staging\"", List.of(List.of(0L)));
  }

  @Test
  void mergeCopiesTheManifestChecksKeysMergesAndCommitsOnce() throws Exception {
    RecordingConnection recording = existingTable();

    LoadOutcome outcome =
        new LoadTransaction(
                dialect(), settings(LoadMode.MERGE, List.of("id"), TableLayout.NONE), CLOCK)
            .run(recording.connection(), request());

    assertEquals(new LoadOutcome(3, 3, false, Optional.of(STAGED)), outcome);
    List<String> expected = new java.util.ArrayList<>(BOOK_START);
    expected.addAll(
        List.of(
            "DELETE FROM analytics.audit WHERE day = '2026-11-24'",
            TARGET_COLUMNS,
            STAGING,
            COPY_PARQUET,
            "SELECT pg_last_copy_count()",
            "SELECT count(*) FROM \"ferry_staging\" WHERE \"id\" IS NULL",
            "SELECT \"id\", count(*) FROM \"ferry_staging\" GROUP BY \"id\" HAVING count(*) > 1"
                + " ORDER BY \"id\" LIMIT 5",
            "MERGE INTO \"analytics\".\"orders\" AS t USING \"ferry_staging\" AS s ON t.\"id\" ="
                + " s.\"id\" WHEN MATCHED THEN UPDATE SET \"amount\" = s.\"amount\", \"note\" ="
                + " s.\"note\", \"placed_at\" = s.\"placed_at\" WHEN NOT MATCHED THEN INSERT"
                + " (\"id\", \"amount\", \"note\", \"placed_at\") VALUES (s.\"id\", s.\"amount\","
                + " s.\"note\", s.\"placed_at\")",
            BOOK_INSERT,
            "ANALYZE \"analytics\".\"orders\"",
            "COMMIT"));
    assertEquals(expected, recording.log());
  }

  @Test
  void missingTableIsCreatedWithBytesSizedVarcharsAndTheLayout() throws Exception {
    RecordingConnection recording =
        existingTable()
            .answer(
                INFO_SCHEMA,
                n ->
                    n == 0
                        ? List.of()
                        : List.of(
                            List.of("id"),
                            List.of("amount"),
                            List.of("note"),
                            List.of("placed_at")));
    TableLayout layout =
        new TableLayout(
            Optional.empty(),
            Optional.of("id"),
            List.of("placed_at", "id"),
            Map.of("note", "zstd"));

    new LoadTransaction(dialect(), settings(LoadMode.APPEND, List.of(), layout), CLOCK)
        .run(recording.connection(), request());

    List<String> log = recording.log();
    assertEquals(TARGET_COLUMNS, log.get(5));
    assertEquals(
        "CREATE TABLE IF NOT EXISTS \"analytics\".\"orders\" (\"id\" bigint, \"amount\""
            + " decimal(12,2), \"note\" varchar(64) ENCODE zstd, \"placed_at\" timestamptz)"
            + " DISTSTYLE KEY DISTKEY (\"id\") SORTKEY (\"placed_at\", \"id\")",
        log.get(6));
    assertEquals(
        List.of(
            TARGET_COLUMNS,
            STAGING,
            COPY_PARQUET,
            "SELECT pg_last_copy_count()",
            "INSERT INTO \"analytics\".\"orders\" (\"id\", \"amount\", \"note\", \"placed_at\")"
                + " SELECT \"id\", \"amount\", \"note\", \"placed_at\" FROM \"ferry_staging\"",
            BOOK_INSERT,
            "ANALYZE \"analytics\".\"orders\"",
            "COMMIT"),
        log.subList(7, log.size()));
  }

  @Test
  void failedCopyRollsBackAndNamesTheFirstRejectedRows() {
    RecordingConnection recording =
        existingTable()
            .fail(
                "COPY",
                "ERROR: Load into table 'ferry_staging' failed. Check 'sys_load_error_detail'")
            .answer("SELECT pg_last_copy_id()", List.of(List.of(4711L)))
            .answer(
                "SELECT TRIM(file_name)",
                List.of(
                    List.of(
                        "s3://bucket/lake/_staging/j/load/r1/part-00001.parquet",
                        17L,
                        "amount",
                        "Overflow")));

    CopyFailedException e =
        assertThrows(
            CopyFailedException.class,
            () ->
                new LoadTransaction(
                        dialect(), settings(LoadMode.OVERWRITE, List.of(), TableLayout.NONE), CLOCK)
                    .run(recording.connection(), request()));

    assertEquals(
        "COPY from "
            + MANIFEST
            + " failed: ERROR: Load into table 'ferry_staging' failed. Check"
            + " 'sys_load_error_detail'; Redshift rejected rows of COPY query 4711: file"
            + " s3://bucket/lake/_staging/j/load/r1/part-00001.parquet line 17 column amount:"
            + " Overflow",
        e.getMessage());
    List<String> log = recording.log();
    assertEquals(
        List.of(
            COPY_PARQUET,
            "ROLLBACK",
            "SELECT pg_last_copy_id()",
            "SELECT TRIM(file_name), line_number, TRIM(column_name), TRIM(error_message) FROM"
                + " sys_load_error_detail WHERE query_id = ? ORDER BY line_number LIMIT 5"),
        log.subList(log.size() - 4, log.size()));
    assertFalse(log.contains("COMMIT"));
    assertFalse(log.stream().anyMatch(s -> s.startsWith("DELETE FROM \"analytics\".\"orders\"")));
  }

  @Test
  void loadErrorsFallBackToStlLoadErrors() {
    RecordingConnection recording =
        existingTable()
            .fail("COPY", "ERROR: Load failed")
            .fail(
                "SELECT TRIM(file_name)",
                "ERROR: relation \"sys_load_error_detail\" does not exist")
            .answer("SELECT pg_last_copy_id()", List.of(List.of(99L)))
            .answer(
                "SELECT TRIM(filename)",
                List.of(List.of("part-00000.csv.gz", 2L, "id", "Invalid digit")));

    CopyFailedException e =
        assertThrows(
            CopyFailedException.class,
            () ->
                new LoadTransaction(
                        dialect(), settings(LoadMode.APPEND, List.of(), TableLayout.NONE), CLOCK)
                    .run(recording.connection(), request()));

    assertTrue(
        e.getMessage()
            .endsWith(
                "; Redshift rejected rows of COPY query 99: file part-00000.csv.gz line 2 column id: Invalid digit"),
        e.getMessage());
    List<String> log = recording.log();
    assertEquals(
        "SELECT TRIM(filename), line_number, TRIM(colname), TRIM(err_reason) FROM stl_load_errors"
            + " WHERE query = ? ORDER BY line_number LIMIT 5",
        log.get(log.size() - 1));
  }

  @Test
  void aRunIdAlreadyCommittedLoadsNothing() throws Exception {
    RecordingConnection recording =
        existingTable()
            .answer(FIND_RUN, List.of(List.of(42L, "{\"orders_in\":\"2026-11-24T00:00:00Z\"}")));

    LoadOutcome outcome =
        new LoadTransaction(
                dialect(), settings(LoadMode.APPEND, List.of(), TableLayout.NONE), CLOCK)
            .run(recording.connection(), request());

    assertEquals(LoadOutcome.alreadyCommitted(42), outcome);
    List<String> expected = new java.util.ArrayList<>(BOOK_START);
    expected.add("COMMIT");
    assertEquals(expected, recording.log());
  }

  @Test
  void truncateInsertTruncatesAfterTheCopySoTheTableIsEmptyOnlyBriefly() throws Exception {
    RecordingConnection recording = existingTable();

    new LoadTransaction(
            dialect(), settings(LoadMode.TRUNCATE_INSERT, List.of(), TableLayout.NONE), CLOCK)
        .run(recording.connection(), request());

    List<String> log = recording.log();
    int copy = log.indexOf(COPY_PARQUET);
    assertEquals("SELECT pg_last_copy_count()", log.get(copy + 1));
    assertEquals("TRUNCATE TABLE \"analytics\".\"orders\"", log.get(copy + 2));
    assertTrue(log.get(copy + 3).startsWith("INSERT INTO \"analytics\".\"orders\""));
  }

  @Test
  void copyCountDifferentFromStagedRowsRollsBack() {
    RecordingConnection recording =
        existingTable().answer("SELECT pg_last_copy_count()", List.of(List.of(2L)));

    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                new LoadTransaction(
                        dialect(), settings(LoadMode.APPEND, List.of(), TableLayout.NONE), CLOCK)
                    .run(recording.connection(), request()));

    assertEquals(
        "COPY read 2 rows from s3a://bucket/lake/_staging/j/load/r1 but Spark staged 3; nothing was loaded",
        e.getMessage());
    List<String> log = recording.log();
    assertEquals(
        List.of("SELECT pg_last_copy_count()", "ROLLBACK"),
        log.subList(log.size() - 2, log.size()));
  }

  @Test
  void csvCopyWithProviderChainKeysMasksThemInDisplay() {
    S3Credentials keys =
        S3Credentials.keys(
            "AKIAEXAMPLEKEY01", "secretExampleValue123", Optional.of("tokenExample456"));
    CopyCommand copy =
        new CopyCommand(
            SqlIdentifier.of("ferry_staging"),
            MANIFEST,
            StagingFormat.CSV,
            keys,
            Map.of(
                "acceptinvchars",
                "?",
                "truncatecolumns",
                "",
                "maxerror",
                "0",
                "statupdate",
                "off"));

    assertEquals(
        "COPY \"ferry_staging\" FROM '"
            + MANIFEST
            + "' ACCESS_KEY_ID '*****' SECRET_ACCESS_KEY"
            + " '*****' SESSION_TOKEN '*****' FORMAT AS CSV GZIP NULL AS '\\N' TIMEFORMAT 'auto'"
            + " DATEFORMAT 'YYYY-MM-DD' ACCEPTINVCHARS '?' MAXERROR 0 STATUPDATE OFF TRUNCATECOLUMNS"
            + " MANIFEST",
        copy.display());
    assertEquals(
        copy.display()
            .replace("ACCESS_KEY_ID '*****'", "ACCESS_KEY_ID 'AKIAEXAMPLEKEY01'")
            .replace("SECRET_ACCESS_KEY '*****'", "SECRET_ACCESS_KEY 'secretExampleValue123'")
            .replace("SESSION_TOKEN '*****'", "SESSION_TOKEN 'tokenExample456'"),
        copy.sql());
    assertEquals(
        "COPY failed: *****",
        io.ferry.core.secret.Redactor.global().redact("COPY failed: secretExampleValue123"));
    assertEquals(Authorization.IAM_ROLE, RedshiftOptions.DEFAULTS.authorization());
  }

  @Test
  void manifestListsEveryFileAsMandatoryS3UrlWithItsLength() {
    assertEquals(
        """
        {
          "entries" : [ {
            "url" : "s3://bucket/lake/_staging/j/load/r1/part-00000.parquet",
            "mandatory" : true,
            "meta" : {
              "content_length" : 2048
            }
          }, {
            "url" : "s3://bucket/lake/_staging/j/load/r1/part-00001.parquet",
            "mandatory" : true,
            "meta" : {
              "content_length" : 4096
            }
          } ]
        }""",
        Manifest.json(STAGED));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> Manifest.s3Url(new Path("file:/tmp/lake/x")));
    assertEquals(
        "Redshift reads staged files only from S3, but the lake path is file:/tmp/lake/x; set"
            + " lake.root to an s3:// location, or use dialect = postgres",
        e.getMessage());
  }
}
