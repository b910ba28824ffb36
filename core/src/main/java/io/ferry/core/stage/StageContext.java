package io.ferry.core.stage;

import io.ferry.core.connection.ConnectionSpec;
import io.ferry.core.lake.Lake;
import io.ferry.core.run.RunInfo;
import io.ferry.core.run.StageMetrics;
import io.ferry.core.state.Watermarks;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** What a running stage sees of the run. Valid only during {@link Stage#run}. */
public interface StageContext {

  SparkSession spark();

  /** Job name, run id, params, sample fraction. */
  RunInfo run();

  /**
   * The stage's input: the dataset named by {@code input}, else the previous stage's output.
   *
   * @throws StageFailure with {@link StandardFailureCode#INPUT_MISSING} when there is no such
   *     dataset
   */
  Dataset<Row> input();

  /** The lake: raw, staging, state and report folders under {@code lake.root}. */
  Lake lake();

  /** A connection from {@code connections}; its password resolves on first use. */
  ConnectionSpec connection(String name);

  /**
   * This stage's watermark: the committed value, and the one to commit when the run succeeds. A
   * stage that commits other stages' watermarks in its own transaction implements {@link
   * CommitsRunWatermarks}.
   */
  Watermarks watermarks();

  /** Row counts and figures for the run report. */
  StageMetrics metrics();
}
