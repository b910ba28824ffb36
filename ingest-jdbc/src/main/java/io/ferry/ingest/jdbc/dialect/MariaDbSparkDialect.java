package io.ferry.ingest.jdbc.dialect;

import java.sql.Connection;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import org.apache.spark.sql.jdbc.JdbcDialect;
import org.apache.spark.sql.jdbc.JdbcDialects;
import org.apache.spark.sql.jdbc.JdbcType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.MetadataBuilder;
import scala.Option;
import scala.collection.immutable.Map;

/**
 * Spark 3.5 recognises MySQL only by {@code jdbc:mysql} URLs; MariaDB Connector/J's {@code
 * jdbc:mariadb} URLs would get Spark's generic dialect, which quotes identifiers with double quotes
 * (string literals to MariaDB). This dialect hands {@code jdbc:mariadb} to Spark's own MySQL
 * dialect, except that {@code datetime} values keep their wall time before 1582 too. Registered
 * once per JVM by {@link #register()}.
 */
final class MariaDbSparkDialect extends JdbcDialect {
  private static final long serialVersionUID = 1L;
  private static boolean registered;

  private final JdbcDialect mysql = JdbcDialects.get("jdbc:mysql://localhost/");

  /** Registers the dialect with Spark, once. */
  static synchronized void register() {
    if (!registered) {
      JdbcDialects.registerDialect(new MariaDbSparkDialect());
      registered = true;
    }
  }

  @Override
  public boolean canHandle(String url) {
    return url.startsWith("jdbc:mariadb:");
  }

  @Override
  public Option<DataType> getCatalystType(
      int sqlType, String typeName, int size, MetadataBuilder md) {
    return mysql.getCatalystType(sqlType, typeName, size, md);
  }

  @Override
  public Option<JdbcType> getJDBCType(DataType dt) {
    return mysql.getJDBCType(dt);
  }

  @Override
  public String quoteIdentifier(String column) {
    return mysql.quoteIdentifier(column);
  }

  @Override
  public String getTableExistsQuery(String table) {
    return mysql.getTableExistsQuery(table);
  }

  @Override
  public Object compileValue(Object value) {
    return mysql.compileValue(value);
  }

  @Override
  public Option<Object> isCascadingTruncateTable() {
    return mysql.isCascadingTruncateTable();
  }

  @Override
  public void beforeFetch(Connection connection, Map<String, String> properties) {
    mysql.beforeFetch(connection, properties);
  }

  /**
   * The wall time the driver read, field by field. Spark's default takes the timestamp's epoch
   * milliseconds, which the driver computed in the hybrid Julian/Gregorian calendar, as proleptic
   * Gregorian ones: a {@code datetime} before 1582-10-15 moved by days (1000-01-01 became
   * 1000-01-06).
   */
  @Override
  public LocalDateTime convertJavaTimestampToTimestampNTZ(Timestamp t) {
    return t.toLocalDateTime();
  }
}
