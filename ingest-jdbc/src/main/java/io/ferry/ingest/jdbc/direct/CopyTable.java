package io.ferry.ingest.jdbc.direct;

import java.util.Set;
import org.apache.spark.sql.connector.catalog.SupportsRead;
import org.apache.spark.sql.connector.catalog.TableCapability;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/** A planned direct read as a batch-readable table. */
final class CopyTable implements SupportsRead {
  private final CopyReadPlan plan;

  CopyTable(CopyReadPlan plan) {
    this.plan = plan;
  }

  @Override
  public String name() {
    return "ferry_copy";
  }

  @SuppressWarnings("deprecation")
  @Override
  public StructType schema() {
    return plan.schema();
  }

  @Override
  public Set<TableCapability> capabilities() {
    return Set.of(TableCapability.BATCH_READ);
  }

  @Override
  public ScanBuilder newScanBuilder(CaseInsensitiveStringMap options) {
    return new CopyScan(plan);
  }
}
