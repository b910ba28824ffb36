package io.ferry.sink.redshift.staging;

/** The file format of staged files, as the {@code staging-format} option names it. */
public enum StagingFormat {
  /** Parquet with Snappy: types travel exactly, NULL and '' are distinct by construction. */
  PARQUET,
  /** CSV (gzip on Redshift), with a NULL sentinel so that NULL and '' stay distinct. */
  CSV,
  /**
   * PostgreSQL's binary COPY format, for the postgres dialect (its default): the server parses
   * nothing, so COPY takes about half the time of CSV. Needs a binary encoding for every column's
   * pair of Spark and PostgreSQL type, else the load stages CSV.
   */
  BINARY
}
