package io.ferry.core.state;

import java.util.Optional;

/** One stage's view of its watermark during a run. */
public interface Watermarks {

  /** The last committed value, if any. */
  Optional<String> committed();

  /**
   * The value to commit when, and only when, the whole run succeeds (DESIGN.md guarantee 2).
   * Calling again replaces the pending value.
   */
  void advanceOnCommit(String value);
}
