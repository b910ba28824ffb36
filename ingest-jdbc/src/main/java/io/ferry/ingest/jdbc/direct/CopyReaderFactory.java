package io.ferry.ingest.jdbc.direct;

import java.sql.SQLException;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.types.StructType;

/** Sent to executors with the column decoders; opens one COPY per partition. */
final class CopyReaderFactory implements PartitionReaderFactory {
  private static final long serialVersionUID = 1L;

  private final ColumnDecoder[] decoders;
  private final StructType schema;

  CopyReaderFactory(ColumnDecoder[] decoders, StructType schema) {
    this.decoders = decoders;
    this.schema = schema;
  }

  @Override
  public PartitionReader<InternalRow> createReader(InputPartition partition) {
    CopyInputPartition copy = (CopyInputPartition) partition;
    try {
      return CopyPartitionReader.open(copy.connection(), copy.select(), decoders, schema);
    } catch (SQLException e) {
      throw new IllegalStateException("COPY failed: " + e.getMessage(), e);
    }
  }
}
