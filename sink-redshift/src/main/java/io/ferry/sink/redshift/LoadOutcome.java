package io.ferry.sink.redshift;

import static java.util.Objects.requireNonNull;

import io.ferry.sink.redshift.staging.StagedFiles;
import java.util.Optional;

/**
 * What one load did.
 *
 * @param copied rows COPY put into the staging table (0 when already committed)
 * @param loaded rows inserted or merged into the target (for an already committed run id: what that
 *     run loaded)
 * @param alreadyCommitted whether an earlier attempt of the run id had committed, so nothing ran
 * @param staged the files this attempt staged; empty when it staged nothing (already committed)
 */
public record LoadOutcome(
    long copied, long loaded, boolean alreadyCommitted, Optional<StagedFiles> staged) {

  public LoadOutcome {
    requireNonNull(staged, "staged");
  }

  /** A run id that committed before with {@code rows} rows. */
  public static LoadOutcome alreadyCommitted(long rows) {
    return new LoadOutcome(0, rows, true, Optional.empty());
  }
}
