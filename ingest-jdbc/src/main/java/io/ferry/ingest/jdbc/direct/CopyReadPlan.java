package io.ferry.ingest.jdbc.direct;

import static java.util.Objects.requireNonNull;

import io.ferry.ingest.jdbc.source.SourceConnection;
import java.util.List;
import org.apache.spark.sql.types.StructType;

/**
 * One direct read as the driver planned it: where to connect, one SELECT per partition, the Spark
 * schema and a decoder per column. Lives on the driver in {@link CopyReads} only while Spark builds
 * the relation; the password inside {@code connection} never becomes a data source option.
 */
record CopyReadPlan(
    SourceConnection connection,
    List<String> selects,
    StructType schema,
    List<ColumnDecoder> decoders) {
  CopyReadPlan {
    requireNonNull(connection, "connection");
    selects = List.copyOf(selects);
    requireNonNull(schema, "schema");
    decoders = List.copyOf(decoders);
    if (decoders.size() != schema.size()) {
      throw new IllegalArgumentException("one decoder per column");
    }
  }
}
