package io.ferry.ingest.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ferry.core.stage.ExplainsPlan;
import io.ferry.core.stage.StagePlan;
import io.ferry.engine.job.InvalidJobException;
import io.ferry.engine.job.JobSpec;
import io.ferry.engine.job.Problem;
import io.ferry.testkit.JobHarness;
import java.util.List;
import org.junit.jupiter.api.Test;

class JdbcIngestFactoryTest {

  private static JobHarness job(String stages) {
    return JobHarness.fromHocon(
        """
        job.name = ingest_test
        lake.root = "file:///tmp/unused-lake"
        connections.src { url = "jdbc:postgresql://db.internal:5432/app", user = app, password = pw1234 }
        stages = [
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
            { name = both, type = jdbc-ingest, connection = src, table = t, query = "SELECT 1" }
            { name = neither, type = jdbc-ingest, connection = src }
            { name = orphans, type = jdbc-ingest, connection = src, query = "SELECT 1",
              columns = [a], where = "a > 1" }
            { name = bad_names, type = jdbc-ingest, connection = src, table = "s.t; DROP TABLE x",
              columns = ["a.b", a, A], fetch-size = 0 }
            { name = relaxed, type = jdbc-ingest, connection = src, table = t,
              isolation-level = read-committed }
            { name = relaxed_on_purpose, type = jdbc-ingest, connection = src, table = t,
              isolation-level = read-uncommitted, consistent-read = false }
            """);

    InvalidJobException e = assertThrows(InvalidJobException.class, harness::validate);

    List<String> problems =
        e.problems().stream().sorted().map(JdbcIngestFactoryTest::text).toList();
    assertEquals(
        List.of(
            "stages[0].query: exactly one of 'table', 'query' must be set, found 2",
            "stages[1]: exactly one of 'table', 'query' must be set, found 0",
            "stages[2].columns: columns requires 'table' to be set",
            "stages[2].where: where requires 'table' to be set",
            "stages[3].table: 's.t; DROP TABLE x' is not a valid SQL name: ';' is not allowed"
                + " unquoted; use letters, digits and '_', or quote it",
            "stages[3].columns: 'a.b' is qualified; name the column alone",
            "stages[3].columns: column 'a' is listed twice",
            "stages[3].fetch-size: must be at least 1, found 0",
            "stages[4].isolation-level: 'read-committed' cannot keep one snapshot for a consistent"
                + " read; remove it (consistent reads run in repeatable read, which takes no row"
                + " locks on PostgreSQL and InnoDB) or set consistent-read = false"),
        problems);
  }

  private static String text(Problem p) {
    return p.path() + ": " + p.message();
  }

  @Test
  void planShowsSourceRawFolderAndTheSelectItIssues() {
    JobSpec spec =
        job("""
                { name = orders, type = jdbc-ingest, connection = src, table = "Sales.\\"Order Lines\\"",
                  columns = [id, "\\"Net\\""], where = "status <> 'test'" }
                { name = adhoc, type = jdbc-ingest, connection = src, query = "SELECT 1 AS x;" }
                """)
            .validate();
    JdbcIngestFactory factory = new JdbcIngestFactory();

    StagePlan orders = ((ExplainsPlan) factory.create(spec.stages().get(0))).explain();
    StagePlan adhoc = ((ExplainsPlan) factory.create(spec.stages().get(1))).explain();

    assertEquals(List.of("connection 'src' table \"sales\".\"Order Lines\""), orders.reads());
    assertEquals(List.of("<lake.root>/raw/<job>/orders/run=<run-id>"), orders.writes());
    assertEquals(
        List.of("SELECT \"id\", \"Net\" FROM \"sales\".\"Order Lines\" WHERE (status <> 'test')"),
        orders.statements());
    assertEquals(List.of("connection 'src' query"), adhoc.reads());
    assertEquals(List.of("SELECT 1 AS x"), adhoc.statements());
  }
}
