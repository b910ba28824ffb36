package io.ferry.core.stage;

import io.ferry.core.state.RunWatermarks;

/**
 * An optional ability of a {@link Stage} that writes to a database which may also hold the job's
 * watermark store: commit the watermarks earlier stages of this run proposed in the same
 * transaction as its own rows, so rows and watermarks commit together (guarantee 2 in
 * docs/architecture.md).
 *
 * <p>The pipeline runner recognises the ability and calls {@link #acceptWatermarks} once per run,
 * on the driver, right before {@link Stage#run}; a stage run without that call commits no other
 * stage's watermark. When a job holds several such stages, only the last one gets the pending
 * watermarks (the others get none), so a failure between two loads leaves the watermark where it
 * was. The runner still writes the same watermarks to the store after the run succeeds, so a store
 * whose rows the stage already committed must treat that write as idempotent.
 */
public interface CommitsRunWatermarks {

  /**
   * Hands the stage what earlier stages of this run will commit when the run succeeds, and where
   * the job keeps watermarks.
   */
  void acceptWatermarks(RunWatermarks watermarks);
}
