package io.ferry.ingest.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An application writing to a table while Ferry reads it: every few milliseconds it inserts {@link
 * #BATCH} rows with ids above any the table held and deletes one of the rows it held, each round
 * one committed transaction. Table shape: {@code (id, v)} with {@code v = 'v' || id}.
 */
final class BusyWriter implements Runnable {
  static final int BATCH = 20;
  static final long FIRST_INSERTED = 1_000_001;

  private final Callable<Connection> connect;
  private final String table;
  private final int rows;
  private final AtomicBoolean stop = new AtomicBoolean();
  private final CountDownLatch tenRounds = new CountDownLatch(10);
  private final List<Long> deleted = Collections.synchronizedList(new ArrayList<>());
  private final List<Long> inserted = Collections.synchronizedList(new ArrayList<>());
  private volatile Exception failure;

  /**
   * @param rows the table holds ids 1 to {@code rows} when the writer starts
   */
  BusyWriter(Callable<Connection> connect, String table, int rows) {
    this.connect = connect;
    this.table = table;
    this.rows = rows;
  }

  @Override
  public void run() {
    try (Connection c = connect.call();
        PreparedStatement insert =
            c.prepareStatement("INSERT INTO " + table + " (id, v) VALUES (?, ?)");
        PreparedStatement delete = c.prepareStatement("DELETE FROM " + table + " WHERE id = ?")) {
      c.setAutoCommit(false);
      long next = FIRST_INSERTED;
      for (int round = 0; !stop.get() && 37L * round < rows; round++) {
        List<Long> batch = new ArrayList<>();
        for (int i = 0; i < BATCH; i++, next++) {
          insert.setLong(1, next);
          insert.setString(2, "v" + next);
          insert.addBatch();
          batch.add(next);
        }
        insert.executeBatch();
        // Spread over the whole range, so every partition loses rows while the stage reads.
        long victim = rows - 37L * round;
        delete.setLong(1, victim);
        delete.executeUpdate();
        c.commit();
        inserted.addAll(batch);
        deleted.add(victim);
        tenRounds.countDown();
        Thread.sleep(3);
      }
    } catch (Exception e) {
      failure = e;
      while (tenRounds.getCount() > 0) {
        tenRounds.countDown();
      }
    }
  }

  /** Waits until ten rounds are committed. */
  void awaitTenRounds() throws Exception {
    if (!tenRounds.await(2, TimeUnit.MINUTES)) {
      throw new IllegalStateException("the writer committed fewer than ten rounds in 2 minutes");
    }
    check();
  }

  void stop() {
    stop.set(true);
  }

  void check() throws SQLException {
    if (failure != null) {
      throw new SQLException("the concurrent writer failed: " + failure, failure);
    }
  }

  List<Long> deleted() {
    return List.copyOf(deleted);
  }

  List<Long> inserted() {
    return List.copyOf(inserted);
  }
}
