package io.ferry.ingest.jdbc.direct;

import io.ferry.ingest.jdbc.source.SourceConnection;
import io.ferry.ingest.jdbc.types.SourceColumn;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * PostgreSQL direct mode: each partition streams {@code COPY (SELECT ...) TO STDOUT} on an
 * executor, instead of a JDBC ResultSet. The schema is the one Spark's JDBC source gives the same
 * SELECT, so both modes produce the same rows and types; columns whose COPY text Ferry does not
 * parse (arrays, intervals, geometric and network types...) make the read fall back to JDBC.
 */
public final class DirectReader {
  /** PostgreSQL types whose COPY text the parsers read exactly as the JDBC path does. */
  private static final Set<String> SUPPORTED =
      Set.of(
          "bool",
          "int2",
          "int4",
          "int8",
          "serial",
          "bigserial",
          "float4",
          "float8",
          "numeric",
          "text",
          "varchar",
          "bpchar",
          "char",
          "name",
          "date",
          "timestamp",
          "timestamptz",
          "json",
          "jsonb",
          "uuid",
          "bytea");

  private final List<FieldParser> parsers;
  private final StructType schema;

  private DirectReader(StructType schema, List<FieldParser> parsers) {
    this.schema = schema;
    this.parsers = parsers;
  }

  /**
   * A direct reader for columns of these source types and this Spark schema, or why there is none.
   *
   * @return the reader, or empty with the unsupported columns named in {@code why}
   */
  public static Optional<DirectReader> of(
      SparkSession spark, List<SourceColumn> columns, StructType schema, List<String> why) {
    boolean java8Time =
        Boolean.parseBoolean(spark.conf().get("spark.sql.datetime.java8API.enabled", "false"));
    List<FieldParser> parsers = new ArrayList<>();
    StructField[] fields = schema.fields();
    for (int i = 0; i < fields.length; i++) {
      String typeName = i < columns.size() ? columns.get(i).typeName() : "?";
      Optional<FieldParser> parser =
          SUPPORTED.contains(typeName)
              ? FieldParser.forType(fields[i].name(), fields[i].dataType(), java8Time)
              : Optional.empty();
      if (parser.isEmpty()) {
        why.add(fields[i].name() + " (" + typeName + ")");
      } else {
        parsers.add(parser.get());
      }
    }
    return why.isEmpty() ? Optional.of(new DirectReader(schema, parsers)) : Optional.empty();
  }

  /** The partitions as one dataset; nothing is read until an action runs. */
  public Dataset<Row> read(SparkSession spark, SourceConnection connection, List<String> selects) {
    JavaRDD<Row> rows =
        JavaSparkContext.fromSparkContext(spark.sparkContext())
            .parallelize(selects, selects.size())
            .mapPartitions(new CopyPartitionReader(connection, parsers));
    return spark.createDataFrame(rows, schema);
  }
}
