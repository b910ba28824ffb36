package io.ferry.core.stage;

import io.ferry.core.option.StageOption;

/** Where {@link StageFactory#validate} reports problems; each is tied to the stage's location. */
public interface StageProblems {

  /** A problem with one option; located where the option (or the stage) is written. */
  void add(StageOption<?> option, String message);

  /** A problem with a nested key of the stage, e.g. {@code checks[1].column}. */
  void add(String key, String message);
}
