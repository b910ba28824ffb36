package io.ferry.sink.redshift.bookkeeping;

import io.ferry.core.job.ConnectionSpec;
import io.ferry.core.job.JobSpec;
import io.ferry.core.lake.Lake;
import io.ferry.core.state.WatermarkStore;
import io.ferry.core.state.WatermarkStoreFactory;

/**
 * The {@code warehouse} state store: watermarks in {@code ferry_watermarks} reached through {@code
 * state.connection}, in {@code state.schema} (default: the connection's current schema).
 */
public final class WarehouseWatermarkStoreFactory implements WatermarkStoreFactory {
  public static final String NAME = "warehouse";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public WatermarkStore create(JobSpec job, Lake lake) {
    String name =
        job.state()
            .connection()
            .orElseThrow(
                () ->
                    new IllegalStateException("the warehouse state store needs state.connection"));
    ConnectionSpec connection = job.connections().get(name);
    if (connection == null) {
      throw new IllegalStateException(
          "state.connection names connection '" + name + "', which is not defined");
    }
    return new WarehouseWatermarkStore(connection, WatermarkTable.in(job.state().schema()));
  }
}
