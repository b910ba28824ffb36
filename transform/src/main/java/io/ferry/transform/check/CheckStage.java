package io.ferry.transform.check;

import static java.util.Objects.requireNonNull;

import io.ferry.core.stage.ExplainsPlan;
import io.ferry.core.stage.Stage;
import io.ferry.core.stage.StageContext;
import io.ferry.core.stage.StageOutput;
import io.ferry.core.stage.StagePlan;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code check} stage. It evaluates every expectation, records each result (failing count and
 * sample rows) in the run report under {@code expectations}, logs the warnings, and then fails when
 * an expectation of level {@code fail} did not hold, so no later stage (no load) runs.
 */
public final class CheckStage implements Stage, ExplainsPlan {
  private static final Logger LOG = LoggerFactory.getLogger(CheckStage.class);

  private final String name;
  private final List<Expectation> expectations;
  private final int sampleRows;

  CheckStage(String name, List<Expectation> expectations, int sampleRows) {
    this.name = requireNonNull(name, "name");
    this.expectations = List.copyOf(expectations);
    this.sampleRows = sampleRows;
  }

  /**
   * Evaluates every expectation; a {@code row-count} expectation's count is the stage's rows in and
   * out (else the runner counts the rows later stages read).
   *
   * @return the input, unchanged
   * @throws CheckFailedException listing every failed expectation of level {@code fail}
   */
  @Override
  public StageOutput run(StageContext context) {
    Dataset<Row> input = context.input();
    List<ExpectationResult> results =
        new ExpectationEvaluator(context.spark(), sampleRows).evaluate(input, expectations);
    context
        .metrics()
        .put("expectations", results.stream().map(ExpectationResult::toReport).toList());
    results.stream()
        .filter(r -> r.expectation() instanceof Expectation.RowCount)
        .findFirst()
        .ifPresent(
            r -> {
              context.metrics().rowsIn(r.observed());
              context.metrics().rowsOut(r.observed());
            });
    List<ExpectationResult> failed = results.stream().filter(r -> status(r, "failed")).toList();
    List<ExpectationResult> warned = results.stream().filter(r -> status(r, "warned")).toList();
    context.metrics().put("failed", failed.size());
    context.metrics().put("warned", warned.size());
    for (ExpectationResult r : warned) {
      LOG.warn(
          "Stage '{}': expectation {} did not hold (level warn): {}", name, r.index(), line(r));
    }
    if (!failed.isEmpty()) {
      throw new CheckFailedException(
          failed.size()
              + " of "
              + results.size()
              + " expectations failed: "
              + failed.stream().map(CheckStage::line).collect(Collectors.joining("; "))
              + ". Sample rows are in the run report.");
    }
    LOG.info(
        "Stage '{}': {} expectations held, {} warned",
        name,
        results.size() - warned.size(),
        warned.size());
    return StageOutput.of(input);
  }

  private static boolean status(ExpectationResult r, String status) {
    return r.status().equals(status);
  }

  private static String line(ExpectationResult r) {
    Expectation e = r.expectation();
    String what;
    if (e instanceof Expectation.RowCount) {
      what = r.observed() + " rows";
    } else if (e instanceof Expectation.Unique) {
      what = r.failing() + " duplicated keys";
    } else if (e instanceof Expectation.SqlQuery) {
      what = "the query returned " + r.failing() + " rows";
    } else {
      what = r.failing() + " failing rows";
    }
    return "[" + r.index() + "] " + r.expectation().label() + ": " + what;
  }

  @Override
  public StagePlan explain() {
    return new StagePlan(
        List.of("input dataset"),
        List.of("temp view " + name + " (the input, unchanged)"),
        expectations.stream().map(Expectation::label).toList());
  }
}
