package io.ferry.engine.clean;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import org.apache.hadoop.fs.Path;

/**
 * A folder in the lake that no reader uses and no run will finish: what a killed or failed run
 * left.
 *
 * @param lastModified when its newest file was written (the folder's own time when it holds none)
 */
public record Leftover(Path path, Kind kind, Instant lastModified) {

  /** What the folder is. */
  public enum Kind {
    /**
     * {@code raw/<job>/<stage>/_attempt-run=<id>-<uuid>}: files a run wrote but never published.
     */
    ATTEMPT("files of an ingest attempt that was never published"),
    /** {@code raw/<job>/<stage>/run=<id>} without {@code _SUCCESS}, which readers ignore. */
    UNCOMMITTED_RUN("a run folder that was never committed"),
    /** {@code _staging/<job>/<stage>/<run-id>}: files staged for a load that did not finish. */
    STAGED("files staged for a load that never deleted them"),
    /** {@code _staging/<job>/<stage>} with nothing in it. */
    EMPTY_STAGING("an empty staging folder");

    private final String description;

    Kind(String description) {
      this.description = description;
    }

    public String description() {
      return description;
    }
  }

  public Leftover {
    requireNonNull(path, "path");
    requireNonNull(kind, "kind");
    requireNonNull(lastModified, "lastModified");
  }
}
