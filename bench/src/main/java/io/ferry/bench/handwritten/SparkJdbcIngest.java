package io.ferry.bench.handwritten;

import java.util.Properties;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * A table into Parquet with Spark's JDBC source, as a user writes it by hand: either the default
 * read (one partition, the driver's default fetch: the whole result in memory) or with hand-set
 * bounds on the key (4 partitions, fetchsize 10000).
 *
 * <pre>{@code
 * java ... SparkJdbcIngest default|bounds URL USER TABLE LOWER UPPER OUT
 * }</pre>
 */
public final class SparkJdbcIngest {
  private SparkJdbcIngest() {}

  public static void main(String[] args) {
    HandWrittenSpark.requireArgs(
        args, 7, "SparkJdbcIngest default|bounds URL USER TABLE LOWER UPPER OUT");
    SparkSession spark = HandWrittenSpark.session("hand-written-ingest");
    run(
        spark,
        args[0].equals("bounds"),
        args[1],
        HandWrittenSpark.credentials(args[2]),
        args[3],
        Long.parseLong(args[4]),
        Long.parseLong(args[5]),
        args[6]);
    spark.stop();
  }

  /** Reads {@code table} and writes it to {@code out} as Parquet, replacing it. */
  public static void run(
      SparkSession spark,
      boolean bounds,
      String url,
      Properties credentials,
      String table,
      long lower,
      long upper,
      String out) {
    Properties props = new Properties();
    props.putAll(credentials);
    if (bounds) {
      props.setProperty("fetchsize", "10000");
      spark
          .read()
          .jdbc(url, table, "id", lower, upper + 1, 4, props)
          .write()
          .mode(SaveMode.Overwrite)
          .parquet(out);
    } else {
      spark.read().jdbc(url, table, props).write().mode(SaveMode.Overwrite).parquet(out);
    }
  }
}
