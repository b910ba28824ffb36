package io.ferry.core.stage;

import io.ferry.core.job.ConnectionSpec;
import io.ferry.core.lake.Lake;
import io.ferry.core.run.RunInfo;
import io.ferry.core.run.StageMetrics;
import io.ferry.core.state.StateSpec;
import io.ferry.core.state.Watermarks;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** What a running stage sees of the run. Valid only during {@link Stage#run}. */
public interface StageContext {

  SparkSession spark();

  /** Job name, run id, params, sample fraction. */
  RunInfo run();

  /** The stage being run. */
  StageSpec spec();

  /**
   * The stage's input: the dataset named by {@code input}, else the previous stage's output.
   *
   * @throws IllegalStateException naming the stage when there is no such dataset
   */
  Dataset<Row> input();

  /**
   * A dataset registered by an earlier stage.
   *
   * @throws IllegalArgumentException naming the known datasets when there is none by that name
   */
  Dataset<Row> dataset(String name);

  /** The lake: raw, staging, state and report folders under {@code lake.root}. */
  Lake lake();

  /** A connection from {@code connections}; its password resolves on first use. */
  ConnectionSpec connection(String name);

  /** This stage's watermark: the committed value, and the one to commit when the run succeeds. */
  Watermarks watermarks();

  /**
   * The watermarks earlier stages of this run will commit when the run succeeds, by stage name. A
   * load whose warehouse also holds the state store writes them in its own transaction, so rows and
   * watermarks commit together; the runner's later write of the same values is idempotent.
   */
  Map<String, String> pendingWatermarks();

  /** Where this job keeps watermarks ({@code state} in the job). */
  StateSpec stateStore();

  /** Row counts and figures for the run report. */
  StageMetrics metrics();
}
