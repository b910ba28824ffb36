package io.ferry.core.state;

import io.ferry.core.connection.ConnectionSpec;

/**
 * A kind of watermark store besides the lake's, found through {@link java.util.ServiceLoader}
 * ({@code META-INF/services/io.ferry.core.state.WatermarkStoreFactory}) and chosen by {@code
 * state.store} in a job. Validation requires {@code state.connection} for every store but the
 * lake's, so a factory always gets a defined connection. Created once per run, before the first
 * stage.
 */
public interface WatermarkStoreFactory {

  /** The name written as {@code state.store}, e.g. {@code warehouse}. */
  String name();

  /**
   * Opens the store; connections open lazily, on first use.
   *
   * @param state the job's validated {@code state} block
   * @param connection the connection {@code state.connection} names
   */
  WatermarkStore create(StateSpec state, ConnectionSpec connection);
}
