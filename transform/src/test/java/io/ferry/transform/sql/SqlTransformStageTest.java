package io.ferry.transform.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.core.stage.ExplainsPlan;
import io.ferry.core.stage.StagePlan;
import io.ferry.engine.job.InvalidJobException;
import io.ferry.engine.job.JobSpec;
import io.ferry.engine.job.Problem;
import io.ferry.engine.run.RunReport;
import io.ferry.testkit.JobHarness;
import io.ferry.testkit.PostgresDatabase;
import io.ferry.testkit.PostgresExtension;
import io.ferry.testkit.SparkExtension;
import io.ferry.testkit.SparkLine;
import io.ferry.testkit.TempLake;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith({SparkExtension.class, PostgresExtension.class})
class SqlTransformStageTest {

  @BeforeAll
  static void sourceTables(PostgresDatabase db) {
    db.execute(
        "CREATE TABLE customers (id integer, name text)",
        "INSERT INTO customers VALUES (1, 'Ada'), (2, 'Grace'), (3, 'Linus')",
        "CREATE TABLE orders (id integer, customer_id integer, total numeric(10,2))",
        "INSERT INTO orders VALUES (10, 1, 5.25), (11, 1, 4.75), (12, 2, 100.00), (13, 9, 1.00)");
  }

  private static String job(Path lake, PostgresDatabase db, String stages) {
    return """
        job.name = sql_test
        lake.root = "%s"
        %s
        stages = [
          { name = customers, type = test-jdbc-table, connection = src, table = customers }
          { name = orders, type = test-jdbc-table, connection = src, table = orders }
        %s
        ]
        """
        .formatted(TempLake.under(lake), db.hoconConnection("src"), stages);
  }

  @Test
  void joinsEarlierStagesByNameIntoALazyDatasetWhoseRowsAreCountedAsTheNextStageWritesThem(
      SparkSession spark, PostgresDatabase db, @TempDir Path lake) {
    String stages =
        """
          { name = spend, type = sql, sql = \"\"\"
              SELECT c.name, SUM(o.total) AS spent, COUNT(*) AS n
              FROM customers c JOIN orders o ON o.customer_id = c.id
              GROUP BY c.name ORDER BY c.name\"\"\" }
          { name = spend_saved, type = lake-write, path = curated/spend }
          { name = big, type = sql, sql = "SELECT * FROM spend WHERE spent > 50" }
        """;

    RunReport report = JobHarness.fromHocon(job(lake, db, stages)).runSuccessfully(spark);

    List<Row> rows = spark.table("spend").collectAsList();
    assertEquals(
        List.of(
            RowFactory.create("Ada", new BigDecimal("10.00"), 2L),
            RowFactory.create("Grace", new BigDecimal("100.00"), 1L)),
        rows);
    assertEquals(
        OptionalLong.of(2),
        report.stage("spend").orElseThrow().rowsOut(),
        "counted while lake-write wrote them, without a job of its own");
    assertEquals(
        OptionalLong.empty(),
        report.stage("big").orElseThrow().rowsOut(),
        "no stage of the run reads it, so its rows were never computed");
  }

  @Test
  void unknownColumnFailsNamingTheStageAndQuotingSparkWithThePosition(
      SparkSession spark, PostgresDatabase db, @TempDir Path lake) {
    String stages = "{ name = broken, type = sql, sql = \"SELECT nmae FROM customers\" }";

    RunReport report = JobHarness.fromHocon(job(lake, db, stages)).run(spark);

    String error = report.stage("broken").orElseThrow().error().orElseThrow();
    assertEquals(
        "test-job.conf:12: Spark SQL rejected the statement: [UNRESOLVED_COLUMN.WITH_SUGGESTION] A"
            + SparkLine.either(
                " column or function parameter with name `nmae` cannot be resolved. Did you mean"
                    + " one of the following? [`id`, `name`].; line 1 pos 7",
                " column, variable, or function parameter with name `nmae` cannot be resolved. Did"
                    + " you mean one of the following? [`id`, `name`]. SQLSTATE: 42703; line 1 pos"
                    + " 7"),
        error);
    assertFalse(error.contains("Project"), "no plan dump: " + error);
  }

  @Test
  void syntaxErrorsAreValidationProblemsWithTheirPosition(PostgresDatabase db, @TempDir Path lake) {
    String stages =
        """
          { name = typo, type = sql, sql = "SELECT name FROM customers WHERE id =" }
          { name = blank, type = sql, sql = "  " }
          { name = fed, type = sql, sql = "SELECT 1", input = orders }
        """;

    InvalidJobException e =
        assertThrows(
            InvalidJobException.class,
            () -> JobHarness.fromHocon(job(lake, db, stages)).validate());

    List<Problem> problems = e.problems().stream().sorted().toList();
    assertEquals(3, problems.size(), e::getMessage);
    assertEquals("stages[2].sql", problems.get(0).path());
    assertTrue(
        problems
            .get(0)
            .message()
            .startsWith(
                SparkLine.either(
                    "[PARSE_SYNTAX_ERROR] Syntax error at or near end of input.(line 1, pos 37)",
                    "[PARSE_SYNTAX_ERROR] Syntax error at or near end of input. SQLSTATE: 42601"
                        + " (line 1, pos 37)")),
        problems.get(0)::message);
    assertEquals("stages[3].sql", problems.get(1).path());
    assertEquals("is empty", problems.get(1).message());
    assertEquals("stages[4].input", problems.get(2).path());
    assertEquals("stages of type 'sql' read no input; remove 'input'", problems.get(2).message());
  }

  @Test
  void planListsTheSql(PostgresDatabase db, @TempDir Path lake) {
    JobSpec spec =
        JobHarness.fromHocon(
                job(lake, db, "{ name = picked, type = sql, sql = \"SELECT id FROM orders\" }"))
            .validate();

    StagePlan plan =
        ((ExplainsPlan) new SqlTransformFactory().create(spec.stages().get(2))).explain();

    assertEquals(List.of("SELECT id FROM orders"), plan.statements());
    assertEquals(List.of("temp view picked"), plan.writes());
  }
}
