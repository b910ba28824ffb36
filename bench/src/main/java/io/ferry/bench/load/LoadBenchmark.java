package io.ferry.bench.load;

import io.ferry.bench.Benchmark;
import io.ferry.engine.run.RunReport;
import io.ferry.engine.run.RunRequest;
import io.ferry.engine.stage.StageRegistry;
import io.ferry.sink.redshift.RedshiftLoadFactory;
import io.ferry.testkit.JobHarness;
import io.ferry.testkit.PostgresDatabase;
import io.ferry.testkit.PostgresServer;
import io.ferry.testkit.SharedSpark;
import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.postgresql.PGConnection;

/**
 * {@code bench/run load [ROWS] [ROUNDS]}: rows × 8 columns from the lake (Parquet) into PostgreSQL,
 * five ways, alternating in every round: Ferry's {@code redshift-load} (postgres dialect, append)
 * with its default binary COPY staging and with {@code staging-format = csv}; {@code COPY FROM
 * STDIN} of the same rows as one prepared CSV file (the limit) and as one prepared binary COPY file
 * (for reference; preparing the files is not timed); Spark's JDBC writer (batchsize 10000,
 * reWriteBatchedInserts=true). Every target is emptied, untimed, before its run. Reports medians,
 * ratios, this JVM's CPU time and peak heap.
 */
public final class LoadBenchmark implements Benchmark {
  private static final String COLUMNS =
      "id bigint, customer integer, amount numeric(12,2), score double precision, name text,"
          + " note text, created_at timestamptz, day date";

  @Override
  public String name() {
    return "load";
  }

  @Override
  public String description() {
    return "lake -> PostgreSQL: Ferry redshift-load vs COPY FROM one CSV file vs Spark's JDBC writer";
  }

  @Override
  public String run(List<String> args) throws Exception {
    long rows = args.isEmpty() ? 5_000_000L : Long.parseLong(args.get(0));
    int rounds = args.size() < 2 ? 3 : Integer.parseInt(args.get(1));
    SparkSession spark = SharedSpark.session();
    PostgresDatabase db = PostgresServer.shared().createDatabase("loadbench");
    Path work = Files.createTempDirectory("ferry-load-bench");
    Path lake = work.resolve("lake");
    Path input = lake.resolve("bench-input");
    Path csv = work.resolve("limit.csv");
    Path binary = work.resolve("limit.bin");
    generate(spark, rows, input);
    prepareCsv(spark, input, work.resolve("csv-out"), csv);
    db.execute(
        "CREATE SCHEMA bench",
        "CREATE TABLE bench.copy_t (" + COLUMNS + ")",
        "CREATE TABLE bench.copy_bin_t (" + COLUMNS + ")",
        "CREATE TABLE bench.jdbc_t (" + COLUMNS + ")",
        "CREATE TABLE bench.ferry_t (" + COLUMNS + ")",
        "CREATE TABLE bench.ferry_csv_t (" + COLUMNS + ")");
    prepareBinary(db, csv, binary);

    List<Measure> ferry = new ArrayList<>();
    List<Measure> ferryCsv = new ArrayList<>();
    List<Measure> copy = new ArrayList<>();
    List<Measure> copyBinary = new ArrayList<>();
    List<Measure> jdbc = new ArrayList<>();
    for (int round = 0; round < rounds; round++) {
      int r = round;
      ferry.add(measure(db, "bench.ferry_t", () -> ferry(spark, db, lake, input, r, "binary")));
      copy.add(measure(db, "bench.copy_t", () -> copy(db, csv, "bench.copy_t", "csv")));
      ferryCsv.add(measure(db, "bench.ferry_csv_t", () -> ferry(spark, db, lake, input, r, "csv")));
      copyBinary.add(
          measure(db, "bench.copy_bin_t", () -> copy(db, binary, "bench.copy_bin_t", "binary")));
      jdbc.add(measure(db, "bench.jdbc_t", () -> jdbc(spark, db, input)));
    }
    for (String table :
        List.of(
            "bench.ferry_t",
            "bench.ferry_csv_t",
            "bench.copy_t",
            "bench.copy_bin_t",
            "bench.jdbc_t")) {
      long count = (Long) db.query("SELECT count(*) FROM " + table).get(0).get(0);
      if (count != rows) {
        throw new IllegalStateException(table + " holds " + count + " rows, expected " + rows);
      }
    }
    for (String table : List.of("bench.ferry_t", "bench.ferry_csv_t", "bench.copy_bin_t")) {
      List<List<Object>> differ =
          db.query(
              "SELECT count(*) FROM ((SELECT * FROM bench.copy_t EXCEPT ALL SELECT * FROM "
                  + table
                  + ") UNION ALL (SELECT * FROM "
                  + table
                  + " EXCEPT ALL SELECT * FROM bench.copy_t)) d");
      if ((Long) differ.get(0).get(0) != 0) {
        throw new IllegalStateException(table + " differs from the limit's rows: " + differ);
      }
    }
    deleteTree(work);
    return report(rows, rounds, ferry, ferryCsv, copy, copyBinary, jdbc);
  }

