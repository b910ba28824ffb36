package io.ferry.bench.handwritten;

import java.util.Properties;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * Parquet from the lake into a table with Spark's JDBC writer, tuned as a careful user would:
 * batches of 10,000 rows and pgjdbc's {@code reWriteBatchedInserts} (multi-row INSERTs).
 *
 * <pre>{@code
 * java ... SparkJdbcLoad PARQUET URL USER TABLE
 * }</pre>
 */
public final class SparkJdbcLoad {
  private SparkJdbcLoad() {}

  public static void main(String[] args) {
    HandWrittenSpark.requireArgs(args, 4, "SparkJdbcLoad PARQUET URL USER TABLE");
    SparkSession spark = HandWrittenSpark.session("hand-written-load");
    run(spark, args[0], args[1], HandWrittenSpark.credentials(args[2]), args[3]);
    spark.stop();
  }

  /** Appends the Parquet folder's rows to {@code table}. */
  public static void run(
      SparkSession spark, String parquet, String url, Properties credentials, String table) {
    Properties props = new Properties();
    props.putAll(credentials);
    props.setProperty("batchsize", "10000");
    props.setProperty("reWriteBatchedInserts", "true");
    spark.read().parquet(parquet).write().mode(SaveMode.Append).jdbc(url, table, props);
  }
}
