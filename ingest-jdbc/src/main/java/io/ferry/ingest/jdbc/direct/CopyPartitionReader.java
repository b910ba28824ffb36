package io.ferry.ingest.jdbc.direct;

import static java.util.Objects.requireNonNull;

import io.ferry.ingest.jdbc.source.SourceConnection;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.util.TaskCompletionListener;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs on an executor: streams one partition's {@code COPY (SELECT ...) TO STDOUT} through pgjdbc's
 * {@code CopyManager} and turns each line into a Row, lazily, so memory stays flat whatever the
 * partition's size. The connection closes when the rows run out or the task ends, whichever comes
 * first (a failed or cancelled task cancels the COPY).
 */
final class CopyPartitionReader implements FlatMapFunction<Iterator<String>, Row> {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(CopyPartitionReader.class);

  private final SourceConnection connection;
  private final List<FieldParser> parsers;

  CopyPartitionReader(SourceConnection connection, List<FieldParser> parsers) {
    this.connection = requireNonNull(connection, "connection");
    this.parsers = List.copyOf(parsers);
  }

  @Override
  public Iterator<Row> call(Iterator<String> selects) throws SQLException {
    if (!selects.hasNext()) {
      return Collections.emptyIterator();
    }
    String select = selects.next();
    if (selects.hasNext()) {
      throw new IllegalStateException("a direct-mode partition holds exactly one SELECT");
    }
    Connection jdbc = connection.open();
    try {
      if (connection.queryTimeoutSeconds() > 0) {
        try (Statement statement = jdbc.createStatement()) {
          statement.execute("SET statement_timeout = " + connection.queryTimeoutSeconds() * 1000L);
        }
      }
      CopyOut copy =
          jdbc.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY (" + select + "\n) TO STDOUT");
      Rows rows = new Rows(jdbc, copy, parsers);
      TaskContext task = TaskContext.get();
      if (task != null) {
        task.addTaskCompletionListener((TaskCompletionListener) context -> rows.close());
      }
      return rows;
    } catch (SQLException | RuntimeException e) {
      jdbc.close();
      throw e;
    }
  }

  /** The rows of one COPY, read one line ahead. */
  private static final class Rows implements Iterator<Row> {
    private final Connection jdbc;
    private final CopyOut copy;
    private final List<FieldParser> parsers;
    private byte[] next;
    private boolean closed;

    Rows(Connection jdbc, CopyOut copy, List<FieldParser> parsers) throws SQLException {
      this.jdbc = jdbc;
      this.copy = copy;
      this.parsers = parsers;
      advance();
    }

    @Override
    public boolean hasNext() {
      return next != null;
    }

    @Override
    public Row next() {
      if (next == null) {
        throw new NoSuchElementException();
      }
      int end = next.length;
      if (end > 0 && next[end - 1] == '\n') {
        end--;
      }
      String line = new String(next, 0, end, StandardCharsets.UTF_8);
      List<String> fields = CopyText.fields(line, parsers.size());
      Object[] values = new Object[fields.size()];
      for (int i = 0; i < values.length; i++) {
        String field = fields.get(i);
        values[i] = field == null ? null : parsers.get(i).parse(field);
      }
      try {
        advance();
      } catch (SQLException e) {
        throw new IllegalStateException("COPY failed: " + e.getMessage(), e);
      }
      return RowFactory.create(values);
    }

    private void advance() throws SQLException {
      next = copy.readFromCopy();
      if (next == null) {
        close();
      }
    }

    void close() {
      if (closed) {
        return;
      }
      closed = true;
      next = null;
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
}
