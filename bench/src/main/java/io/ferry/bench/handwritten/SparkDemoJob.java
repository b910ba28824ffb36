package io.ferry.bench.handwritten;

import java.util.Properties;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * The demo-shaped job written by hand with plain Spark: import customers and orders over JDBC
 * (hand-set bounds, 4 partitions, fetchsize 10000) into raw Parquet in the lake, read them back,
 * join and aggregate with the same SQL as the Ferry job, and append the result to the warehouse
 * table with Spark's JDBC writer (batches of 10,000, multi-row INSERTs).
 *
 * <pre>{@code
 * java ... SparkDemoJob URL USER CUSTOMERS CUSTOMER_ROWS ORDERS ORDER_ROWS LAKE TARGET
 * }</pre>
 */
public final class SparkDemoJob {
  /** The join and aggregation, the same text as the Ferry job's {@code sql} stage. */
  public static final String REVENUE_SQL =
      "SELECT c.customer_id, c.name, c.country, count(o.order_id) AS orders,"
          + " coalesce(sum(o.amount), 0) AS revenue, max(o.ordered_at) AS last_order_at"
          + " FROM customers c LEFT JOIN orders o"
          + " ON o.customer_id = c.customer_id AND o.status = 'paid'"
          + " GROUP BY c.customer_id, c.name, c.country";

  private SparkDemoJob() {}

  public static void main(String[] args) {
    HandWrittenSpark.requireArgs(
        args, 8, "SparkDemoJob URL USER CUSTOMERS CUSTOMER_ROWS ORDERS ORDER_ROWS LAKE TARGET");
    SparkSession spark = HandWrittenSpark.session("hand-written-demo");
    run(
        spark,
        args[0],
        HandWrittenSpark.credentials(args[1]),
        args[2],
        Long.parseLong(args[3]),
        args[4],
        Long.parseLong(args[5]),
        args[6],
        args[7]);
    spark.stop();
  }

  public static void run(
      SparkSession spark,
      String url,
      Properties credentials,
      String customers,
      long customerRows,
      String orders,
      long orderRows,
      String lake,
      String target) {
    land(spark, url, credentials, customers, "customer_id", customerRows, lake + "/raw/customers");
    land(spark, url, credentials, orders, "order_id", orderRows, lake + "/raw/orders");
    spark.read().parquet(lake + "/raw/customers").createOrReplaceTempView("customers");
    spark.read().parquet(lake + "/raw/orders").createOrReplaceTempView("orders");
    Properties props = new Properties();
    props.putAll(credentials);
    props.setProperty("batchsize", "10000");
    props.setProperty("reWriteBatchedInserts", "true");
    spark.sql(REVENUE_SQL).write().mode(SaveMode.Append).jdbc(url, target, props);
  }

  private static void land(
      SparkSession spark,
      String url,
      Properties credentials,
      String table,
      String key,
      long rows,
      String out) {
    Properties props = new Properties();
    props.putAll(credentials);
    props.setProperty("fetchsize", "10000");
    spark
        .read()
        .jdbc(url, table, key, 1, rows + 1, 4, props)
        .write()
        .mode(SaveMode.Overwrite)
        .parquet(out);
  }
}
