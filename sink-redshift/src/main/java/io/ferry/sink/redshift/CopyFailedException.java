package io.ferry.sink.redshift;

import static java.util.Objects.requireNonNull;

import java.sql.SQLException;
import java.util.Optional;

/**
 * The database refused staged data during COPY: a bad row, a type it cannot convert. The load rolls
 * back and asks the warehouse for the rejected rows, which it finds by the session and start time
 * of the failed COPY.
 */
public final class CopyFailedException extends SQLException {
  private static final long serialVersionUID = 1L;

  private final transient Optional<CopyStart> start;

  public CopyFailedException(String message, SQLException cause) {
    this(message, cause, Optional.empty());
  }

  public CopyFailedException(String message, SQLException cause, Optional<CopyStart> start) {
    super(message, cause.getSQLState(), cause);
    this.start = requireNonNull(start, "start");
  }

  /** The failed COPY's session and start, when the warehouse told them. */
  public Optional<CopyStart> start() {
    return start;
  }

  /**
   * Where the warehouse records a COPY's rejected rows.
   *
   * @param sessionPid the session's backend process id ({@code pg_backend_pid()})
   * @param startedAt the warehouse's time just before the COPY, as it printed it (UTC)
   */
  public record CopyStart(long sessionPid, String startedAt) {
    public CopyStart {
      requireNonNull(startedAt, "startedAt");
    }
  }
}
