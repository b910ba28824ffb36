package io.ferry.core.state;

import io.ferry.core.job.JobSpec;
import io.ferry.core.lake.Lake;

/**
 * A kind of watermark store besides the lake's, found through {@link java.util.ServiceLoader}
 * ({@code META-INF/services/io.ferry.core.state.WatermarkStoreFactory}) and chosen by {@code
 * state.store} in a job. Created once per run, before the first stage.
 */
public interface WatermarkStoreFactory {

  /** The name written as {@code state.store}, e.g. {@code warehouse}. */
  String name();

  /** Opens the store for a validated job; connections open lazily, on first use. */
  WatermarkStore create(JobSpec job, Lake lake);
}
