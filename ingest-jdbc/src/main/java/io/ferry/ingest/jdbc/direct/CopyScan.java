package io.ferry.ingest.jdbc.direct;

import org.apache.spark.sql.connector.read.Batch;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.types.StructType;

/**
 * The scan of a direct read, all columns (the stage writes every column it reads): one input
 * partition per planned SELECT, each read on its own connection.
 */
final class CopyScan implements ScanBuilder, Scan, Batch {
  private final CopyReadPlan plan;

  CopyScan(CopyReadPlan plan) {
    this.plan = plan;
  }

  @Override
  public Scan build() {
    return this;
  }

  @Override
  public StructType readSchema() {
    return plan.schema();
  }

  @Override
  public String description() {
    // Shown in query plans: names the connection and host, never the password or the SQL.
    return "PostgreSQL binary COPY, "
        + plan.selects().size()
        + " partition(s), "
        + plan.connection();
  }

  @Override
  public Batch toBatch() {
    return this;
  }

  @Override
  public InputPartition[] planInputPartitions() {
    return plan.selects().stream()
        .map(select -> new CopyInputPartition(select, plan.connection()))
        .toArray(InputPartition[]::new);
  }

  @Override
  public PartitionReaderFactory createReaderFactory() {
    return new CopyReaderFactory(plan.decoders().toArray(ColumnDecoder[]::new), plan.schema());
  }
}
