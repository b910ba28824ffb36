package io.ferry.testkit;

import io.ferry.core.lake.LakeFileSystems;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;

/**
 * The one local SparkSession of a test JVM, created on first use and shared by every test.
 *
 * <p>Settings: master {@code local[2]} (or the system property {@value #MASTER_PROPERTY}, e.g.
 * {@code local[2,2]} for a test JVM whose failed tasks are retried once, as on a cluster), UI off,
 * 2 shuffle partitions, session time zone UTC, driver bound to 127.0.0.1, a throwaway warehouse
 * folder, and {@code s3://} bound to S3A (as Ferry's launcher does off EMR). Adaptive query
 * execution keeps Spark's default.
 *
 * <p>Tests must never stop the session; a JVM shutdown hook does. Tests that change session state
 * (SQL conf, temp views, the Hadoop configuration) share it with every later test of the JVM, so
 * they should use unique names and set what they rely on.
 */
public final class SharedSpark {
  /** The system property that overrides the shared session's master. */
  public static final String MASTER_PROPERTY = "ferry.test.spark-master";

  /** Spark master of the shared session: {@code local[2]} unless {@value #MASTER_PROPERTY} says. */
  public static final String MASTER = System.getProperty(MASTER_PROPERTY, "local[2]");

  private static SparkSession session;

  private SharedSpark() {}

  /**
   * The shared session, created on the first call. Thread-safe.
   *
   * @throws IllegalStateException when Spark cannot start, e.g. without the {@code --add-opens}
   *     flags that Spark needs on Java 17 (Ferry's parent pom puts them in surefire's argLine)
   */
  public static synchronized SparkSession session() {
    if (session == null) {
      session = create();
      SparkSession created = session;
      Runtime.getRuntime()
          .addShutdownHook(new Thread(created::stop, "ferry-testkit-spark-shutdown"));
    }
    return session;
  }

  private static SparkSession create() {
    SparkSession.Builder builder =
        SparkSession.builder()
            .appName("ferry-tests")
            .master(MASTER)
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            .config("spark.sql.shuffle.partitions", "2")
            .config("spark.default.parallelism", "2")
            .config("spark.sql.session.timeZone", "UTC")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.sql.warehouse.dir", warehouseDir().toUri().toString());
    LakeFileSystems.sparkConfForS3Scheme(new Configuration()).forEach(builder::config);
    try {
      return builder.getOrCreate();
    } catch (RuntimeException | LinkageError e) {
      throw new IllegalStateException(
          "cannot start the shared local SparkSession: "
              + e
              + ". On Java 17 Spark needs the --add-opens flags of Ferry's parent pom"
              + " (property ferry.add-opens) in the test JVM's argLine",
          e);
    }
  }

  private static Path warehouseDir() {
    try {
      Path dir = Files.createTempDirectory("ferry-spark-warehouse-");
      dir.toFile().deleteOnExit();
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot create a temporary Spark warehouse folder; check java.io.tmpdir", e);
    }
  }
}
