package io.ferry.engine.job;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Optional;

/**
 * {@code spark}: the app name, the master for standalone runs (spark-submit's master always wins),
 * and Spark conf entries applied when the session is built.
 */
public record SparkSpec(
    Optional<String> appName, Optional<String> master, Map<String, String> conf) {
  public SparkSpec {
    requireNonNull(appName, "appName");
    requireNonNull(master, "master");
    conf = Map.copyOf(conf);
  }
}
