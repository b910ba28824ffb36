package io.ferry.bench.measure;

import io.ferry.testkit.PostgresServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.LongSupplier;

/**
 * The CPU PostgreSQL's processes spent, as the postmaster's own CPU plus what the kernel added to
 * it for every child it reaped: each connection's backend adds its CPU when its session ends. So
 * the difference across a run is the server's work for the run's connections (plus any background
 * worker that ended meanwhile, which the benchmark tables avoid by turning autovacuum off).
 */
public final class PostgresCpu implements LongSupplier {
  private final long postmasterPid;

  private PostgresCpu(long postmasterPid) {
    this.postmasterPid = postmasterPid;
  }

  /** Finds the postmaster through its data folder's {@code postmaster.pid}. */
  public static PostgresCpu of(PostgresServer server) throws SQLException, IOException {
    try (Connection c = server.connectAsSuperuser();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SHOW data_directory")) {
      rs.next();
      String firstLine =
          Files.readAllLines(Path.of(rs.getString(1), "postmaster.pid")).get(0).strip();
      return new PostgresCpu(Long.parseLong(firstLine));
    }
  }

  /** Milliseconds of CPU so far; 0 when the postmaster cannot be read. */
  @Override
  public long getAsLong() {
    return ProcStat.cpuMillisWithChildren(postmasterPid).orElse(0);
  }
}
