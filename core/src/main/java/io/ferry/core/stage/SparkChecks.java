package io.ferry.core.stage;

/**
 * An optional ability of a {@link StageFactory}: the checks that need Spark's own classes (its SQL
 * parser for queries, filter expressions and type names; Spark ML for estimator parameters).
 * Loading those costs seconds of CPU, so {@link StageFactory#validate} stays free of Spark and
 * these checks run on their own: before {@code ferry run} or {@code ferry plan} runs anything, with
 * {@code ferry validate --full}, and in the testkit's {@code JobHarness.validate()}. Plain {@code
 * ferry validate} skips them and so loads no Spark class.
 *
 * <p>Called under the same condition as {@code validate}: when every declared option of the stage
 * read cleanly, whether or not {@code validate} reported problems. Must not touch a SparkSession,
 * files or the network; reports into the same {@link StageProblems}, located the same way.
 */
public interface SparkChecks {

  void checkWithSpark(StageSpec spec, StageProblems problems);
}
