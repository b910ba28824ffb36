package io.ferry.sink.redshift;

/** The warehouse's SQL dialect, which decides how staged files reach the table. */
public enum Dialect {
  /** Amazon Redshift: COPY from the staged files in S3. */
  REDSHIFT,
  /** PostgreSQL, for local runs: the staged files streamed through COPY FROM STDIN. */
  POSTGRES
}
