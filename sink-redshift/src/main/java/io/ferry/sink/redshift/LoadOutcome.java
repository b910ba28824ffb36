package io.ferry.sink.redshift;

/**
 * What one load did.
 *
 * @param copied rows COPY put into the staging table (0 when already committed)
 * @param loaded rows inserted or merged into the target (for an already committed run id: what that
 *     run loaded)
 * @param alreadyCommitted whether an earlier attempt of the run id had committed, so nothing ran
 */
public record LoadOutcome(long copied, long loaded, boolean alreadyCommitted) {}
