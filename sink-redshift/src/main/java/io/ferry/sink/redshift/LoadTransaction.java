package io.ferry.sink.redshift;

import static java.util.Objects.requireNonNull;

import io.ferry.core.sql.SqlIdentifier;
import io.ferry.sink.redshift.bookkeeping.LoadBook;
import io.ferry.sink.redshift.bookkeeping.LoadRecord;
import io.ferry.sink.redshift.modes.ModeStatements;
import io.ferry.sink.redshift.modes.StagingTable;
import io.ferry.sink.redshift.table.ColumnDefinition;
import io.ferry.sink.redshift.table.ColumnMatch;
import io.ferry.sink.redshift.table.CreateTableStatement;
import io.ferry.sink.redshift.table.TargetTable;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One load as one warehouse transaction, the same for every dialect and mode:
 *
 * <ol>
 *   <li>create the target's schema when the table may be created; create and lock {@code
 *       ferry_loads}; when this run id already committed, stop: the load is a no-op;
 *   <li>{@code pre-sql};
 *   <li>create the target table when missing, or check its columns (adding missing ones with {@code
 *       schema-evolution = add-columns});
 *   <li>create the temporary staging table, COPY the rows into it ({@link LoadSource}: files staged
 *       before, or staged by Spark while this COPYs them), and check that COPY read exactly the
 *       staged rows;
 *   <li>for merge: refuse NULL and duplicate keys; then the mode's statements;
 *   <li>the pending watermarks, when the state store is this warehouse; the {@code ferry_loads}
 *       row; {@code post-sql}; COMMIT.
 * </ol>
 *
 * Any failure rolls back, so the target is as it was (DESIGN.md guarantee 3), except that TRUNCATE
 * commits on Redshift ({@code truncate-insert}, documented). The caller owns the connection and has
 * turned auto-commit off.
 */
public final class LoadTransaction {
  private static final Logger LOG = LoggerFactory.getLogger(LoadTransaction.class);

  private final WarehouseDialect dialect;
  private final LoadSettings settings;
  private final Clock clock;

  public LoadTransaction(WarehouseDialect dialect, LoadSettings settings, Clock clock) {
    this.dialect = requireNonNull(dialect, "dialect");
    this.settings = requireNonNull(settings, "settings");
    this.clock = requireNonNull(clock, "clock");
  }

  /** Runs the load on {@code c} and commits it, or rolls back and throws. */
  public LoadOutcome run(Connection c, LoadRequest request) throws SQLException, IOException {
    try {
      LoadOutcome outcome = load(c, request);
      c.commit();
      return outcome;
    } catch (CopyFailedException e) {
      rollback(c, e);
      Optional<String> details = dialect.copyErrors(c);
      if (details.isPresent()) {
        throw new CopyFailedException(e.getMessage() + "; " + details.get(), e);
      }
      throw e;
    } catch (SQLException | IOException | RuntimeException e) {
      rollback(c, e);
      throw e;
    }
  }

  private LoadOutcome load(Connection c, LoadRequest request) throws SQLException, IOException {
    SqlIdentifier target = settings.table();
    if (settings.createTable()) {
      Optional<String> schema = CreateTableStatement.createSchemaSql(target);
      if (schema.isPresent()) {
        execute(c, schema.get());
      }
    }
    LoadBook book = LoadBook.nextTo(target);
    book.prepare(c);
    Optional<LoadBook.Committed> committed =
        book.find(c, request.job(), request.stage(), request.runId());
    if (committed.isPresent()) {
      return alreadyCommitted(request, committed.get());
    }
    for (String sql : settings.preSql()) {
      execute(c, sql);
    }
    TargetTable table = targetTable(c, request);
    List<String> columns = ColumnMatch.targetColumns(request.source().columns(), table);
    String columnList = quotedList(columns);
    boolean direct = settings.mode() == LoadMode.APPEND && dialect.appendsDirectly();
    if (!direct) {
      execute(c, StagingTable.createSql(target, columnList));
    }
    LoadSource.Copied copy =
        request.source().copy(c, dialect, direct ? target : StagingTable.NAME, columns);
    long copied = copy.rows();
    if (copied != copy.staged().rows()) {
      throw new IllegalStateException(
          "COPY read "
              + copied
              + " rows from "
              + copy.staged().folder()
              + " but Spark staged "
              + copy.staged().rows()
              + "; nothing was loaded");
    }
    ModeStatements mode = new ModeStatements(target, StagingTable.NAME, columns, mergeKeys(table));
    if (settings.mode() == LoadMode.MERGE) {
      checkKeys(c, mode);
    }
    long loaded = direct ? copied : 0;
    for (String sql : direct ? List.<String>of() : mode.statements(settings.mode())) {
      if (sql.equals(mode.truncate()) && dialect.truncateCommits()) {
        LOG.warn(
            "TRUNCATE commits on Redshift: {} stays empty until this load commits, and a failure"
                + " from here on leaves it empty until a rerun",
            target.quoted());
      }
      try (Statement s = c.createStatement()) {
        loaded = s.executeLargeUpdate(sql);
      }
    }
    if (request.watermarkTable().isPresent() && !request.watermarks().isEmpty()) {
      var watermarks = request.watermarkTable().get();
      watermarks.create(c);
      for (Map.Entry<String, String> w : request.watermarks().entrySet()) {
        watermarks.write(c, request.job(), w.getKey(), w.getValue(), request.runId());
      }
    }
    book.record(
        c,
        new LoadRecord(
            request.job(),
            request.stage(),
            request.runId(),
            target.quoted(),
            settings.mode().name().toLowerCase(Locale.ROOT).replace('_', '-'),
            loaded,
            request.watermarks(),
            clock.instant()));
    for (String sql : settings.postSql()) {
      execute(c, sql);
    }
    return new LoadOutcome(copied, loaded, false, Optional.of(copy.staged()));
  }

