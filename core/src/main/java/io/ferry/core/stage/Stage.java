package io.ferry.core.stage;

/**
 * One step of a job: ingest, transform, score, load. Created by a {@link StageFactory} from a
 * validated {@link StageSpec}, run once per run by the pipeline runner on the driver, in job order.
 *
 * <p>An implementation may assume that its options passed validation, that every dataset it names
 * was registered by an earlier stage, and that the {@link StageContext} is valid only during this
 * call. It must not call {@code System.exit} or stop the SparkSession. A stage that writes outside
 * Spark's own output (files, tables, state) must make that write idempotent per run id, so that a
 * rerun of the same run id leaves the same result.
 */
public interface Stage {

  /**
   * Runs the stage. Throwing fails the stage and the run (exit code 1); later stages do not run and
   * no watermark advances. Exception messages reach users and the run report, so they must name
   * what went wrong and never contain a secret.
   *
   * @return the dataset to register under the stage's name, or {@link StageOutput#none()}
   */
  StageOutput run(StageContext context) throws Exception;
}
