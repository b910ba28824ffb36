package io.ferry.sink.redshift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.core.secret.Redactor;
import io.ferry.core.sql.SqlIdentifier;
import io.ferry.core.stage.StageFailure;
import io.ferry.core.stage.StandardFailureCode;
import io.ferry.sink.redshift.amazon.Authorization;
import io.ferry.sink.redshift.amazon.CopyCommand;
import io.ferry.sink.redshift.amazon.CopyOptions;
import io.ferry.sink.redshift.amazon.RedshiftLiteral;
import io.ferry.sink.redshift.amazon.RedshiftOptions;
import io.ferry.sink.redshift.amazon.S3Credentials;
import io.ferry.sink.redshift.staging.Manifest;
import io.ferry.sink.redshift.staging.StagedFile;
import io.ferry.sink.redshift.staging.StagedFiles;
import io.ferry.sink.redshift.staging.StagingFormat;
import io.ferry.sink.redshift.table.ColumnDefinition;
import io.ferry.sink.redshift.table.RedshiftColumnTypes;
import io.ferry.sink.redshift.table.TableLayout;
import io.ferry.sink.redshift.table.TargetTable;
import io.ferry.sink.redshift.unload.UnloadStatement;
import io.ferry.sink.redshift.warehouse.RedshiftWarehouse;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * The Redshift warehouse's statements, checked against golden SQL on a recording connection: their
 * text, their order, and where the transaction commits or rolls back. Each test names the page of
 * the Amazon Redshift Database Developer Guide (https://docs.aws.amazon.com/redshift/latest/dg/)
 * its statements follow.
 */
class RedshiftWarehouseGoldenTest {
  private static final String ROLE = "arn:aws:iam::123456789012:role/ferry-load";
  private static final String MANIFEST = "s3://bucket/lake/_staging/j/load/r1/manifest.json";
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-24T12:00:00Z"), ZoneOffset.UTC);
  private static final String INFO_SCHEMA = "SELECT column_name, data_type";
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
          Map.of("note", 100L));

  private static final String BOOK_CREATE =
      "CREATE TABLE IF NOT EXISTS \"analytics\".\"ferry_loads\" (job varchar(256) NOT NULL,"
          + " stage varchar(256) NOT NULL, run_id varchar(256) NOT NULL, target varchar(1024)"
          + " NOT NULL, mode varchar(32) NOT NULL, rows_loaded bigint NOT NULL, watermarks"
          + " varchar(65535), loaded_at timestamptz NOT NULL, PRIMARY KEY (job, stage,"
          + " run_id))";
  private static final String TARGET_COLUMNS =
      "SELECT column_name, data_type, character_maximum_length, numeric_precision, numeric_scale"
          + " FROM information_schema.columns WHERE table_catalog ="
          + " COALESCE(CAST(? AS varchar), current_database()) AND table_schema = COALESCE(CAST(?"
          + " AS varchar), current_schema()) AND table_name = ? ORDER BY ordinal_position";
  private static final List<String> SETUP =
      List.of(
          "CREATE SCHEMA IF NOT EXISTS \"analytics\"",
          BOOK_CREATE,
          "COMMIT",
          TARGET_COLUMNS,
          "ROLLBACK");
  private static final String LOCK_BOOK = "LOCK TABLE \"analytics\".\"ferry_loads\"";
  private static final String LOCK_TARGET = "LOCK TABLE \"analytics\".\"orders\"";
  private static final String FIND =
      "SELECT rows_loaded, watermarks FROM \"analytics\".\"ferry_loads\" WHERE job = ? AND"
          + " stage = ? AND run_id = ?";
  private static final String LATER_LOAD =
      "SELECT run_id FROM \"analytics\".\"ferry_loads\" WHERE job = ? AND stage = ? AND run_id"
          + " <> ? AND loaded_at >= ? ORDER BY loaded_at DESC LIMIT 1";
  private static final Instant STARTED = Instant.parse("2026-11-24T11:00:00Z");
  private static final String PRE_SQL = "DELETE FROM analytics.audit WHERE day = '2026-11-24'";
  private static final String POST_SQL = "ANALYZE \"analytics\".\"orders\"";
  private static final String STAGING =
      "CREATE TEMP TABLE \"ferry_staging\" AS SELECT \"id\", \"amount\", \"note\", \"placed_at\""
          + " FROM \"analytics\".\"orders\" WHERE 1 = 0";
  private static final String COPY_START = "SELECT pg_backend_pid(), CAST(getdate() AS varchar)";
  private static final String COPY_PARQUET =
      "COPY \"ferry_staging\" FROM '"
          + MANIFEST
          + "' IAM_ROLE '"
          + ROLE
          + "' FORMAT AS PARQUET STATUPDATE OFF MANIFEST";
  private static final String COPY_COUNT = "SELECT pg_last_copy_count()";
  private static final String INSERT =
      "INSERT INTO \"analytics\".\"orders\" (\"id\", \"amount\", \"note\", \"placed_at\")"
          + " SELECT \"id\", \"amount\", \"note\", \"placed_at\" FROM \"ferry_staging\"";
  private static final String BOOK_INSERT =
      "INSERT INTO \"analytics\".\"ferry_loads\" (job, stage, run_id, target, mode, rows_loaded,"
          + " watermarks, loaded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

  private static LoadSettings settings(LoadMode mode, List<String> keys, TableLayout layout) {
    return new LoadSettings(
        "wh",
        SqlIdentifier.parse("analytics.orders"),
        mode,
        true,
        keys,
        Optional.empty(),
        List.of(PRE_SQL),
        List.of(POST_SQL),
        SchemaEvolution.NONE,
        OptionalInt.empty(),
        layout,
        false,
        false);
  }

  private static RedshiftOptions options(StagingFormat format, Map<String, String> copyOptions) {
    return new RedshiftOptions(
        format,
        Authorization.IAM_ROLE,
        Optional.of(ROLE),
        OptionalInt.empty(),
        OptionalInt.empty(),
        copyOptions);
  }

  private static RedshiftWarehouse warehouse() {
    return warehouse(false);
  }

  private static RedshiftWarehouse warehouse(boolean serverless) {
    return new RedshiftWarehouse(
        options(StagingFormat.PARQUET, Map.of()), OptionalInt.empty(), serverless);
  }

  private static LoadRequest request() {
    return new LoadRequest(
        "j",
        "load",
        "r1",
        LoadSource.staged(STAGED, null),
        SCHEMA,
        Map.of("orders_in", "2026-11-24T00:00:00Z"),
        Optional.empty(),
        STARTED);
  }

  private static RecordingConnection existingTable() {
    return new RecordingConnection()
        .answer(
            INFO_SCHEMA,
            List.of(
                column("id", "bigint"),
                column("amount", "numeric", "", "12", "2"),
                column("note", "character varying", "256"),
                column("placed_at", "timestamp with time zone")))
        .answer("SELECT pg_backend_pid()", List.of(List.of(1234L, "2026-11-24 12:00:01.5")))
        .answer(COPY_COUNT, List.of(List.of(3L)))
        .answer("SELECT count(*) FROM \"ferry_staging\"", List.of(List.of(0L)));
  }

  /** A catalog row: name, data_type, character_maximum_length, numeric_precision, numeric_scale. */
  private static List<Object> column(String... values) {
    List<Object> row = new ArrayList<>(List.of(values));
    while (row.size() < 5) {
      row.add("");
    }
    return row;
  }

  /** Runs prepare and the transaction as the stage does. */
  private static LoadOutcome load(
      RedshiftWarehouse warehouse, LoadSettings settings, RecordingConnection recording)
      throws Exception {
    Connection c = recording.connection();
    LoadTransaction transaction = new LoadTransaction(warehouse, settings, CLOCK, Duration.ZERO);
    Optional<TargetTable> existing = transaction.prepare(c, Optional.empty());
    return transaction.run(c, request(), existing.isPresent());
  }

  private static List<String> concat(List<String> first, List<String> second) {
    List<String> all = new ArrayList<>(first);
    all.addAll(second);
    return all;
  }

  /**
   * The bookkeeping tables are created and committed before the load transaction, whose first
   * statements are the LOCKs (ferry_loads, then the existing target), and Redshift's MERGE names no
   * target alias: https://docs.aws.amazon.com/redshift/latest/dg/r_MERGE.html,
   * https://docs.aws.amazon.com/redshift/latest/dg/r_LOCK.html,
   * https://docs.aws.amazon.com/redshift/latest/dg/c_serial_isolation.html.
   */
  @Test
  void mergeLocksFirstCopiesTheManifestAndMergesWithoutATargetAlias() throws Exception {
    RecordingConnection recording = existingTable();

    LoadOutcome outcome =
        load(warehouse(), settings(LoadMode.MERGE, List.of("id"), TableLayout.NONE), recording);

    assertEquals(new LoadOutcome(3, 3, false, Optional.of(STAGED)), outcome);
    assertEquals(
        concat(
            SETUP,
            List.of(
                LOCK_BOOK,
                LOCK_TARGET,
                FIND,
                LATER_LOAD,
                PRE_SQL,
                TARGET_COLUMNS,
                STAGING,
                COPY_START,
                COPY_PARQUET,
                COPY_COUNT,
                "SELECT count(*) FROM \"ferry_staging\" WHERE \"id\" IS NULL",
                "SELECT \"id\", count(*) FROM \"ferry_staging\" GROUP BY \"id\" HAVING count(*) > 1"
                    + " ORDER BY \"id\" LIMIT 5",
                "MERGE INTO \"analytics\".\"orders\" USING \"ferry_staging\" AS s ON"
                    + " \"orders\".\"id\" = s.\"id\" WHEN MATCHED THEN UPDATE SET \"amount\" ="
                    + " s.\"amount\", \"note\" = s.\"note\", \"placed_at\" = s.\"placed_at\" WHEN"
                    + " NOT MATCHED THEN INSERT (\"id\", \"amount\", \"note\", \"placed_at\")"
                    + " VALUES (s.\"id\", s.\"amount\", s.\"note\", s.\"placed_at\")",
                BOOK_INSERT,
                POST_SQL,
                "COMMIT")),
        recording.log());
  }

  /**
   * A missing table is created inside the transaction (it is not locked: it did not exist), its
   * varchar sized 4 times the longest value, at least 256:
   * https://docs.aws.amazon.com/redshift/latest/dg/r_CREATE_TABLE_NEW.html.
   */
  @Test
  void missingTableIsCreatedWithHeadroomVarcharsAndTheLayout() throws Exception {
    RecordingConnection recording =
        existingTable()
            .answer(
                INFO_SCHEMA,
                n ->
                    n < 2
                        ? List.of()
                        : List.of(
                            column("id", "bigint"),
                            column("amount", "numeric", "", "12", "2"),
                            column("note", "character varying", "400"),
                            column("placed_at", "timestamp with time zone")));
    TableLayout layout =
        new TableLayout(
            Optional.empty(),
            Optional.of("id"),
            List.of("placed_at", "id"),
            Map.of("note", "zstd"));

    load(warehouse(), settings(LoadMode.APPEND, List.of(), layout), recording);

    assertEquals(
        concat(
            SETUP,
            List.of(
                LOCK_BOOK,
                FIND,
                LATER_LOAD,
                PRE_SQL,
                TARGET_COLUMNS,
                "CREATE TABLE IF NOT EXISTS \"analytics\".\"orders\" (\"id\" bigint, \"amount\""
                    + " decimal(12,2), \"note\" varchar(400) ENCODE zstd, \"placed_at\""
                    + " timestamptz) DISTSTYLE KEY DISTKEY (\"id\") SORTKEY (\"placed_at\","
                    + " \"id\")",
                TARGET_COLUMNS,
                STAGING,
                COPY_START,
                COPY_PARQUET,
                COPY_COUNT,
                INSERT,
                BOOK_INSERT,
                POST_SQL,
                "COMMIT")),
        recording.log());
  }

  @Test
  void varcharHeadroomIsFourTimesTheLongestAtLeast256AtMost65535() {
    RedshiftColumnTypes types =
        new RedshiftColumnTypes(Map.of("a", 10L, "b", 100L, "c", 20_000L), OptionalInt.empty());
    StructType schema =
        new StructType()
            .add("a", DataTypes.StringType)
            .add("b", DataTypes.StringType)
            .add("c", DataTypes.StringType)
            .add("d", DataTypes.createArrayType(DataTypes.StringType))
            .add("e", DataTypes.BinaryType);
    assertEquals(
        List.of(
            new ColumnDefinition("a", "varchar(256)"),
            new ColumnDefinition("b", "varchar(400)"),
            new ColumnDefinition("c", "varchar(65535)"),
            new ColumnDefinition("d", "super"),
            new ColumnDefinition("e", "varbyte(256)")),
        types.columns(schema));
    assertEquals(
        List.of(new ColumnDefinition("a", "varchar(50)")),
        new RedshiftColumnTypes(Map.of("a", 10L), OptionalInt.of(50))
            .columns(new StructType().add("a", DataTypes.StringType)));
  }

  /**
   * Widening a too-short varchar column before the load, outside its transaction:
   * https://docs.aws.amazon.com/redshift/latest/dg/r_ALTER_TABLE.html (ALTER COLUMN ... TYPE cannot
   * run inside a transaction block).
   */
  @Test
  void widenStatementAltersTheColumnTypeToTheHeadroomSize() {
    assertEquals(
        "ALTER TABLE \"analytics\".\"orders\" ALTER COLUMN \"Note\" TYPE varchar(1200)",
        RedshiftLoadStage.widenSql(
            SqlIdentifier.parse("analytics.orders"),
            "Note",
            RedshiftColumnTypes.sized(300, RedshiftColumnTypes.MAX_VARCHAR_BYTES)));
  }

  /**
   * Rejected rows are found by session and time, in STL_LOAD_ERRORS first on a provisioned cluster:
   * https://docs.aws.amazon.com/redshift/latest/dg/r_STL_LOAD_ERRORS.html,
   * https://docs.aws.amazon.com/redshift/latest/dg/PG_BACKEND_PID.html.
   */
  @Test
  void failedCopyRollsBackAndNamesTheRejectedRowsOfTheSession() {
    RecordingConnection recording =
        existingTable()
            .fail("COPY", "ERROR: Load into table 'ferry_staging' failed. Check 'stl_load_errors'")
            .answer(
                "SELECT TRIM(filename)",
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
                load(
                    warehouse(),
                    settings(LoadMode.OVERWRITE, List.of(), TableLayout.NONE),
                    recording));

    assertEquals(
        "COPY from "
            + MANIFEST
            + " failed: ERROR: Load into table 'ferry_staging' failed. Check 'stl_load_errors';"
            + " Redshift rejected rows: file s3://bucket/lake/_staging/j/load/r1/part-00001.parquet"
            + " line 17 column amount: Overflow",
        e.getMessage());
    List<String> log = recording.log();
    assertEquals(
        List.of(
            COPY_START,
            COPY_PARQUET,
            "ROLLBACK",
            "SELECT TRIM(filename), line_number, TRIM(colname), TRIM(err_reason) FROM"
                + " stl_load_errors WHERE session = ? AND starttime >= CAST(? AS timestamp) ORDER"
                + " BY starttime, line_number LIMIT 5"),
        log.subList(log.size() - 4, log.size()));
    assertTrue(log.lastIndexOf("COMMIT") < log.indexOf(COPY_PARQUET));
    assertFalse(log.stream().anyMatch(s -> s.startsWith("DELETE FROM \"analytics\".\"orders\"")));
  }

  /**
   * An empty (or failing) STL lookup falls back to SYS_LOAD_ERROR_DETAIL, which also covers
   * concurrency scaling: https://docs.aws.amazon.com/redshift/latest/dg/SYS_LOAD_ERROR_DETAIL.html.
   */
  @Test
  void loadErrorsFallBackToSysLoadErrorDetailWhenStlHasNone() {
    RecordingConnection recording =
        existingTable()
            .fail("COPY", "ERROR: Load failed")
            .answer(
                "SELECT TRIM(file_name)",
                List.of(List.of("part-00000.csv.gz", 2L, "id", "Invalid digit")));

    CopyFailedException e =
        assertThrows(
            CopyFailedException.class,
            () ->
                load(
                    warehouse(),
                    settings(LoadMode.APPEND, List.of(), TableLayout.NONE),
                    recording));

    assertTrue(
        e.getMessage()
            .endsWith(
                "; Redshift rejected rows: file part-00000.csv.gz line 2 column id: Invalid digit"),
        e.getMessage());
    List<String> log = recording.log();
    assertEquals(
        List.of(
            "ROLLBACK",
            "SELECT TRIM(filename), line_number, TRIM(colname), TRIM(err_reason) FROM"
                + " stl_load_errors WHERE session = ? AND starttime >= CAST(? AS timestamp) ORDER"
                + " BY starttime, line_number LIMIT 5",
            "SELECT TRIM(file_name), line_number, TRIM(column_name), TRIM(error_message) FROM"
                + " sys_load_error_detail WHERE session_id = ? AND start_time >= CAST(? AS"
                + " timestamp) ORDER BY start_time, line_number LIMIT 5"),
        log.subList(log.size() - 3, log.size()));
  }

  /**
   * Redshift Serverless has no STL tables; only the SYS view is asked:
   * https://docs.aws.amazon.com/redshift/latest/mgmt/serverless-monitoring.html.
   */
  @Test
  void serverlessAsksOnlyTheSysView() {
    RecordingConnection recording =
        existingTable()
            .fail("COPY", "ERROR: Load failed")
            .answer(
                "SELECT TRIM(file_name)",
                List.of(List.of("part-00000.parquet", 1L, "day", "Invalid date")));

    CopyFailedException e =
        assertThrows(
            CopyFailedException.class,
            () ->
                load(
                    warehouse(true),
                    settings(LoadMode.APPEND, List.of(), TableLayout.NONE),
                    recording));

    assertTrue(e.getMessage().endsWith("column day: Invalid date"), e.getMessage());
    assertFalse(recording.log().stream().anyMatch(s -> s.contains("stl_load_errors")));
  }

  @Test
  void aRunIdAlreadyCommittedLoadsNothing() throws Exception {
    RecordingConnection recording =
        existingTable()
            .answer(FIND_RUN, List.of(List.of(42L, "{\"orders_in\":\"2026-11-24T00:00:00Z\"}")));

    LoadOutcome outcome =
        load(warehouse(), settings(LoadMode.APPEND, List.of(), TableLayout.NONE), recording);

    assertEquals(LoadOutcome.alreadyCommitted(42), outcome);
    assertEquals(concat(SETUP, List.of(LOCK_BOOK, LOCK_TARGET, FIND, "COMMIT")), recording.log());
  }

  /**
   * TRUNCATE commits the transaction it runs in
   * (https://docs.aws.amazon.com/redshift/latest/dg/r_TRUNCATE.html), which releases the locks:
   * they are taken again, and the run id looked up again, before the INSERT.
   */
  @Test
  void truncateInsertRelocksAndRechecksTheRunIdAfterTheTruncateCommitted() throws Exception {
    RecordingConnection recording = existingTable();

    load(warehouse(), settings(LoadMode.TRUNCATE_INSERT, List.of(), TableLayout.NONE), recording);

    List<String> log = recording.log();
    int copy = log.indexOf(COPY_PARQUET);
    assertEquals(
        List.of(
            COPY_COUNT,
            "TRUNCATE TABLE \"analytics\".\"orders\"",
            LOCK_BOOK,
            LOCK_TARGET,
            FIND,
            LATER_LOAD,
            INSERT,
            BOOK_INSERT),
        log.subList(copy + 1, copy + 9));
  }

  @Test
  void truncateInsertStopsWhenAnotherAttemptCommittedTheRunMeanwhile() throws Exception {
    RecordingConnection recording =
        existingTable()
            .answer(FIND_RUN, n -> n == 0 ? List.of() : List.of(java.util.Arrays.asList(3L, null)));

    LoadOutcome outcome =
        new LoadTransaction(
                warehouse(),
                settings(LoadMode.TRUNCATE_INSERT, List.of(), TableLayout.NONE),
                CLOCK,
                Duration.ZERO)
            .run(
                recording.connection(),
                new LoadRequest(
                    "j",
                    "load",
                    "r1",
                    LoadSource.staged(STAGED, null),
                    SCHEMA,
                    Map.of(),
                    Optional.empty(),
                    STARTED),
                true);

    assertEquals(LoadOutcome.alreadyCommitted(3), outcome);
    List<String> log = recording.log();
    assertEquals(List.of(LOCK_TARGET, FIND, "COMMIT"), log.subList(log.size() - 3, log.size()));
    assertFalse(log.contains(INSERT));
  }

  /**
   * ERROR 1023 (serializable isolation violation) rolls back and runs the whole transaction again:
   * https://docs.aws.amazon.com/redshift/latest/dg/c_serial_isolation.html.
   */
  @Test
  void aSerializableIsolationViolationRunsTheTransactionAgain() throws Exception {
    RecordingConnection recording =
        existingTable()
            .fail(
                LOCK_BOOK,
                "ERROR: 1023 DETAIL: Serializable isolation violation on table - 100, transactions"
                    + " forming the cycle are: 1, 2",
                2);

    LoadOutcome outcome =
        load(warehouse(), settings(LoadMode.APPEND, List.of(), TableLayout.NONE), recording);

    assertEquals(3, outcome.loaded());
    List<String> log = recording.log();
    assertEquals(
        List.of(LOCK_BOOK, "ROLLBACK", LOCK_BOOK, "ROLLBACK", LOCK_BOOK, LOCK_TARGET, FIND),
        log.subList(SETUP.size(), SETUP.size() + 7));
    assertEquals("COMMIT", log.get(log.size() - 1));
  }

  /**
   * A second run of the job waits for the LOCK, which Redshift takes in ACCESS EXCLUSIVE mode,
   * "waiting if necessary for any conflicting locks to be released"
   * (https://docs.aws.amazon.com/redshift/latest/dg/r_LOCK.html); when it finds that another run of
   * the job's stage committed a load since it started, it rolls back before touching the target.
   */
  @Test
  void aRunThatWaitedWhileAnotherRunOfTheJobLoadedRollsBackWithoutLoading() {
    RecordingConnection recording = existingTable().answer(LATER_LOAD, List.of(List.of("r0")));

    StageFailure refused =
        assertThrows(
            StageFailure.class,
            () ->
                load(
                    warehouse(),
                    settings(LoadMode.APPEND, List.of(), TableLayout.NONE),
                    recording));

    assertEquals(StandardFailureCode.TARGET_WRITE_FAILED, refused.code());
    assertEquals(
        "run r0 of job 'j' loaded \"analytics\".\"orders\" while this run (r1, started"
            + " 2026-11-24T11:00:00Z) waited for the lock on \"analytics\".\"ferry_loads\"; two"
            + " runs of one job must not both load, so this one loaded nothing. Run the job again"
            + " once the other run has ended, to load what it did not",
        refused.getMessage());
    assertEquals(
        concat(SETUP, List.of(LOCK_BOOK, LOCK_TARGET, FIND, LATER_LOAD, "ROLLBACK")),
        recording.log());
  }

  @Test
  void otherFailuresAreNotRetried() {
    RecordingConnection recording =
        existingTable().fail(LOCK_BOOK, "ERROR: permission denied for relation ferry_loads");

    assertThrows(
        java.sql.SQLException.class,
        () -> load(warehouse(), settings(LoadMode.APPEND, List.of(), TableLayout.NONE), recording));
    assertEquals(1, recording.log().stream().filter(LOCK_BOOK::equals).count(), "one attempt only");
  }

  @Test
  void copyCountDifferentFromStagedRowsRollsBack() {
    RecordingConnection recording = existingTable().answer(COPY_COUNT, List.of(List.of(2L)));

    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                load(
                    warehouse(),
                    settings(LoadMode.APPEND, List.of(), TableLayout.NONE),
                    recording));

    assertEquals(
        "COPY read 2 rows from s3a://bucket/lake/_staging/j/load/r1 but Spark staged 3; nothing was"
            + " loaded",
        e.getMessage());
    List<String> log = recording.log();
    assertEquals(List.of(COPY_COUNT, "ROLLBACK"), log.subList(log.size() - 2, log.size()));
  }

  /**
   * COPY of gzip CSV: NULL as a backslash-free sentinel, STATUPDATE OFF on the temporary staging
   * table, REGION allowed, and every literal escaped for both ' and \:
   * https://docs.aws.amazon.com/redshift/latest/dg/r_COPY.html,
   * https://docs.aws.amazon.com/redshift/latest/dg/copy-parameters-data-source-s3.html,
   * https://docs.aws.amazon.com/redshift/latest/dg/r_QUOTE_LITERAL.html.
   */
  @Test
  void csvCopyWithProviderChainKeysMasksThemAndEscapesBackslashes() {
    S3Credentials keys =
        S3Credentials.keys(
            "AKIAEXAMPLEKEY01", "secretExampleValue123", Optional.of("tokenExample456"));
    CopyCommand copy =
        new CopyCommand(
            SqlIdentifier.of("ferry_staging"),
            "s3://bucket/o'brien\\x/manifest.json",
            StagingFormat.CSV,
            keys,
            Map.of("acceptinvchars", "\\", "maxerror", "0", "region", "eu-west-1"),
            false);

    assertEquals(
        "COPY \"ferry_staging\" FROM 's3://bucket/o''brien\\\\x/manifest.json' ACCESS_KEY_ID"
            + " '*****' SECRET_ACCESS_KEY '*****' SESSION_TOKEN '*****' FORMAT AS CSV GZIP NULL AS"
            + " '@NULL@' TIMEFORMAT 'auto' DATEFORMAT 'YYYY-MM-DD' STATUPDATE OFF ACCEPTINVCHARS"
            + " '\\\\' MAXERROR 0 REGION 'eu-west-1' MANIFEST",
        copy.display());
    assertEquals(
        copy.display()
            .replace("ACCESS_KEY_ID '*****'", "ACCESS_KEY_ID 'AKIAEXAMPLEKEY01'")
            .replace("SECRET_ACCESS_KEY '*****'", "SECRET_ACCESS_KEY 'secretExampleValue123'")
            .replace("SESSION_TOKEN '*****'", "SESSION_TOKEN 'tokenExample456'"),
        copy.sql());
    assertEquals(
        "COPY failed: *****", Redactor.global().redact("COPY failed: secretExampleValue123"));
  }

  /**
   * Nested Parquet columns load into SUPER with SERIALIZETOJSON:
   * https://docs.aws.amazon.com/redshift/latest/dg/copy_json.html (copying data from columnar
   * Parquet and ORC).
   */
  @Test
  void parquetCopyOfNestedColumnsSerializesThemToJson() {
    RedshiftWarehouse warehouse = warehouse();
    assertEquals(
        List.of(
            COPY_START,
            "COPY \"ferry_staging\" FROM 's3://b/l/_staging/j/s/r/manifest.json' IAM_ROLE '"
                + ROLE
                + "' FORMAT AS PARQUET SERIALIZETOJSON STATUPDATE OFF MANIFEST",
            COPY_COUNT),
        warehouse.copyStatements(
            SqlIdentifier.of("ferry_staging"),
            "\"id\", \"tags\"",
            true,
            "s3://b/l/_staging/j/s/r"));
  }

  /**
   * Parameters that change values without an error are refused, and those Ferry sets itself:
   * https://docs.aws.amazon.com/redshift/latest/dg/copy-parameters-data-conversion.html.
   */
  @Test
  void copyOptionsThatChangeValuesSilentlyAreRefused() {
    assertEquals(
        List.of(
            "COPY parameter 'acceptanydate' is refused: it loads unreadable dates as NULL without"
                + " an error; clean such values in an earlier sql stage instead",
            "COPY parameter 'blanksasnull' is refused: it loads blank strings as NULL without an"
                + " error; clean such values in an earlier sql stage instead",
            "COPY parameter 'emptyasnull' is refused: it loads '' as NULL without an error; clean"
                + " such values in an earlier sql stage instead",
            "COPY parameter 'statupdate' is set by Ferry itself; remove it",
            "COPY parameter 'truncatecolumns' is refused: it cuts strings longer than their column"
                + " without an error; clean such values in an earlier sql stage instead"),
        CopyOptions.problems(
            Map.of(
                "emptyasnull", "",
                "blanksasnull", "",
                "truncatecolumns", "",
                "acceptanydate", "",
                "statupdate", "on",
                "region", "us-east-1"),
            StagingFormat.CSV));
    assertEquals(List.of(), CopyOptions.problems(Map.of("region", "x"), StagingFormat.PARQUET));
  }

  /**
   * Redshift literals double both ' and \, as QUOTE_LITERAL does; UNLOAD's query is such a literal:
   * https://docs.aws.amazon.com/redshift/latest/dg/r_QUOTE_LITERAL.html,
   * https://docs.aws.amazon.com/redshift/latest/dg/r_UNLOAD.html.
   */
  @Test
  void unloadQueryWithQuotesAndBackslashesIsOneEscapedLiteral() {
    assertEquals("'a\\\\b''c'", RedshiftLiteral.of("a\\b'c"));
    assertEquals(
        "UNLOAD ('SELECT * FROM t WHERE note = ''x\\\\y''') TO 's3://b/raw/j/s/run=r1/part_'"
            + " IAM_ROLE '"
            + ROLE
            + "' FORMAT AS PARQUET MANIFEST ALLOWOVERWRITE",
        new UnloadStatement(
                "SELECT * FROM t WHERE note = 'x\\y'",
                "s3://b/raw/j/s/run=r1/part_",
                S3Credentials.iamRole(ROLE))
            .display());
  }

  /**
   * STV_SLICES exists on provisioned clusters only; Serverless is detected (or the query fails) and
   * files are sized by bytes: https://docs.aws.amazon.com/redshift/latest/dg/r_STV_SLICES.html.
   */
  @Test
  void slicesComeFromStvSlicesAndAreAbsentOnServerless() throws Exception {
    RecordingConnection provisioned =
        new RecordingConnection().answer("SELECT count(*) FROM stv_slices", List.of(List.of(4)));
    assertEquals(OptionalInt.of(4), warehouse().slices(provisioned.connection()));
    assertEquals(List.of("SELECT count(*) FROM stv_slices", "COMMIT"), provisioned.log());

    RecordingConnection serverless = new RecordingConnection();
    assertEquals(OptionalInt.empty(), warehouse(true).slices(serverless.connection()));
    assertEquals(List.of(), serverless.log());

    RecordingConnection missing =
        new RecordingConnection()
            .fail(
                "SELECT count(*) FROM stv_slices", "ERROR: relation \"stv_slices\" does not exist");
    assertEquals(OptionalInt.empty(), warehouse().slices(missing.connection()));
    assertEquals(List.of("SELECT count(*) FROM stv_slices", "ROLLBACK"), missing.log());
  }

  /**
   * The session's case folding is read, not assumed:
   * https://docs.aws.amazon.com/redshift/latest/dg/r_enable_case_sensitive_identifier.html.
   */
  @Test
  void caseSensitivityIsReadFromTheSession() throws Exception {
    RecordingConnection off =
        new RecordingConnection()
            .answer("SHOW enable_case_sensitive_identifier", List.of(List.of("off")));
    RecordingConnection on =
        new RecordingConnection()
            .answer("SHOW enable_case_sensitive_identifier", List.of(List.of("on")));

    assertFalse(warehouse().caseSensitive(off.connection()));
    assertTrue(warehouse().caseSensitive(on.connection()));
    assertEquals(List.of("SHOW enable_case_sensitive_identifier", "COMMIT"), off.log());
    LoadSettings folded =
        new LoadSettings(
                "wh",
                SqlIdentifier.parse("\"Analytics\".\"Orders\""),
                LoadMode.APPEND,
                true,
                List.of(),
                Optional.empty(),
                List.of(),
                List.of(),
                SchemaEvolution.NONE,
                OptionalInt.empty(),
                new TableLayout(
                    Optional.empty(),
                    Optional.of("OrderId"),
                    List.of("Day"),
                    Map.of("Note", "zstd")),
                false,
                false)
            .foldedToLowerCase();
    assertEquals(SqlIdentifier.of("analytics", "orders"), folded.table());
    assertEquals(
        new TableLayout(
            Optional.empty(), Optional.of("orderid"), List.of("day"), Map.of("note", "zstd")),
        folded.layout());
  }

  /**
   * Encodings are checked against the column's type:
   * https://docs.aws.amazon.com/redshift/latest/dg/c_Compression_encodings.html.
   */
  @Test
  void anEncodingTheColumnTypeDoesNotAcceptIsRefused() {
    TableLayout layout =
        new TableLayout(
            Optional.empty(),
            Optional.empty(),
            List.of(),
            Map.of("note", "az64", "id", "delta", "flag", "zstd", "gone", "raw"));
    assertEquals(
        List.of(
            "encodings names column 'gone', which the input does not have; it has [id, note,"
                + " flag]",
            "encoding 'az64' does not apply to column 'note' of type varchar(256); it applies to"
                + " [bigint, date, decimal, integer, smallint, timestamp, timestamptz] (raw and"
                + " zstd apply to every type)"),
        layout.encodingProblems(
            List.of(
                new ColumnDefinition("id", "bigint"),
                new ColumnDefinition("note", "varchar(256)"),
                new ColumnDefinition("flag", "boolean"))));
  }

  /**
   * Redshift names hold 127 bytes of UTF-8:
   * https://docs.aws.amazon.com/redshift/latest/dg/r_names.html.
   */
  @Test
  void aColumnNameOver127Utf8BytesIsRefused() {
    String name = "ü".repeat(64);
    StageFailure e =
        assertThrows(StageFailure.class, () -> RedshiftLoadStage.checkIdentifierBytes(name));
    assertEquals(StandardFailureCode.DATA_INVALID, e.code());
    assertEquals(
        "column name '"
            + name
            + "' has 128 bytes in UTF-8; Redshift allows 127"
            + " (https://docs.aws.amazon.com/redshift/latest/dg/r_names.html); rename it in an"
            + " earlier sql stage",
        e.getMessage());
    RedshiftLoadStage.checkIdentifierBytes("ü".repeat(63));
  }

  /**
   * {@code ferry plan} prints the statements the load issues, in the same order: the recorded run
   * matches the plan, placeholders aside.
   */
  @Test
  void planAndRunIssueTheSameStatements() throws Exception {
    LoadSettings settings =
        new LoadSettings(
            "wh",
            SqlIdentifier.parse("analytics.orders"),
            LoadMode.MERGE,
            false,
            List.of("id"),
            Optional.empty(),
            List.of(PRE_SQL),
            List.of(POST_SQL),
            SchemaEvolution.NONE,
            OptionalInt.empty(),
            TableLayout.NONE,
            false,
            false);
    RecordingConnection recording = existingTable();
    LoadTransaction transaction = new LoadTransaction(warehouse(), settings, CLOCK, Duration.ZERO);
    Optional<TargetTable> existing = transaction.prepare(recording.connection(), Optional.empty());
    transaction.run(recording.connection(), request(), existing.isPresent());

    List<String> planned =
        new RedshiftLoadStage("load", Optional.empty(), settings, warehouse())
            .explain()
            .statements();

    List<String> run = recording.log();
    assertEquals(planned.size(), run.size(), () -> planned + "\n" + run);
    for (int i = 0; i < planned.size(); i++) {
      String pattern =
          Pattern.quote(planned.get(i))
              .replace("<input columns>", "\\E.*\\Q")
              .replace("<lake.root>/_staging/<job>/load/<run-id>", "\\E.*\\Q");
      assertTrue(
          Pattern.matches(pattern, run.get(i)),
          "plan: " + planned.get(i) + "\nrun:  " + run.get(i));
    }
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
            + " lake.root to an s3:// location, or load a PostgreSQL warehouse (a"
            + " jdbc:postgresql:// connection) for local runs",
        e.getMessage());
  }
}