  /**
   * The run id committed earlier. Its rows are in; loading again would duplicate them. When this
   * attempt read further than the committed one (its ingest saw newer rows), skipping would lose
   * those rows once the runner advances the watermark, so that is an error instead.
   */
  private LoadOutcome alreadyCommitted(LoadRequest request, LoadBook.Committed committed) {
    if (!request.watermarks().isEmpty() && !request.watermarks().equals(committed.watermarks())) {
      throw new IllegalStateException(
          "run "
              + request.runId()
              + " already loaded "
              + committed.rows()
              + " rows with watermarks "
              + committed.watermarks()
              + ", but this attempt read up to "
              + new TreeMap<>(request.watermarks())
              + "; skipping it would lose the newer rows and loading it would duplicate the"
              + " committed ones. Start a new run id; keep watermarks in the warehouse (state.store"
              + " = warehouse) so they commit with the rows");
    }
    LOG.info(
        "Run {} already loaded {} rows into {}; nothing to do",
        request.runId(),
        committed.rows(),
        settings.table().quoted());
    return LoadOutcome.alreadyCommitted(committed.rows());
  }

  private TargetTable targetTable(Connection c, LoadRequest request) throws SQLException {
    SqlIdentifier target = settings.table();
    List<ColumnDefinition> definitions =
        dialect.columnTypes(request.source().maxBytes()).columns(request.schema());
    Optional<TargetTable> existing = TargetTable.find(c, target);
    if (existing.isEmpty()) {
      if (!settings.createTable()) {
        throw new IllegalStateException(
            "table "
                + target.quoted()
                + " does not exist or is not visible to the connection's user; create it, or set"
                + " create-table = true");
      }
      execute(c, new CreateTableStatement(target, definitions, settings.layout()).createTableSql());
      LOG.info("Created table {}", target.quoted());
      return find(c, target);
    }
    List<String> missing = ColumnMatch.unmatched(request.source().columns(), existing.get());
    if (missing.isEmpty() || settings.schemaEvolution() != SchemaEvolution.ADD_COLUMNS) {
      return existing.get();
    }
    List<ColumnDefinition> added =
        definitions.stream().filter(d -> missing.contains(d.name())).toList();
    for (String sql : CreateTableStatement.addColumnsSql(target, added)) {
      execute(c, sql);
    }
    LOG.info("Added columns {} to {}", missing, target.quoted());
    return find(c, target);
  }

  private static TargetTable find(Connection c, SqlIdentifier target) throws SQLException {
    return TargetTable.find(c, target)
        .orElseThrow(
            () -> new IllegalStateException("table " + target.quoted() + " not found in catalog"));
  }

  private List<String> mergeKeys(TargetTable table) {
    List<String> keys = new ArrayList<>();
    for (String key : settings.mergeKeys()) {
      keys.add(
          ColumnMatch.match(key, table)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "merge key '"
                              + key
                              + "' is not a column of table "
                              + table.name().quoted()
                              + ", which has "
                              + table.columns())));
    }
    return keys;
  }

  private static void checkKeys(Connection c, ModeStatements mode) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet nulls = s.executeQuery(mode.nullKeysQuery())) {
      nulls.next();
      long count = nulls.getLong(1);
      if (count > 0) {
        throw new IllegalArgumentException(
            count + " input rows have a NULL merge key " + mode.mergeKeys() + "; nothing loaded");
      }
    }
    List<String> duplicates = new ArrayList<>();
    int keys = mode.mergeKeys().size();
    try (Statement s = c.createStatement();
        ResultSet rows = s.executeQuery(mode.duplicateKeysQuery())) {
      while (rows.next()) {
        List<String> values = new ArrayList<>();
        for (int i = 1; i <= keys; i++) {
          values.add(rows.getString(i));
        }
        duplicates.add(String.join(", ", values) + " (" + rows.getLong(keys + 1) + " rows)");
      }
    }
    if (!duplicates.isEmpty()) {
      throw new IllegalArgumentException(
          "the input holds several rows for the same merge key "
              + mode.mergeKeys()
              + ", e.g. "
              + String.join("; ", duplicates)
              + "; set dedupe-by to the column whose greatest value wins, or remove them in an"
              + " earlier stage");
    }
  }

  private static String quotedList(List<String> columns) {
    return columns.stream()
        .map(n -> SqlIdentifier.of(n).quoted())
        .collect(Collectors.joining(", "));
  }

  private static void execute(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private static void rollback(Connection c, Exception failure) {
    try {
      c.rollback();
    } catch (SQLException e) {
      failure.addSuppressed(e);
    }
  }
}
