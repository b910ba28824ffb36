package io.ferry.sink.redshift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ferry.core.stage.ExplainsPlan;
import io.ferry.core.stage.StagePlan;
import io.ferry.engine.job.InvalidJobException;
import io.ferry.engine.job.JobSpec;
import io.ferry.testkit.JobHarness;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedshiftLoadFactoryTest {

  private static JobHarness job(String stages) {
    return JobHarness.fromHocon(
        """
        job.name = load_test
        lake.root = "file:///tmp/unused-lake"
        connections {
          pg { url = "jdbc:postgresql://wh.internal:5432/dw", user = etl, password = pw1234 }
          rs { url = "jdbc:redshift://rs.internal:5439/dw", user = etl, password = pw1234 }
          rs_iam { url = "jdbc:redshift:iam://analytics:eu-west-1/dw" }
          rs_iam_user { url = "jdbc:redshift:iam://analytics:eu-west-1/dw?DbUser=etl" }
          rs_iam_pw { url = "jdbc:redshift:iam://analytics:eu-west-1/dw", properties { DbUser = etl }, password = pw1234 }
          rs_serverless { url = "jdbc:redshift:iam://etl.123456789012.eu-west-1.redshift-serverless.amazonaws.com:5439/dev" }
          rs_no_password { url = "jdbc:redshift://rs.internal:5439/dw", user = etl }
          mysql { url = "jdbc:mysql://db.internal:3306/shop", user = etl, password = pw1234 }
        }
        stages = [
          { name = input, type = test-sql, sql = "SELECT 1 AS id" }
        %s
        ]
        """
            .formatted(stages));
  }

  private static List<String> problems(JobHarness harness) {
    InvalidJobException e = assertThrows(InvalidJobException.class, harness::validate);
    return e.problems().stream().sorted().map(p -> p.path() + ": " + p.message()).toList();
  }

  @Test
  void everyWrongOptionIsReportedAtOnce() {
    assertEquals(
        List.of(
            "stages[1].connection: connection is jdbc:redshift: and authorization = iam-role"
                + " requires"
                + " 'iam-role' to be set",
            "stages[2].table: 'a.b.c.d' is not a valid SQL name: an identifier has 1 to 3 parts,"
                + " found 4",
            "stages[3].mode: expected one of append|overwrite|truncate-insert|merge, found"
                + " 'upsert'",
            "stages[4].connection: unknown connection 'nowhere'; define it under 'connections'"
                + " (defined: mysql, pg, rs, rs_iam, rs_iam_pw, rs_iam_user, rs_no_password,"
                + " rs_serverless)",
            "stages[4].table: missing required option: Target table, schema-qualified"
                + " (analytics.orders); always quoted, unquoted parts fold to lower case and"
                + " double-quoted parts keep their case. On Redshift each part holds at most 127"
                + " bytes in UTF-8."),
        problems(
            job(
                """
                { name = redshift_without_role, type = redshift-load, connection = rs, table = a.b }
                { name = bad_table, type = redshift-load, connection = pg, table = "a.b.c.d" }
                { name = bad_mode, type = redshift-load, connection = pg, table = a.b, mode = upsert }
                { name = no_table, type = redshift-load, connection = nowhere }
                """)));
  }

  @Test
  void theWarehouseFollowsTheConnectionAndAContradictingDialectIsRefusedNamingBoth() {
    assertEquals(
        List.of(
            "stages[1].dialect: dialect = postgres does not apply when connection is"
                + " jdbc:redshift:; use redshift",
            "stages[2].dialect: dialect = redshift does not apply when connection is"
                + " jdbc:postgresql:; use postgres",
            "stages[3].connection: connection 'mysql' has a 'mysql' URL; a warehouse is reached"
                + " through jdbc:redshift://, jdbc:redshift:iam:// or jdbc:postgresql://",
            "stages[4].dialect: expected one of redshift|postgres, found 'oracle'"),
        problems(
            job(
                """
                { name = promoted, type = redshift-load, connection = rs, table = a.b,
                  dialect = postgres, iam-role = "arn:aws:iam::123456789012:role/load" }
                { name = local, type = redshift-load, connection = pg, table = a.b,
                  dialect = redshift }
                { name = other, type = redshift-load, connection = mysql, table = a.b }
                { name = unknown, type = redshift-load, connection = pg, table = a.b,
                  dialect = oracle }
                """)));
  }

  /**
   * IAM connections of the Redshift JDBC driver 2.x:
   * https://docs.aws.amazon.com/redshift/latest/mgmt/jdbc20-configuration-options.html and
   * https://docs.aws.amazon.com/redshift/latest/mgmt/jdbc-and-odbc-options-for-database-credentials.html.
   */
  @Test
  void eachConnectionFormIsCheckedForWhatItNeeds() {
    assertEquals(
        List.of(
            "stages[1].connection: connection 'rs_iam' logs in to a provisioned cluster with IAM"
                + " (GetClusterCredentials), which needs DbUser, the database user to log in as"
                + " (in the URL, ?DbUser=etl, or under properties); or set groupFederation = true",
            "stages[2].connection: connection 'rs_iam_pw' uses IAM authentication"
                + " (jdbc:redshift:iam://), which takes no password; remove its password (the"
                + " driver gets temporary credentials from AWS)",
            "stages[3].connection: connection 'rs_no_password' needs a password (from an"
                + " environment variable or Secrets Manager), or a jdbc:redshift:iam:// URL for IAM"
                + " authentication"),
        problems(
            job(
                """
                { name = iam_no_user, type = redshift-load, connection = rs_iam, table = a.b,
                  iam-role = "arn:aws:iam::123456789012:role/load" }
                { name = iam_password, type = redshift-load, connection = rs_iam_pw, table = a.b,
                  iam-role = "arn:aws:iam::123456789012:role/load" }
                { name = no_password, type = redshift-load, connection = rs_no_password,
                  table = a.b, iam-role = "arn:aws:iam::123456789012:role/load" }
                { name = iam_user, type = redshift-load, connection = rs_iam_user, table = a.b,
                  iam-role = "arn:aws:iam::123456789012:role/load" }
                { name = serverless, type = redshift-load, connection = rs_serverless,
                  table = a.b, iam-role = "arn:aws:iam::123456789012:role/load" }
                """)));
  }

  @Test
  void redshiftOptionsAreCheckedAndRefusedForPostgres() {
    assertEquals(
        List.of(
            "stages[1].copy-options: COPY parameter 'maxerror' is not accepted with"
                + " staging-format = parquet (Redshift rejects it for columnar formats; use"
                + " staging-format = csv); allowed: [ACCEPTINVCHARS, EXPLICIT_IDS, FILLRECORD,"
                + " REGION]",
            "stages[2].diststyle: diststyle 'wide' is not one of [all, auto, even, key]",
            "stages[2].iam-role: expected an IAM role ARN (arn:aws:iam::<account>:role/<name>)",
            "stages[3].mode: mode = merge requires 'merge-keys' to be set",
            "stages[3].sortkey: 'sortkey' does not apply when connection is jdbc:postgresql:;"
                + " remove it",
            "stages[3].widen-columns: 'widen-columns' does not apply when connection is"
                + " jdbc:postgresql:; remove it",
            "stages[4].dedupe-by: dedupe-by requires 'merge-keys' to be set",
            "stages[5].staging-format: staging-format = parquet does not apply when connection is"
                + " jdbc:postgresql:; use binary or csv",
            "stages[6].staging-format: staging-format = binary does not apply when connection is"
                + " jdbc:redshift:; use parquet or csv",
            "stages[7].copy-options: COPY parameter 'emptyasnull' is refused: it loads '' as NULL"
                + " without an error; clean such values in an earlier sql stage instead",
            "stages[8].table: 'ü"
                + "ü".repeat(63)
                + "' has 128 bytes in UTF-8; Redshift names hold at most 127"
                + " (https://docs.aws.amazon.com/redshift/latest/dg/r_names.html)"),
        problems(
            job(
                """
                { name = parquet_maxerror, type = redshift-load, connection = rs, table = a.b,
                  iam-role = "arn:aws:iam::123456789012:role/load", copy-options { maxerror = "5" } }
                { name = not_arn, type = redshift-load, connection = rs, table = a.b,
                  iam-role = "load-role", diststyle = wide }
                { name = pg_layout, type = redshift-load, connection = pg, table = a.b,
                  sortkey = [id], mode = merge, widen-columns = true }
                { name = dedupe_alone, type = redshift-load, connection = pg, table = a.b,
                  dedupe-by = v }
                { name = pg_parquet, type = redshift-load, connection = pg, table = a.b,
                  staging-format = parquet }
                { name = redshift_binary, type = redshift-load, connection = rs, table = a.b,
                  iam-role = "arn:aws:iam::123456789012:role/load", staging-format = binary }
                { name = csv_emptyasnull, type = redshift-load, connection = rs, table = a.b,
                  iam-role = "arn:aws:iam::123456789012:role/load", staging-format = csv,
                  copy-options { emptyasnull = "" } }
                { name = long_name, type = redshift-load, connection = rs,
                  table = "a.\\"%s\\"", iam-role = "arn:aws:iam::123456789012:role/load" }
                """
                    .formatted("ü".repeat(64)))));
  }

  @Test
  void mergeKeysOutsideMergeModeAndNonPositiveSizesAreRefused() {
    assertEquals(
        List.of(
            "stages[1].merge-keys: 'merge-keys' does not apply when mode = append or overwrite or"
                + " truncate-insert; remove it",
            "stages[2].slices: must be at least 1, found 0"),
        problems(
            job(
                """
                { name = append_keys, type = redshift-load, connection = pg, table = a.b,
                  merge-keys = [id] }
                { name = no_slices, type = redshift-load, connection = rs, table = a.b,
                  iam-role = "arn:aws:iam::123456789012:role/load", slices = 0 }
                """)));
  }

  @Test
  void unloadRulesFollowTheConnection() {
    assertEquals(
        List.of(
            "stages[1].connection: connection is jdbc:redshift: and authorization = iam-role"
                + " requires"
                + " 'iam-role' to be set",
            "stages[2].dialect: dialect = redshift does not apply when connection is"
                + " jdbc:postgresql:; use postgres",
            "stages[2].iam-role: 'iam-role' does not apply when connection is jdbc:postgresql:;"
                + " remove it",
            "stages[3].connection: connection 'mysql' has a 'mysql' URL; a warehouse is reached"
                + " through jdbc:redshift://, jdbc:redshift:iam:// or jdbc:postgresql://"),
        problems(
            job(
                """
                { name = no_role, type = redshift-unload, connection = rs, query = "SELECT 1" }
                { name = pg_role, type = redshift-unload, connection = pg, query = "SELECT 1",
                  dialect = redshift, iam-role = "arn:aws:iam::123456789012:role/unload" }
                { name = other, type = redshift-unload, connection = mysql, query = "SELECT 1" }
                """)));
  }

  @Test
  void everyRuleOfTheStageIsDeclaredForTheDocs() {
    assertEquals(
        List.of(
            "mode = merge requires 'merge-keys'",
            "when mode = append or overwrite or truncate-insert, 'merge-keys' must not be set",
            "dedupe-by requires 'merge-keys'",
            "when connection is jdbc:redshift:, dialect is redshift",
            "when connection is jdbc:postgresql:, dialect is postgres",
            "when connection is jdbc:redshift:, staging-format is parquet or csv",
            "when connection is jdbc:postgresql:, staging-format is binary or csv",
            "connection is jdbc:redshift: and authorization = iam-role requires 'iam-role'",
            "when connection is jdbc:postgresql:, 'max-length', 'widen-columns', 'authorization',"
                + " 'iam-role', 'slices', 'files-per-slice', 'copy-options', 'diststyle',"
                + " 'distkey', 'sortkey', 'encodings' must not be set"),
        new RedshiftLoadFactory().rules().stream().map(r -> r.describe()).toList());
  }

  @Test
  void planShowsTheCsvCopyWhenCsvIsAskedFor() {
    JobSpec spec =
        job("""
                { name = load, type = redshift-load, connection = pg,
                  table = a.b, staging-format = csv, mode = overwrite }
                """)
            .validate();

    StagePlan plan =
        ((ExplainsPlan) new RedshiftLoadFactory().create(spec.stages().get(1))).explain();

    assertEquals(
        List.of("COPY \"ferry_staging\" (<input columns>) FROM STDIN WITH (FORMAT csv)"),
        plan.statements().stream().filter(s -> s.startsWith("COPY")).toList());
  }

  @Test
  void planOfAPostgresTruncateInsertTruncatesRightBeforeCopyingStraightIntoTheTarget() {
    JobSpec spec =
        job("""
                { name = load, type = redshift-load, connection = pg,
                  table = a.b, mode = truncate-insert }
                """)
            .validate();

    StagePlan plan =
        ((ExplainsPlan) new RedshiftLoadFactory().create(spec.stages().get(1))).explain();

    List<String> statements = plan.statements();
    int truncate = statements.indexOf("TRUNCATE TABLE \"a\".\"b\"");
    assertEquals(
        List.of(
            "TRUNCATE TABLE \"a\".\"b\"",
            "COPY \"a\".\"b\" (<input columns>) FROM STDIN WITH (FORMAT binary)",
            "INSERT INTO \"a\".\"ferry_loads\" (job, stage, run_id, target, mode,"
                + " rows_loaded, watermarks, loaded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            "COMMIT"),
        statements.subList(truncate, statements.size()));
    assertEquals(List.of(), statements.stream().filter(s -> s.contains("ferry_staging")).toList());
  }

  @Test
  void planShowsStagingTargetAndTheStatementsItIssues() {
    JobSpec spec =
        job("""
                { name = load, type = redshift-load, connection = pg,
                  table = "Analytics.\\"Order Lines\\"", input = input }
                """)
            .validate();

    StagePlan plan =
        ((ExplainsPlan) new RedshiftLoadFactory().create(spec.stages().get(1))).explain();

    assertEquals(List.of("dataset input"), plan.reads());
    assertEquals(
        List.of(
            "<lake.root>/_staging/<job>/load/<run-id>",
            "connection 'pg' (postgres) table \"analytics\".\"Order Lines\""),
        plan.writes());
    String lookup =
        "SELECT column_name, data_type, character_maximum_length, numeric_precision,"
            + " numeric_scale FROM information_schema.columns WHERE table_catalog ="
            + " COALESCE(CAST(? AS varchar), current_database()) AND table_schema ="
            + " COALESCE(CAST(? AS varchar), current_schema()) AND table_name = ? ORDER BY"
            + " ordinal_position";
    assertEquals(
        List.of(
            "CREATE SCHEMA IF NOT EXISTS \"analytics\"",
            "CREATE TABLE IF NOT EXISTS \"analytics\".\"ferry_loads\" (job varchar(256) NOT NULL,"
                + " stage varchar(256) NOT NULL, run_id varchar(256) NOT NULL, target varchar(1024)"
                + " NOT NULL, mode varchar(32) NOT NULL, rows_loaded bigint NOT NULL, watermarks"
                + " varchar(65535), loaded_at timestamptz NOT NULL, PRIMARY KEY (job, stage,"
                + " run_id))",
            "COMMIT",
            lookup,
            "ROLLBACK",
            "LOCK TABLE \"analytics\".\"ferry_loads\"",
            "SELECT rows_loaded, watermarks FROM \"analytics\".\"ferry_loads\" WHERE job = ? AND"
                + " stage = ? AND run_id = ?",
            "SELECT run_id FROM \"analytics\".\"ferry_loads\" WHERE job = ? AND stage = ? AND"
                + " run_id <> ? AND loaded_at >= ? ORDER BY loaded_at DESC LIMIT 1",
            lookup,
            "CREATE TABLE IF NOT EXISTS \"analytics\".\"Order Lines\" (<input columns and types>)",
            "COPY \"analytics\".\"Order Lines\" (<input columns>) FROM STDIN WITH (FORMAT binary)",
            "INSERT INTO \"analytics\".\"ferry_loads\" (job, stage, run_id, target, mode,"
                + " rows_loaded, watermarks, loaded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            "COMMIT"),
        plan.statements());
  }
}
