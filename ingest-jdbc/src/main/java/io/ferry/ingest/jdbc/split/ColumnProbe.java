package io.ferry.ingest.jdbc.split;

import static java.util.Objects.requireNonNull;

import io.ferry.core.sql.SqlIdentifier;
import io.ferry.ingest.jdbc.SourceQuery;
import io.ferry.ingest.jdbc.dialect.Dialect;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

/** Finds the kind of a source column, for splits and watermarks, without reading any row. */
public final class ColumnProbe {
  private final Dialect dialect;
  private final SourceQuery source;
  private final int queryTimeoutSeconds;

  private ColumnProbe(Dialect dialect, SourceQuery source, int queryTimeoutSeconds) {
    this.dialect = requireNonNull(dialect, "dialect");
    this.source = requireNonNull(source, "source");
    this.queryTimeoutSeconds = queryTimeoutSeconds;
  }

  public static ColumnProbe of(Dialect dialect, SourceQuery source, int queryTimeoutSeconds) {
    return new ColumnProbe(dialect, source, queryTimeoutSeconds);
  }

  /** What a probed column is for, which decides the advice when its type does not fit. */
  public enum Role {
    SPLIT(
        "split column",
        ", which cannot be split; split by an integer, decimal, date or timestamp column, or give"
            + " predicates"),
    INCREMENTAL(
        "incremental column",
        ", which cannot hold a watermark; use an integer, decimal, date or timestamp column");

    private final String label;
    private final String advice;

    Role(String label, String advice) {
      this.label = label;
      this.advice = advice;
    }
  }

  /**
   * The column's type, read from the metadata of a query that returns no rows.
   *
   * @throws SplitException when no split or watermark can be computed on its type
   * @throws SQLException when the column or source does not exist or cannot be read
   */
  public SplitColumn probe(Connection connection, SqlIdentifier name, Role role)
      throws SQLException {
    String sql =
        source.project(
            dialect,
            source.projected(dialect, name) + " AS ferry_v",
            List.of("1 = 0"),
            Optional.empty());
    try (Statement statement = connection.createStatement()) {
      statement.setQueryTimeout(queryTimeoutSeconds);
      ResultSet rs = statement.executeQuery(sql);
      ResultSetMetaData meta = rs.getMetaData();
      String typeName = meta.getColumnTypeName(1);
      SplitColumnType type =
          SplitColumnType.of(meta.getColumnType(1))
              .orElseThrow(
                  () ->
                      new SplitException(
                          role.label
                              + " "
                              + dialect.quote(name)
                              + " has type "
                              + typeName
                              + role.advice));
      int scale =
          switch (meta.getColumnType(1)) {
            case java.sql.Types.NUMERIC, java.sql.Types.DECIMAL -> Math.max(0, meta.getScale(1));
            default -> type == SplitColumnType.DECIMAL ? 10 : 0;
          };
      return new SplitColumn(name, source.reference(dialect, name), type, scale, typeName);
    }
  }
}
