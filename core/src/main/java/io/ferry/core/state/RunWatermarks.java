package io.ferry.core.state;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * The watermarks a run will commit when it succeeds, as the runner hands them to a stage that
 * {@link io.ferry.core.stage.CommitsRunWatermarks commits them with its own rows}.
 *
 * @param pending the values earlier stages of this run proposed, by stage name
 * @param store where the job keeps watermarks ({@code state} in the job)
 */
public record RunWatermarks(Map<String, String> pending, StateSpec store) {
  /** No pending watermarks, kept in the lake. */
  public static final RunWatermarks NONE = new RunWatermarks(Map.of(), StateSpec.LAKE);

  public RunWatermarks {
    pending = Map.copyOf(pending);
    requireNonNull(store, "store");
  }
}
