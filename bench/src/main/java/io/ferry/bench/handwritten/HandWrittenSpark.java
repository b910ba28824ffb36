package io.ferry.bench.handwritten;

import java.util.Properties;
import org.apache.spark.sql.SparkSession;

/**
 * What every hand-written program starts with: a SparkSession with the settings {@code bin/ferry}
 * gives a standalone run (master {@code local[*]}, UI off, 8 shuffle partitions, UTC), and the
 * database credentials a user would pass (the password from {@code BENCH_PG_PASSWORD}).
 */
final class HandWrittenSpark {
  private HandWrittenSpark() {}

  static SparkSession session(String appName) {
    return SparkSession.builder()
        .appName(appName)
        .master("local[*]")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "8")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate();
  }

  static Properties credentials(String user) {
    String password = System.getenv("BENCH_PG_PASSWORD");
    if (password == null) {
      throw new IllegalStateException("set BENCH_PG_PASSWORD to the database password");
    }
    Properties props = new Properties();
    props.setProperty("user", user);
    props.setProperty("password", password);
    props.setProperty("driver", "org.postgresql.Driver");
    return props;
  }

  static void requireArgs(String[] args, int count, String usage) {
    if (args.length != count) {
      throw new IllegalArgumentException("usage: " + usage);
    }
  }
}
