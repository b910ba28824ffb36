package io.ferry.sink.redshift.bookkeeping;

import io.ferry.core.connection.ConnectionSpec;
import io.ferry.core.state.StateSpec;
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
  public WatermarkStore create(StateSpec state, ConnectionSpec connection) {
    return new WarehouseWatermarkStore(connection, WatermarkTable.in(state.schema()));
  }
}
