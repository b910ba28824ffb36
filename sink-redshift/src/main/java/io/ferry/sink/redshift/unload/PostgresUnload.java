package io.ferry.sink.redshift.unload;

import io.ferry.core.sql.SqlIdentifier;
import java.io.IOException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.postgresql.PGConnection;

/**
 * The postgres dialect's unload: {@code COPY (<query>) TO STDOUT} as CSV into one lake file, typed
 * by the query's result metadata. Timestamps are written as UTC instants ({@code timestamptz}) or
 * wall-clock times ({@code timestamp}) with microseconds, so Spark reads them back exactly; NULL is
 * an unquoted empty field and '' a quoted one, read back apart with {@link #NULL_SENTINEL}.
 */
public final class PostgresUnload {
  private static final int MAX_DECIMAL_PRECISION = 38;
  private static final String SUBQUERY = "q";

  /**
   * Spark's {@code nullValue} when reading the file. PostgreSQL writes NULL as an unquoted empty
   * field, which Spark's parser turns into its null value, and '' as {@code ""}, which Spark would
   * also read as NULL were {@code nullValue} the empty string. A text value equal to this sentinel
   * reads back as NULL.
   */
  public static final String NULL_SENTINEL = "\\N";

  private PostgresUnload() {}

  /** The query's columns as Spark fields, from the database's description of its result. */
  public static StructType schema(Connection c, String query) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(query)) {
      ResultSetMetaData meta = p.getMetaData();
      if (meta == null) {
        throw new IllegalArgumentException("the query returns no rows: " + query);
      }
      StructType schema = new StructType();
      for (int i = 1; i <= meta.getColumnCount(); i++) {
        schema =
            schema.add(
                new StructField(
                    meta.getColumnLabel(i),
                    sparkType(meta, i),
                    true,
                    org.apache.spark.sql.types.Metadata.empty()));
      }
      return schema;
    }
  }

  private static DataType sparkType(ResultSetMetaData meta, int i) throws SQLException {
    String name = meta.getColumnTypeName(i).toLowerCase(Locale.ROOT);
    return switch (meta.getColumnType(i)) {
      case Types.BIGINT -> DataTypes.LongType;
      case Types.INTEGER -> DataTypes.IntegerType;
      case Types.SMALLINT, Types.TINYINT -> DataTypes.ShortType;
      case Types.DOUBLE, Types.FLOAT -> DataTypes.DoubleType;
      case Types.REAL -> DataTypes.FloatType;
      case Types.BIT, Types.BOOLEAN -> DataTypes.BooleanType;
      case Types.DATE -> DataTypes.DateType;
      case Types.NUMERIC, Types.DECIMAL -> {
        int precision = meta.getPrecision(i);
        int scale = meta.getScale(i);
        yield precision <= 0 || precision > MAX_DECIMAL_PRECISION
            ? DataTypes.createDecimalType(MAX_DECIMAL_PRECISION, 18)
            : DataTypes.createDecimalType(precision, scale);
      }
      case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE ->
          name.equals("timestamptz") || meta.getColumnType(i) == Types.TIMESTAMP_WITH_TIMEZONE
              ? DataTypes.TimestampType
              : DataTypes.TimestampNTZType;
      default -> DataTypes.StringType;
    };
  }

  /**
   * The COPY statement: the query as a subquery, timestamps formatted with microseconds and an
   * explicit UTC offset, booleans as {@code true}/{@code false} rather than {@code t}/{@code f}.
   */
  public static String copySql(String query, StructType schema) {
    List<String> columns = new ArrayList<>();
    for (StructField field : schema.fields()) {
      String column = SUBQUERY + "." + SqlIdentifier.of(field.name()).quoted();
      if (field.dataType() == DataTypes.TimestampType) {
        column = "to_char(" + column + " AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')";
      } else if (field.dataType() == DataTypes.TimestampNTZType) {
        column = "to_char(" + column + ", 'YYYY-MM-DD\"T\"HH24:MI:SS.US')";
      } else if (field.dataType() == DataTypes.BooleanType) {
        column = "CAST(" + column + " AS text)";
      }
      columns.add(column);
    }
    return "COPY (SELECT "
        + String.join(", ", columns)
        + " FROM ("
        + query
        + ") AS "
        + SUBQUERY
        + ") TO STDOUT WITH (FORMAT csv)";
  }

  /**
   * Streams the query's rows into {@code file}.
   *
   * @return rows written
   */
  public static long unload(Connection c, String copySql, FileSystem fs, Path file)
      throws SQLException, IOException {
    try (OutputStream out = fs.create(file, true)) {
      return c.unwrap(PGConnection.class).getCopyAPI().copyOut(copySql, out);
    }
  }
}
