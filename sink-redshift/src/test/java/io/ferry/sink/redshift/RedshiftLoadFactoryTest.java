package io.ferry.sink.redshift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ferry.core.job.InvalidJobException;
import io.ferry.core.job.JobSpec;
import io.ferry.core.stage.ExplainsPlan;
import io.ferry.core.stage.StagePlan;
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
            "stages[1].dialect: dialect 'redshift' is not implemented in this release; use"
                + " dialect = postgres",
            "stages[2].table: 'a.b.c.d' is not a valid SQL name: an identifier has 1 to 3 parts,"
                + " found 4",
            "stages[3].mode: expected one of append, found 'upsert'",
            "stages[4].connection: unknown connection 'nowhere'; define it under 'connections'"
                + " (defined: wh)",
            "stages[4].table: missing required option: Target table, schema-qualified"
                + " (analytics.orders); always quoted, unquoted parts fold to lower case and"
                + " double-quoted parts keep their case."),
        e.problems().stream().sorted().map(p -> p.path() + ": " + p.message()).toList());
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
            "CREATE TABLE IF NOT EXISTS \"analytics\".\"Order Lines\" (<input columns and types>)",
            "CREATE TEMP TABLE \"ferry_staging\" AS SELECT <input columns> FROM"
                + " \"analytics\".\"Order Lines\" WITH NO DATA",
            "COPY \"ferry_staging\" (<input columns>) FROM STDIN WITH (FORMAT csv)",
            "INSERT INTO \"analytics\".\"Order Lines\" (<input columns>) SELECT <input columns>"
                + " FROM \"ferry_staging\""),
        plan.statements());
  }
}
