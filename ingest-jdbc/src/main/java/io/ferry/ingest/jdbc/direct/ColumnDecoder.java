package io.ferry.ingest.jdbc.direct;

import java.io.Serializable;
import org.apache.spark.sql.catalyst.InternalRow;

/**
 * Turns one non-NULL field of PostgreSQL's binary COPY format into Spark's internal value for the
 * column's Spark type and sets it in the row. Made on the driver ({@link ColumnDecoders}), run on
 * executors.
 */
@FunctionalInterface
interface ColumnDecoder extends Serializable {

  /**
   * @param bytes holds the field's bytes from {@code offset}; never changed afterwards, so a value
   *     may point into it
   * @param length the field's length, at least 0
   */
  void decode(byte[] bytes, int offset, int length, InternalRow row, int ordinal);
}
