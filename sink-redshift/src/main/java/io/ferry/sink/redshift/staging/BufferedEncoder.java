package io.ferry.sink.redshift.staging;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * What every {@link RowEncoder} keeps: the growing byte buffer its rows are encoded into, and the
 * longest string and binary value of each column. Subclasses write into {@link #buf} at {@link
 * #len} after {@link #ensure} made room.
 */
abstract class BufferedEncoder implements RowEncoder {
  private final long[] maxBytes;
  protected byte[] buf = new byte[1 << 16];
  protected int len;

  BufferedEncoder(StructType schema) {
    StructField[] columns = schema.fields();
    maxBytes = new long[columns.length];
    Arrays.fill(maxBytes, -1);
    for (int i = 0; i < columns.length; i++) {
      DataType type = columns[i].dataType();
      if (type instanceof StringType || type instanceof BinaryType) {
        maxBytes[i] = 0;
      }
    }
  }

  @Override
  public final int buffered() {
    return len;
  }

  @Override
  public final void flushTo(OutputStream out) throws IOException {
    out.write(buf, 0, len);
    len = 0;
  }

  @Override
  public final long[] maxBytes() {
    return maxBytes.clone();
  }

  /** Records a value of {@code bytes} bytes in a string or binary column. */
  protected final void measure(int column, int bytes) {
    if (bytes > maxBytes[column]) {
      maxBytes[column] = bytes;
    }
  }

  /** Grows the buffer so that {@code room} more bytes fit. */
  protected final void ensure(int room) {
    if (len + room > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + room));
    }
  }
}
