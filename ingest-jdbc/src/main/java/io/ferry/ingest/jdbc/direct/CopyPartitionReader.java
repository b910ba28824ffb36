package io.ferry.ingest.jdbc.direct;

import io.ferry.ingest.jdbc.source.SourceConnection;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.apache.spark.TaskContext;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.SpecificInternalRow;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.TaskCompletionListener;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs on an executor: streams one partition's {@code COPY (SELECT ...) TO STDOUT WITH (FORMAT
 * binary)} and decodes each tuple straight into one reused internal row (Spark copies each row out
 * before asking for the next), so memory stays flat whatever the partition's size. The connection
 * closes when the rows run out or the task ends, whichever comes first; a failed or cancelled task
 * cancels the COPY.
 */
final class CopyPartitionReader implements PartitionReader<InternalRow> {
  private static final Logger LOG = LoggerFactory.getLogger(CopyPartitionReader.class);

  private final Connection jdbc;
  private final CopyOut copy;
  private final BinaryCopyStream stream;
  private final ColumnDecoder[] decoders;
  private final StructType schema;
  private final SpecificInternalRow row;
  private boolean closed;

  private CopyPartitionReader(
      Connection jdbc, CopyOut copy, ColumnDecoder[] decoders, StructType schema) {
    this.jdbc = jdbc;
    this.copy = copy;
    this.stream = new BinaryCopyStream(copy::readFromCopy);
    this.decoders = decoders;
    this.schema = schema;
    this.row = new SpecificInternalRow(schema);
  }

  static CopyPartitionReader open(
      SourceConnection connection, String select, ColumnDecoder[] decoders, StructType schema)
      throws SQLException {
    Connection jdbc = connection.open();
    try {
      if (connection.queryTimeoutSeconds() > 0) {
        try (Statement statement = jdbc.createStatement()) {
          statement.execute("SET statement_timeout = " + connection.queryTimeoutSeconds() * 1000L);
        }
      }
      CopyOut copy =
          jdbc.unwrap(PGConnection.class)
              .getCopyAPI()
              .copyOut("COPY (" + select + "\n) TO STDOUT WITH (FORMAT binary)");
      CopyPartitionReader reader = new CopyPartitionReader(jdbc, copy, decoders, schema);
      TaskContext task = TaskContext.get();
      if (task != null) {
        task.addTaskCompletionListener((TaskCompletionListener) context -> reader.close());
      }
      return reader;
    } catch (SQLException | RuntimeException e) {
      jdbc.close();
      throw e;
    }
  }

  @Override
  public boolean next() throws IOException {
    if (closed) {
      return false;
    }
    try {
      int fields = stream.nextTuple();
      if (fields < 0) {
        close();
        return false;
      }
      if (fields != decoders.length) {
        throw new IllegalStateException(
            "COPY returned a row of " + fields + " fields, expected " + decoders.length);
      }
      for (int i = 0; i < fields; i++) {
        int length = stream.nextField();
        if (length < 0) {
          row.setNullAt(i);
        } else {
          decode(i, length);
          stream.skip(length);
        }
      }
      return true;
    } catch (SQLException e) {
      throw new IOException("COPY failed: " + e.getMessage(), sessionEnded(e));
    }
  }

  /**
   * pgjdbc reports a session that died mid-COPY only as a failed read (SQLState class 08, the
   * server's own message lost): say what that means.
   */
  private static SQLException sessionEnded(SQLException e) {
    String state = e.getSQLState();
    if (state == null || !state.startsWith("08")) {
      return e;
    }
    return new SQLException(
        "the source session ended in the middle of the read ("
            + e.getMessage()
            + "): it was terminated, the server restarted or failed over, or the network dropped",
        state,
        e);
  }

  private void decode(int i, int length) {
    try {
      decoders[i].decode(stream.buffer(), stream.position(), length, row, i);
    } catch (ColumnValueException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "cannot decode column '"
              + schema.fields()[i].name()
              + "' ("
              + length
              + " bytes) as "
              + schema.fields()[i].dataType().simpleString()
              + ": "
              + e,
          e);
    }
  }

  @Override
  public InternalRow get() {
    return row;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try (Connection c = jdbc) {
      if (copy.isActive()) {
        copy.cancelCopy();
      }
    } catch (SQLException e) {
      // The rows are already read or the task already failed; this is only clean-up.
      LOG.debug("closing a COPY connection after its partition ended", e);
    }
  }
}
