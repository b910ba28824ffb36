package io.ferry.transform.lake;

/** File formats the lake stages read and write, by Spark's own data source names. */
public enum LakeFormat {
  PARQUET,
  CSV,
  JSON,
  ORC;

  /** The Spark data source name. */
  public String source() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
