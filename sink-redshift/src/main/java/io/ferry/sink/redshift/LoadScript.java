package io.ferry.sink.redshift;

import static java.util.Objects.requireNonNull;

import io.ferry.sink.redshift.bookkeeping.LoadBook;
import io.ferry.sink.redshift.bookkeeping.WatermarkTable;
import io.ferry.sink.redshift.modes.ModeStatements;
import io.ferry.sink.redshift.modes.StagingTable;
import io.ferry.sink.redshift.table.CreateTableStatement;
import io.ferry.sink.redshift.table.TargetTable;
import io.ferry.sink.redshift.warehouse.Warehouse;
import io.ferry.sink.redshift.warehouse.Warehouse.CopyInto;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The statements of one load, in the order {@link LoadTransaction} issues them and {@code ferry
 * plan} prints them ({@link #plan}); both take every statement from here, and a test holds the
 * recorded run against the plan.
 *
 * <ol>
 *   <li>setup, committed on its own: the target's schema, {@code ferry_loads}, {@code
 *       ferry_watermarks}, so no CREATE takes the load transaction's snapshot; then the target's
 *       catalog lookup, its read ended by a ROLLBACK;
 *   <li>the load transaction opens with its LOCKs, always in this order: {@code ferry_loads},
 *       {@code ferry_watermarks}, then (Redshift) an existing target; then the run-id lookup and
 *       the lookup of another run of the job's stage that loaded since this run started;
 *   <li>{@code pre-sql}, the target created or checked, the staging table (or, for a direct
 *       truncate-insert, the TRUNCATE), the COPY, the merge-key checks, the mode's statements (on
 *       Redshift TRUNCATE commits, so the LOCKs and the run-id lookup run again after it), the
 *       watermarks, the {@code ferry_loads} row, {@code post-sql}, COMMIT.
 * </ol>
 */
public final class LoadScript {
  static final String COMMIT = "COMMIT";
  static final String ROLLBACK = "ROLLBACK";
  private static final String INPUT_COLUMNS = "<input columns>";

  private final LoadSettings settings;
  private final Warehouse warehouse;
  private final LoadBook book;

  public LoadScript(LoadSettings settings, Warehouse warehouse) {
    this.settings = requireNonNull(settings, "settings");
    this.warehouse = requireNonNull(warehouse, "warehouse");
    this.book = LoadBook.nextTo(settings.table());
  }

  LoadBook book() {
    return book;
  }

  /** The statements committed before the load transaction. */
  List<String> setup(Optional<WatermarkTable> watermarks) {
    List<String> sql = new ArrayList<>();
    if (settings.createTable()) {
      CreateTableStatement.createSchemaSql(settings.table()).ifPresent(sql::add);
    }
    sql.add(book.createSql());
    watermarks.ifPresent(w -> sql.add(w.createSql()));
    return sql;
  }

  /** The load transaction's first statements. */
  List<String> locks(Optional<WatermarkTable> watermarks, boolean targetExists) {
    List<String> sql = new ArrayList<>();
    sql.add(book.lockSql());
    watermarks.ifPresent(w -> sql.add("LOCK TABLE " + w.table().quoted()));
    if (targetExists && warehouse.locksTarget()) {
      sql.add("LOCK TABLE " + settings.table().quoted());
    }
    return sql;
  }

  /**
   * Whether the load COPYs straight into the target: an append where the warehouse allows it, and a
   * truncate-insert where TRUNCATE is part of the transaction (PostgreSQL: TRUNCATE, then COPY into
   * the emptied target, all rolled back on failure).
   */
  boolean direct() {
    if (!warehouse.appendsDirectly()) {
      return false;
    }
    return settings.mode() == LoadMode.APPEND
        || (settings.mode() == LoadMode.TRUNCATE_INSERT && !warehouse.truncateCommits());
  }

  /** The COPY's destination: the staging table, or the target for a direct load. */
  CopyInto copyInto(List<String> columns, boolean nested) {
    return new CopyInto(direct() ? settings.table() : StagingTable.NAME, columns, nested);
  }

  /** What runs right before the COPY: the TRUNCATE of a direct truncate-insert. */
  List<String> beforeCopy(ModeStatements mode) {
    return direct() && settings.mode() == LoadMode.TRUNCATE_INSERT
        ? List.of(mode.truncate())
        : List.of();
  }

  /** The statements that move the staged rows into the target, in order. */
  List<String> moves(ModeStatements mode) {
    if (direct()) {
      return List.of();
    }
    return switch (settings.mode()) {
      case APPEND -> List.of(mode.insert());
      case OVERWRITE -> List.of(mode.delete(), mode.insert());
      case TRUNCATE_INSERT -> List.of(mode.truncate(), mode.insert());
      case MERGE -> List.of(warehouse.merge(mode));
    };
  }

  /**
   * The whole load as a plan shows it: placeholders for what only the run knows (the input's
   * columns, the staging folder).
   *
   * @param staged the staging folder as a plan names it
   */
  public List<String> plan(
      Optional<WatermarkTable> watermarks, boolean watermarksPending, String staged) {
    List<String> sql = new ArrayList<>(setup(watermarks));
    sql.add(COMMIT);
    sql.add(TargetTable.COLUMNS_SQL);
    sql.add(ROLLBACK);
    List<String> locks = locks(watermarks, true);
    sql.addAll(locks);
    sql.add(book.findSql());
    sql.add(book.laterLoadSql());
    sql.addAll(settings.preSql());
    sql.add(TargetTable.COLUMNS_SQL);
    if (settings.createTable()) {
      sql.add(
          CreateTableStatement.createTableSql(settings.table(), "<input columns and types>")
              + settings.layout().tableSuffix());
    }
    if (!direct()) {
      sql.add(StagingTable.createSql(settings.table(), INPUT_COLUMNS));
    }
    List<String> keys = settings.mergeKeys();
    List<String> columns = new ArrayList<>(keys);
    columns.add(INPUT_COLUMNS);
    ModeStatements mode = new ModeStatements(settings.table(), StagingTable.NAME, columns, keys);
    sql.addAll(beforeCopy(mode));
    sql.addAll(
        warehouse.copyStatements(copyInto(List.of(), false).table(), INPUT_COLUMNS, false, staged));
    if (settings.mode() == LoadMode.MERGE) {
      sql.add(mode.nullKeysQuery());
      sql.add(mode.duplicateKeysQuery());
    }
    for (String move : moves(mode)) {
      sql.add(move);
      if (move.equals(mode.truncate()) && warehouse.truncateCommits()) {
        sql.addAll(locks);
        sql.add(book.findSql());
        sql.add(book.laterLoadSql());
      }
    }
    if (watermarksPending) {
      watermarks.ifPresent(
          w -> {
            sql.add(w.deleteSql());
            sql.add(w.insertSql());
          });
    }
    sql.add(book.insertSql());
    sql.addAll(settings.postSql());
    sql.add(COMMIT);
    return sql;
  }

  /** The staging table's CREATE for {@code columnList}. */
  String stagingTable(String columnList) {
    return StagingTable.createSql(settings.table(), columnList);
  }
}
