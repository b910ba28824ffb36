package io.ferry.core.state;

import java.util.Optional;

/**
 * Where committed watermarks live, per job and stage. The lake store is the default; a warehouse
 * store lets a load commit its watermark in the same transaction as its rows.
 */
public interface WatermarkStore {

  Optional<String> read(String job, String stage);

  /** Records {@code value} as committed by {@code runId}. */
  void write(String job, String stage, String value, String runId);

  /** Forgets the watermark, so the next run imports from the start. */
  void reset(String job, String stage);
}
