package io.ferry.ingest.jdbc.direct;

import io.ferry.ingest.jdbc.source.SourceConnection;
import io.ferry.ingest.jdbc.types.SourceColumn;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * PostgreSQL direct mode: each partition streams {@code COPY (SELECT ...) TO STDOUT WITH (FORMAT
 * binary)} on an executor instead of a JDBC result set, decoded straight into Spark's internal rows
 * through a DataSource V2 source ({@link CopySource}). The schema is the one Spark's JDBC source
 * gives the same SELECT, so both modes produce the same rows and types; a column whose pair of
 * source type and Spark type has no decoder (arrays, intervals, network types, a {@code
 * column-types} override the binary value cannot give exactly...) makes the read fall back to JDBC.
 */
public final class DirectReader {
  private final StructType schema;
  private final List<ColumnDecoder> decoders;

  private DirectReader(StructType schema, List<ColumnDecoder> decoders) {
    this.schema = schema;
    this.decoders = decoders;
  }

  /**
   * A direct reader for columns of these source types and this Spark schema, or why there is none.
   *
   * @return the reader, or empty with each column it cannot decode named in {@code why}
   */
  public static Optional<DirectReader> of(
      List<SourceColumn> columns, StructType schema, List<String> why) {
    List<ColumnDecoder> decoders = new ArrayList<>();
    StructField[] fields = schema.fields();
    if (columns.size() != fields.length) {
      why.add("the source returns " + columns.size() + " columns, Spark " + fields.length);
      return Optional.empty();
    }
    for (int i = 0; i < fields.length; i++) {
      String typeName = columns.get(i).typeName();
      Optional<ColumnDecoder> decoder =
          ColumnDecoders.of(fields[i].name(), typeName, fields[i].dataType());
      if (decoder.isEmpty()) {
        why.add(
            fields[i].name()
                + " ("
                + typeName
                + " as "
                + fields[i].dataType().simpleString()
                + ")");
      } else {
        decoders.add(decoder.get());
      }
    }
    return why.isEmpty() ? Optional.of(new DirectReader(schema, decoders)) : Optional.empty();
  }

  /** The partitions as one dataset, one per SELECT; nothing is read until an action runs. */
  public Dataset<Row> read(SparkSession spark, SourceConnection connection, List<String> selects) {
    String id = CopyReads.register(new CopyReadPlan(connection, selects, schema, decoders));
    try {
      return spark.read().format(CopySource.class.getName()).option(CopyReads.OPTION, id).load();
    } finally {
      CopyReads.remove(id);
    }
  }
}
