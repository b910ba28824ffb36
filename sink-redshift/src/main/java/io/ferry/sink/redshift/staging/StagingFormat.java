package io.ferry.sink.redshift.staging;

/** The file format of staged files, as the {@code staging-format} option names it. */
public enum StagingFormat {
  /** Parquet with Snappy: types travel exactly, NULL and '' are distinct by construction. */
  PARQUET,
  /** CSV (gzip on Redshift), with a NULL sentinel so that NULL and '' stay distinct. */
  CSV
}
