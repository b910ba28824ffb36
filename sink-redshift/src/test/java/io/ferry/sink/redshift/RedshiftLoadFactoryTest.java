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
        connections.wh { url = "jdbc:postgresql://wh.internal:5439/dw", user = etl, password = pw1234 }
        stages = [
          { name = input, type = test-sql, sql = "SELECT 1 AS id" }
        %s
        ]
        """
            .formatted(stages));
  }

  @Test
  void everyWrongOptionIsReportedAtOnce() {
    JobHarness harness =
        job(
            """
            { name = default_dialect, type = redshift-load, connection = wh, table = a.b }
            { name = bad_table, type = redshift-load, connection = wh, dialect = postgres,
              table = "a.b.c.d" }
            { name = bad_mode, type = redshift-load, connection = wh, dialect = postgres,
              table = a.b, mode = upsert }
            { name = no_table, type = redshift-load, connection = nowhere, dialect = postgres }
            """);

    InvalidJobException e = assertThrows(InvalidJobException.class, harness::validate);

    assertEquals(
        List.of(
            "stages[1].iam-role: authorization = iam-role needs iam-role, the ARN of a role the"
                + " cluster may assume (or set authorization = provider-chain)",
            "stages[2].table: 'a.b.c.d' is not a valid SQL name: an identifier has 1 to 3 parts,"
                + " found 4",
            "stages[3].mode: expected one of append|overwrite|truncate-insert|merge, found"
                + " 'upsert'",
            "stages[4].connection: unknown connection 'nowhere'; define it under 'connections'"
                + " (defined: wh)",
            "stages[4].table: missing required option: Target table, schema-qualified"
                + " (analytics.orders); always quoted, unquoted parts fold to lower case and"
                + " double-quoted parts keep their case."),
        e.problems().stream().sorted().map(p -> p.path() + ": " + p.message()).toList());
  }

  @Test
  void redshiftOptionsAreCheckedAndRefusedForPostgres() {
    JobHarness harness =
        job(
            """
            { name = parquet_maxerror, type = redshift-load, connection = wh, table = a.b,
              iam-role = "arn:aws:iam::123456789012:role/load", copy-options { maxerror = "5" } }
            { name = not_arn, type = redshift-load, connection = wh, table = a.b,
              iam-role = "load-role", diststyle = wide }
            { name = pg_layout, type = redshift-load, connection = wh, dialect = postgres,
              table = a.b, sortkey = [id], mode = merge }
            { name = dedupe_alone, type = redshift-load, connection = wh, dialect = postgres,
              table = a.b, dedupe-by = v }
            { name = pg_parquet, type = redshift-load, connection = wh, dialect = postgres,
              table = a.b, staging-format = parquet }
            { name = redshift_binary, type = redshift-load, connection = wh, table = a.b,
              iam-role = "arn:aws:iam::123456789012:role/load", staging-format = binary }
            """);

    InvalidJobException e = assertThrows(InvalidJobException.class, harness::validate);

    assertEquals(
        List.of(
            "stages[1].copy-options: COPY parameter 'maxerror' is not accepted with"
                + " staging-format = parquet (Redshift rejects it for columnar formats; use"
                + " staging-format = csv); allowed: [ACCEPTINVCHARS, EXPLICIT_IDS, FILLRECORD,"
                + " SERIALIZETOJSON, STATUPDATE]",
            "stages[2].diststyle: diststyle 'wide' is not one of [all, auto, even, key]",
            "stages[2].iam-role: expected an IAM role ARN (arn:aws:iam::<account>:role/<name>)",
            "stages[3].merge-keys: mode = merge needs merge-keys, the columns that identify a row",
            "stages[3].sortkey: sortkey applies to dialect = redshift only",
            "stages[4]: dedupe-by requires 'merge-keys' to be set",
            "stages[5].staging-format: the postgres dialect stages binary or csv",
            "stages[6].staging-format: binary is PostgreSQL's COPY format, for dialect = postgres;"
                + " Redshift stages parquet or csv"),
        e.problems().stream().sorted().map(p -> p.path() + ": " + p.message()).toList());
  }

  @Test
  void planShowsTheCsvCopyWhenCsvIsAskedFor() {
    JobSpec spec =
        job("""
                { name = load, type = redshift-load, connection = wh, dialect = postgres,
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
  void planShowsStagingTargetAndTheStatementsItIssues() {
    JobSpec spec =
        job("""
                { name = load, type = redshift-load, connection = wh, dialect = postgres,
                  table = "Analytics.\\"Order Lines\\"", input = input }
                """)
            .validate();

    StagePlan plan =
        ((ExplainsPlan) new RedshiftLoadFactory().create(spec.stages().get(1))).explain();

    assertEquals(List.of("dataset input"), plan.reads());
    assertEquals(
        List.of(
            "<lake.root>/_staging/<job>/load/<run-id>",
            "connection 'wh' table \"analytics\".\"Order Lines\""),
        plan.writes());
    assertEquals(
        List.of(
            "CREATE SCHEMA IF NOT EXISTS \"analytics\"",
            "CREATE TABLE IF NOT EXISTS \"analytics\".\"ferry_loads\" (job varchar(256) NOT NULL,"
                + " stage varchar(256) NOT NULL, run_id varchar(256) NOT NULL, target varchar(1024)"
                + " NOT NULL, mode varchar(32) NOT NULL, rows_loaded bigint NOT NULL, watermarks"
                + " varchar(65535), loaded_at timestamptz NOT NULL, PRIMARY KEY (job, stage,"
                + " run_id))",
            "LOCK TABLE \"analytics\".\"ferry_loads\"",
            "SELECT rows_loaded, watermarks FROM \"analytics\".\"ferry_loads\" WHERE job = ? AND"
                + " stage = ? AND run_id = ?",
            "CREATE TABLE IF NOT EXISTS \"analytics\".\"Order Lines\" (<input columns and types>)",
            "COPY \"analytics\".\"Order Lines\" (<input columns>) FROM STDIN WITH (FORMAT binary)",
            "INSERT INTO \"analytics\".\"ferry_loads\" (job, stage, run_id, target, mode,"
                + " rows_loaded, watermarks, loaded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            "COMMIT"),
        plan.statements());
  }
}
