package io.ferry.core.lake;

import org.apache.hadoop.conf.Configuration;

/**
 * Makes {@code s3://} work everywhere. On EMR the cluster's core-site binds the {@code s3} scheme
 * (EMRFS, or S3A on 7.10+); elsewhere nothing does, so Ferry binds it to S3A. A binding already
 * present is never overridden.
 */
public final class LakeFileSystems {
  static final String S3A_FS = "org.apache.hadoop.fs.s3a.S3AFileSystem";
  static final String S3A_ABSTRACT_FS = "org.apache.hadoop.fs.s3a.S3A";

  private LakeFileSystems() {}

  /** Binds {@code s3://} to S3A on this Hadoop configuration when nothing binds it yet. */
  public static void bindS3Scheme(Configuration conf) {
    if (conf.get("fs.s3.impl") == null) {
      conf.set("fs.s3.impl", S3A_FS);
    }
    if (conf.get("fs.AbstractFileSystem.s3.impl") == null) {
      conf.set("fs.AbstractFileSystem.s3.impl", S3A_ABSTRACT_FS);
    }
  }

  /**
   * The Spark conf entries that do the same for a SparkSession being built; empty for keys the
   * cluster's Hadoop configuration already sets.
   */
  public static java.util.Map<String, String> sparkConfForS3Scheme(Configuration clusterConf) {
    var out = new java.util.LinkedHashMap<String, String>();
    if (clusterConf.get("fs.s3.impl") == null) {
      out.put("spark.hadoop.fs.s3.impl", S3A_FS);
    }
    if (clusterConf.get("fs.AbstractFileSystem.s3.impl") == null) {
      out.put("spark.hadoop.fs.AbstractFileSystem.s3.impl", S3A_ABSTRACT_FS);
    }
    return out;
  }
}