  private static void generate(SparkSession spark, long rows, Path input) {
    spark
        .range(0, rows, 1, 4)
        .selectExpr(
            "id",
            "CAST(id % 100000 AS INT) AS customer",
            "CAST((id % 1000000) / 100.0 AS DECIMAL(12,2)) AS amount",
            "CAST(id AS DOUBLE) / 7 AS score",
            "concat('customer-', id % 100000) AS name",
            "CASE WHEN id % 10 = 0 THEN NULL WHEN id % 10 = 1 THEN '' ELSE concat('note \"',"
                + " id, '\", ü') END AS note",
            "timestamp_seconds(1700000000 + id) AS created_at",
            "date_add(DATE'2020-01-01', CAST(id % 2000 AS INT)) AS day")
        .write()
        .mode(SaveMode.Overwrite)
        .parquet(input.toString());
  }

  /** The limit's input: the same rows as one CSV file in COPY's CSV dialect. */
  private static void prepareCsv(SparkSession spark, Path input, Path out, Path csv)
      throws Exception {
    spark
        .read()
        .parquet(input.toString())
        .coalesce(1)
        .write()
        .mode(SaveMode.Overwrite)
        .options(
            Map.of(
                "header", "false",
                "escape", "\"",
                "nullValue", "",
                "emptyValue", "\"\"",
                "timestampFormat", "yyyy-MM-dd HH:mm:ss.SSSSSSXXX"))
        .csv(out.toString());
    try (Stream<Path> files = Files.list(out)) {
      Path part =
          files
              .filter(p -> p.getFileName().toString().startsWith("part-"))
              .findFirst()
              .orElseThrow();
      Files.move(part, csv);
    }
  }

  /**
   * The reference's input: the limit's rows as one binary COPY file, written by PostgreSQL itself
   * from a scratch table loaded from the CSV file.
   */
  private static void prepareBinary(PostgresDatabase db, Path csv, Path binary) throws Exception {
    db.execute("CREATE TABLE bench.scratch (" + COLUMNS + ")");
    copy(db, csv, "bench.scratch", "csv");
    try (Connection c = db.connect();
        OutputStream out = new BufferedOutputStream(Files.newOutputStream(binary), 1 << 16)) {
      c.unwrap(PGConnection.class)
          .getCopyAPI()
          .copyOut("COPY bench.scratch TO STDOUT WITH (FORMAT binary)", out);
    }
    db.execute("DROP TABLE bench.scratch");
  }

  private static Void ferry(
      SparkSession spark, PostgresDatabase db, Path lake, Path input, int round, String format) {
    String hocon =
        """
        job.name = loadbench
        lake.root = "file://%s"
        %s
        stages = [
          { name = input, type = bench-parquet, path = "%s" }
          { name = load, type = redshift-load, connection = wh, dialect = postgres,
            table = %s, mode = append, create-table = false, staging-format = %s }
        ]
        """
            .formatted(
                lake,
                db.hoconConnection("wh"),
                input,
                format.equals("csv") ? "bench.ferry_csv_t" : "bench.ferry_t",
                format);
    RunReport report =
        JobHarness.fromHocon(hocon)
            .registry(StageRegistry.of(new ParquetInputFactory(), new RedshiftLoadFactory()))
            .run(spark, new RunRequest(Optional.of(format + "-" + round), OptionalDouble.empty()));
    if (report.status() != RunReport.Status.SUCCEEDED) {
      throw new IllegalStateException("Ferry's load failed: " + report.error().orElse(""));
    }
    return null;
  }

