package io.ferry.ingest.jdbc;

import java.util.Locale;

/** A transaction isolation level for the source sessions. */
public enum IsolationLevel {
  READ_UNCOMMITTED,
  READ_COMMITTED,
  REPEATABLE_READ,
  SERIALIZABLE;

  /** As SQL writes it: {@code READ COMMITTED}. */
  public String sql() {
    return name().replace('_', ' ').toUpperCase(Locale.ROOT);
  }
}
