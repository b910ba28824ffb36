package io.ferry.sink.redshift;

import static java.util.Objects.requireNonNull;

import io.ferry.core.sql.SqlIdentifier;
import io.ferry.core.stage.StageFailure;
import io.ferry.core.stage.StandardFailureCode;
import io.ferry.sink.redshift.bookkeeping.LoadBook;
import io.ferry.sink.redshift.bookkeeping.LoadRecord;
import io.ferry.sink.redshift.bookkeeping.WatermarkTable;
import io.ferry.sink.redshift.modes.ModeStatements;
import io.ferry.sink.redshift.modes.StagingTable;
import io.ferry.sink.redshift.table.ColumnDefinition;
import io.ferry.sink.redshift.table.ColumnMatch;
import io.ferry.sink.redshift.table.CreateTableStatement;
import io.ferry.sink.redshift.table.TargetTable;
import io.ferry.sink.redshift.warehouse.Warehouse;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One load as one warehouse transaction, the same for every warehouse and mode, in the order of
 * {@link LoadScript}:
 *
 * <ol>
 *   <li>{@link #prepare}: the target's schema and the bookkeeping tables created in their own
 *       committed transaction, and the existing target looked up;
 *   <li>the LOCKs as the transaction's first statements, in a fixed order ({@code ferry_loads},
 *       {@code ferry_watermarks}, an existing target on Redshift), so that on Redshift no earlier
 *       statement takes the transaction's snapshot; when this run id already committed, stop; when
 *       another run of the job's stage committed a load since this run started (it loaded while
 *       this one waited for the lock), refuse: two runs of one job never both load;
 *   <li>{@code pre-sql}; the target created when missing, or checked (adding missing columns with
 *       {@code schema-evolution = add-columns});
 *   <li>the temporary staging table, the COPY ({@link LoadSource}), and the check that COPY read
 *       exactly the staged rows;
 *   <li>for merge: refuse NULL and duplicate keys; then the mode's statements;
 *   <li>the pending watermarks; the {@code ferry_loads} row; {@code post-sql}; COMMIT.
 * </ol>
 *
 * Any failure rolls back, so the target is as it was (DESIGN.md guarantee 3), except that TRUNCATE
 * commits on Redshift: after it the LOCKs are taken again and the run id looked up again, so a
 * concurrent attempt of the same run that committed meanwhile is not loaded twice; the target then
 * stays empty from the TRUNCATE until this transaction commits, and a failure after it leaves the
 * target empty until a rerun. When Redshift fails the transaction with ERROR 1023 (a serializable
 * isolation conflict with a concurrent load) the whole transaction runs again, at most {@value
 * #MAX_ATTEMPTS} times; the run-id lookup makes that safe. The caller owns the connection and has
 * turned auto-commit off.
 */
public final class LoadTransaction {
  static final int MAX_ATTEMPTS = 4;
  private static final Logger LOG = LoggerFactory.getLogger(LoadTransaction.class);

  private final Warehouse warehouse;
  private final LoadSettings settings;
  private final Clock clock;
  private final Duration backoff;
  private final LoadScript script;

  /**
   * @param backoff the wait before the first retry after a conflict; doubled for each next one
   */
  public LoadTransaction(
      Warehouse warehouse, LoadSettings settings, Clock clock, Duration backoff) {
    this.warehouse = requireNonNull(warehouse, "warehouse");
    this.settings = requireNonNull(settings, "settings");
    this.clock = requireNonNull(clock, "clock");
    this.backoff = requireNonNull(backoff, "backoff");
    this.script = new LoadScript(settings, warehouse);
  }

  /**
   * Creates the target's schema (when the table may be created) and the bookkeeping tables, and
   * commits; then looks the target up, and ends that read too (on Redshift its snapshot must not
   * carry into the load's transaction).
   *
   * @return the target, when it exists
   */
  public Optional<TargetTable> prepare(Connection c, Optional<WatermarkTable> watermarks)
      throws SQLException {
    try {
      for (String sql : script.setup(watermarks)) {
        execute(c, sql);
      }
      c.commit();
      Optional<TargetTable> target = TargetTable.find(c, settings.table());
      c.rollback();
      return target;
    } catch (SQLException | RuntimeException e) {
      rollback(c, e);
      throw e;
    }
  }

  /**
   * Runs the load on {@code c} and commits it, or rolls back and throws.
   *
   * @param targetExists whether {@link #prepare} found the target
   */
  public LoadOutcome run(Connection c, LoadRequest request, boolean targetExists)
      throws SQLException, IOException {
    for (int attempt = 1; ; attempt++) {
      try {
        LoadOutcome outcome = load(c, request, targetExists);
        c.commit();
        return outcome;
      } catch (CopyFailedException e) {
        rollback(c, e);
        Optional<String> details = warehouse.copyErrors(c, e);
        if (details.isPresent()) {
          throw new CopyFailedException(e.getMessage() + "; " + details.get(), e, e.start());
        }
        throw e;
      } catch (SQLException e) {
        rollback(c, e);
        if (attempt >= MAX_ATTEMPTS || !warehouse.isRetryableConflict(e)) {
          throw e;
        }
        Duration wait = backoff.multipliedBy(1L << (attempt - 1));
        LOG.warn(
            "Load of {} conflicted with a concurrent transaction (attempt {} of {}); running it"
                + " again in {} ms: {}",
            settings.table().quoted(),
            attempt,
            MAX_ATTEMPTS,
            wait.toMillis(),
            e.getMessage());
        sleep(wait);
      } catch (IOException | RuntimeException e) {
        rollback(c, e);
        throw e;
      }
    }
  }

  private LoadOutcome load(Connection c, LoadRequest request, boolean targetExists)
      throws SQLException, IOException {
    SqlIdentifier target = settings.table();
    List<String> locks = script.locks(request.watermarkTable(), targetExists);
    LoadBook book = script.book();
    for (String sql : locks) {
      execute(c, sql);
    }
    Optional<LoadBook.Committed> committed =
        book.find(c, request.job(), request.stage(), request.runId());
    if (committed.isPresent()) {
      return alreadyCommitted(request, committed.get());
    }
    refuseIfAnotherRunLoaded(c, request);
    for (String sql : settings.preSql()) {
      execute(c, sql);
    }
    TargetTable table = targetTable(c, request);
    List<String> columns = ColumnMatch.targetColumns(request.source().columns(), table);
    if (!script.direct()) {
      execute(c, script.stagingTable(quotedList(columns)));
    }
    ModeStatements mode = new ModeStatements(target, StagingTable.NAME, columns, mergeKeys(table));
    for (String sql : script.beforeCopy(mode)) {
      execute(c, sql);
    }
    LoadSource.Copied copy =
        request.source().copy(c, warehouse, script.copyInto(columns, nested(request.schema())));
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
    if (settings.mode() == LoadMode.MERGE) {
      checkKeys(c, mode);
    }
    long loaded = script.direct() ? copied : 0;
    for (String sql : script.moves(mode)) {
      try (Statement s = c.createStatement()) {
        loaded = s.executeLargeUpdate(sql);
      }
      if (sql.equals(mode.truncate()) && warehouse.truncateCommits()) {
        LOG.warn(
            "TRUNCATE committed on {}: {} stays empty until this load commits, and a failure from"
                + " here on leaves it empty until a rerun",
            warehouse.name(),
            target.quoted());
        for (String lock : script.locks(request.watermarkTable(), true)) {
          execute(c, lock);
        }
        Optional<LoadBook.Committed> meanwhile =
            book.find(c, request.job(), request.stage(), request.runId());
        if (meanwhile.isPresent()) {
          return alreadyCommitted(request, meanwhile.get());
        }
        refuseIfAnotherRunLoaded(c, request);
      }
    }
    if (request.watermarkTable().isPresent()) {
      WatermarkTable watermarks = request.watermarkTable().get();
      for (Map.Entry<String, String> w : new TreeMap<>(request.watermarks()).entrySet()) {
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
   * Two runs of one job at once: the LOCK made this one wait until the other committed, and its
   * input may hold the same rows (both read from the same watermark), so it loads nothing.
   */
  private void refuseIfAnotherRunLoaded(Connection c, LoadRequest request) throws SQLException {
    Optional<String> other =
        script
            .book()
            .loadedSince(
                c, request.job(), request.stage(), request.runId(), request.runStartedAt());
    if (other.isPresent()) {
      throw new StageFailure(
          StandardFailureCode.TARGET_WRITE_FAILED,
          "run "
              + other.get()
              + " of job '"
              + request.job()
              + "' loaded "
              + settings.table().quoted()
              + " while this run ("
              + request.runId()
              + ", started "
              + request.runStartedAt()
              + ") waited for the lock on "
              + script.book().table().quoted()
              + "; two runs of one job must not both load, so this one loaded nothing. Run the job"
              + " again once the other run has ended, to load what it did not");
    }
  }

  private static boolean nested(StructType schema) {
    for (var field : schema.fields()) {
      var type = field.dataType();
      if (type instanceof StructType || type instanceof ArrayType || type instanceof MapType) {
        return true;
      }
    }
    return false;
  }

  /**
   * The run id committed earlier. Its rows are in; loading again would duplicate them. When this
   * attempt read further than the committed one (its ingest saw newer rows), skipping would lose
   * those rows once the runner advances the watermark, so that is an error instead.
   */
  private LoadOutcome alreadyCommitted(LoadRequest request, LoadBook.Committed committed) {
    if (!request.watermarks().isEmpty() && !request.watermarks().equals(committed.watermarks())) {
      throw new StageFailure(
          StandardFailureCode.TARGET_WRITE_FAILED,
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
        warehouse.columnTypes(request.source().maxBytes()).columns(request.schema());
    Optional<TargetTable> existing = TargetTable.find(c, target);
    if (existing.isEmpty()) {
      if (!settings.createTable()) {
        throw StageFailure.about(
            "table",
            StandardFailureCode.CONFIG_VALUE_NOT_FOUND,
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
                      StageFailure.about(
                          "merge-keys",
                          StandardFailureCode.CONFIG_VALUE_NOT_FOUND,
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
        throw new StageFailure(
            StandardFailureCode.DATA_INVALID,
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
      throw new StageFailure(
          StandardFailureCode.DATA_INVALID,
          "the input holds several rows for the same merge key "
              + mode.mergeKeys()
              + ", e.g. "
              + String.join("; ", duplicates)
              + "; set dedupe-by to the column whose greatest value wins, or remove them in an"
              + " earlier stage");
    }
  }

  private static String quotedList(List<String> columns) {
    return SqlIdentifier.list(
        columns.stream().map(SqlIdentifier::of).toList(), SqlIdentifier::quoted);
  }

  private static void execute(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private static void sleep(Duration wait) {
    try {
      Thread.sleep(wait.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting to retry the load", e);
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
