package io.ferry.ingest.jdbc.read;

import io.ferry.ingest.jdbc.source.SourceConnection;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Reads partitions through Spark's JDBC source: one single-partition relation per partition SELECT,
 * unioned, so each Spark task runs exactly the SQL Ferry planned (a Sqoop-style {@code $CONDITIONS}
 * query included) on its own connection. Spark reads each relation's schema on the driver with a
 * query that returns no rows.
 */
public final class JdbcPartitionsReader {
  private JdbcPartitionsReader() {}

  /**
   * @param selects one SELECT per partition
   * @param customSchema Spark's {@code customSchema} for the columns whose mapping Ferry sets
   */
  public static Dataset<Row> read(
      SparkSession spark,
      SourceConnection connection,
      List<String> selects,
      Optional<String> customSchema) {
    Dataset<Row> all = null;
    for (String select : selects) {
      var reader = spark.read().format("jdbc").options(connection.sparkOptions(select));
      customSchema.ifPresent(s -> reader.option("customSchema", s));
      Dataset<Row> partition = reader.load();
      all = all == null ? partition : all.union(partition);
    }
    if (all == null) {
      throw new IllegalArgumentException("no partitions to read");
    }
    return all;
  }
}
