package io.ferry.sink.redshift.staging;

import java.io.IOException;
import java.io.OutputStream;
import org.apache.spark.sql.catalyst.InternalRow;

/**
 * Encodes Spark's internal rows into the bytes of a staged file, buffering them until {@link
 * #flushTo}, and measures the longest string and binary value of each column in the same pass. A
 * file is {@link #begin}, any number of {@link #encode} calls, then {@link #end}. Not thread-safe:
 * one encoder per task.
 */
public interface RowEncoder {

  /** Appends what a file starts with (nothing for CSV, a header for PostgreSQL's binary COPY). */
  void begin();

  /** Appends one row. */
  void encode(InternalRow row);

  /** Appends what a file ends with (nothing for CSV, a trailer for PostgreSQL's binary COPY). */
  void end();

  /** Bytes encoded since the last {@link #flushTo}. */
  int buffered();

  /** Writes the buffered bytes to {@code out} and empties the buffer. */
  void flushTo(OutputStream out) throws IOException;

  /**
   * The longest value seen so far of each column in bytes (UTF-8 for strings), by column position;
   * -1 for columns that are neither string nor binary.
   */
  long[] maxBytes();
}
