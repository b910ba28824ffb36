package io.ferry.sink.redshift.warehouse;

import io.ferry.core.connection.ConnectionSpec;
import io.ferry.core.sql.SqlIdentifier;
import io.ferry.sink.redshift.CopyFailedException;
import io.ferry.sink.redshift.amazon.RedshiftConnections;
import io.ferry.sink.redshift.modes.ModeStatements;
import io.ferry.sink.redshift.postgres.PostgresConnections;
import io.ferry.sink.redshift.staging.StagedFiles;
import io.ferry.sink.redshift.table.ColumnTypes;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.fs.FileSystem;

/**
 * The database a load writes to, decided by its connection's URL ({@link #nameOf}): Amazon Redshift
 * (COPY of files staged in S3) or PostgreSQL (COPY FROM STDIN of the staged files, for laptops and
 * tests). It owns what differs between them: the driver, the staging formats, the column types of
 * created tables, the COPY statements and what a failed COPY left behind, and the forms of MERGE
 * and TRUNCATE. The load's steps and their order are the same for both ({@link
 * io.ferry.sink.redshift.LoadScript}).
 */
public sealed interface Warehouse permits RedshiftWarehouse, PostgresWarehouse {
  String REDSHIFT = "redshift";
  String POSTGRES = "postgres";

  /**
   * The warehouse a JDBC URL reaches: {@code jdbc:redshift:} and {@code jdbc:redshift:iam:} reach
   * Redshift, {@code jdbc:postgresql:} PostgreSQL; empty for any other URL.
   */
  static Optional<String> nameOf(String url) {
    if (url.startsWith("jdbc:redshift:")) {
      return Optional.of(REDSHIFT);
    }
    if (url.startsWith("jdbc:postgresql:")) {
      return Optional.of(POSTGRES);
    }
    return Optional.empty();
  }

  /**
   * Opens a connection through the driver its URL names, the session in UTC.
   *
   * @throws IllegalArgumentException when the URL names neither Redshift nor PostgreSQL
   */
  static Connection connect(ConnectionSpec connection) throws SQLException {
    String name =
        nameOf(connection.url())
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "connection '"
                            + connection.name()
                            + "' has a '"
                            + connection.subprotocol()
                            + "' URL; the warehouse is reached through jdbc:redshift://,"
                            + " jdbc:redshift:iam:// or jdbc:postgresql:// URLs"));
    return name.equals(REDSHIFT)
        ? RedshiftConnections.open(connection)
        : PostgresConnections.open(connection);
  }

  /** {@value #REDSHIFT} or {@value #POSTGRES}, as a job's {@code dialect} names it. */
  String name();

  /** A connection through this warehouse's own driver, the session in UTC. */
  Connection open(ConnectionSpec connection) throws SQLException;

  /**
   * Types for the columns of a table the load creates, sized by the staged data's longest values.
   */
  ColumnTypes columnTypes(Map<String, Long> maxBytes);

  /**
   * The statements that COPY staged files, as a plan shows them (keys masked) and {@link #copy}
   * issues them.
   *
   * @param table the staging table, or the target for a direct append
   * @param columnList the table's columns as SQL shows them, or a placeholder
   * @param nested whether the files hold nested columns
   * @param staged the staged files' folder, or a placeholder
   */
  List<String> copyStatements(
      SqlIdentifier table, String columnList, boolean nested, String staged);

  /**
   * Copies every staged file into {@code into} on {@code c}, inside the caller's transaction.
   *
   * @param fs the file system the staged files live on (PostgreSQL's COPY is streamed from it;
   *     Redshift reads S3 itself)
   * @return rows the database says it loaded
   * @throws CopyFailedException when the database refused the data
   */
  long copy(Connection c, CopyInto into, StagedFiles staged, FileSystem fs)
      throws SQLException, IOException;

  /**
   * After a failed COPY and the rollback: the database's account of the rejected rows, read on the
   * same connection; empty when it keeps none.
   */
  Optional<String> copyErrors(Connection c, CopyFailedException failure);

  /** The MERGE of the staging table into the target in this warehouse's form. */
  String merge(ModeStatements mode);

  /**
   * Whether an append may COPY straight into the target inside the transaction instead of through
   * the staging table: as atomic (the rollback removes the rows), with half the writes.
   */
  boolean appendsDirectly();

  /**
   * Whether TRUNCATE commits the transaction it runs in (Redshift), rather than being part of it.
   */
  boolean truncateCommits();

  /**
   * Whether the load's transaction locks an existing target table too (after the bookkeeping
   * tables): Redshift's serializable isolation fails a concurrent writer instead of making it wait
   * unless the lock comes first.
   */
  boolean locksTarget();

  /**
   * Whether {@code e} is a conflict with a concurrent transaction after which the whole load
   * transaction may simply run again (the run-id check keeps a retry idempotent).
   */
  boolean isRetryableConflict(SQLException e);

  /**
   * Where a COPY goes.
   *
   * @param table the staging table, or the target for a direct append
   * @param columns the table's columns, in file order
   * @param nested whether the files hold nested columns bound for SUPER or jsonb
   */
  record CopyInto(SqlIdentifier table, List<String> columns, boolean nested) {
    public CopyInto {
      java.util.Objects.requireNonNull(table, "table");
      columns = List.copyOf(columns);
    }
  }
}
