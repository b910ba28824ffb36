package io.ferry.sink.redshift.warehouse;

/**
 * The warehouse a stage's {@code dialect} names. Not needed in a job: the connection's URL names
 * the warehouse, and a dialect that contradicts it is refused at validation.
 */
public enum Dialect {
  REDSHIFT(Warehouse.REDSHIFT, "redshift"),
  POSTGRES(Warehouse.POSTGRES, "postgresql");

  private final String warehouse;
  private final String subprotocol;

  Dialect(String warehouse, String subprotocol) {
    this.warehouse = warehouse;
    this.subprotocol = subprotocol;
  }

  /** {@link Warehouse#REDSHIFT} or {@link Warehouse#POSTGRES}. */
  public String warehouse() {
    return warehouse;
  }

  /** The subprotocol of the JDBC URLs that reach this warehouse: {@code jdbc:<subprotocol>:}. */
  public String subprotocol() {
    return subprotocol;
  }
}
