package io.ferry.ingest.jdbc.direct;

import static java.util.Objects.requireNonNull;

import io.ferry.ingest.jdbc.source.SourceConnection;
import org.apache.spark.sql.connector.read.InputPartition;

/** One partition of a direct read: its SELECT and how to connect, sent to an executor. */
record CopyInputPartition(String select, SourceConnection connection) implements InputPartition {
  CopyInputPartition {
    requireNonNull(select, "select");
    requireNonNull(connection, "connection");
  }

  @Override
  public String toString() {
    return "CopyInputPartition(" + connection + ")";
  }
}