  private static Void copy(PostgresDatabase db, Path file, String table, String format)
      throws Exception {
    try (Connection c = db.connect();
        InputStream in = Files.newInputStream(file)) {
      c.unwrap(PGConnection.class)
          .getCopyAPI()
          .copyIn("COPY " + table + " FROM STDIN WITH (FORMAT " + format + ")", in, 1 << 16);
    }
    return null;
  }

  private static Void jdbc(SparkSession spark, PostgresDatabase db, Path input) {
    Properties props = new Properties();
    props.putAll(db.jdbcProperties());
    props.setProperty("batchsize", "10000");
    props.setProperty("reWriteBatchedInserts", "true");
    props.setProperty("driver", "org.postgresql.Driver");
    Dataset<Row> rows = spark.read().parquet(input.toString());
    rows.write().mode(SaveMode.Append).jdbc(db.jdbcUrl(), "bench.jdbc_t", props);
    return null;
  }

  /** Empties the table (untimed), then times {@code work}: wall clock, JVM CPU, peak heap. */
  private static Measure measure(PostgresDatabase db, String table, Callable<Void> work)
      throws Exception {
    db.execute("TRUNCATE " + table);
    System.gc();
    List<MemoryPoolMXBean> heap =
        ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP)
            .toList();
    heap.forEach(MemoryPoolMXBean::resetPeakUsage);
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long cpu = os.getProcessCpuTime();
    long start = System.nanoTime();
    work.call();
    long wall = System.nanoTime() - start;
    long cpuUsed = os.getProcessCpuTime() - cpu;
    long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    return new Measure(wall / 1_000_000, cpuUsed / 1_000_000, peak >> 20);
  }

  private record Measure(long millis, long cpuMillis, long peakHeapMb) {}

  private static long median(List<Measure> runs, java.util.function.ToLongFunction<Measure> f) {
    long[] values = runs.stream().mapToLong(f).sorted().toArray();
    return values[values.length / 2];
  }

  private static String report(
      long rows,
      int rounds,
      List<Measure> ferry,
      List<Measure> ferryCsv,
      List<Measure> copy,
      List<Measure> copyBinary,
      List<Measure> jdbc) {
    long f = median(ferry, Measure::millis);
    long fc = median(ferryCsv, Measure::millis);
    long c = median(copy, Measure::millis);
    long cb = median(copyBinary, Measure::millis);
    long j = median(jdbc, Measure::millis);
    StringBuilder sb = new StringBuilder();
    sb.append("## load: lake -> PostgreSQL, ")
        .append(String.format("%,d", rows))
        .append(" rows x 8 columns, median of ")
        .append(rounds)
        .append(" alternating rounds\n\n");
    sb.append("| way | wall s | JVM CPU s | peak heap MB | runs (s) |\n|---|---|---|---|---|\n");
    row(sb, "Ferry redshift-load (postgres, append; binary COPY, the default)", ferry);
    row(sb, "Ferry redshift-load, staging-format = csv", ferryCsv);
    row(sb, "COPY FROM one CSV file (limit)", copy);
    row(sb, "COPY FROM one binary COPY file (reference)", copyBinary);
    row(sb, "Spark JDBC writer (batch 10000, rewrite)", jdbc);
    sb.append(
        String.format(
            "%nFerry / limit = %.2fx; Ferry / JDBC writer = %.2fx; Ferry / binary file = %.2fx%n",
            (double) f / c, (double) f / j, (double) f / cb));
    sb.append(
        String.format(
            "Ferry csv / limit = %.2fx; Ferry csv / JDBC writer = %.2fx%n",
            (double) fc / c, (double) fc / j));
    sb.append(
        "\nJVM CPU is the benchmark JVM's (Spark, Ferry, pgjdbc), not the PostgreSQL server's. The"
            + " CSV and binary files are prepared before timing. Every table's rows were checked"
            + " equal to the limit's (EXCEPT ALL both ways).\n");
    return sb.toString();
  }

  private static void row(StringBuilder sb, String name, List<Measure> runs) {
    sb.append(
        String.format(
            "| %s | %.1f | %.1f | %d | %s |%n",
            name,
            median(runs, Measure::millis) / 1000.0,
            median(runs, Measure::cpuMillis) / 1000.0,
            median(runs, Measure::peakHeapMb),
            runs.stream().map(m -> String.format("%.1f", m.millis() / 1000.0)).toList()));
  }

  private static void deleteTree(Path root) throws Exception {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
