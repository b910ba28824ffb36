package io.ferry.launcher;

import io.ferry.core.lake.LakeFileSystems;
import io.ferry.engine.job.JobSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;

/**
 * Builds the SparkSession for a run. Under spark-submit (EMR, EMR Serverless) the master and the
 * cluster's conf come from spark-submit; standalone runs default to {@code local[*]} with the UI
 * off. Either way the session time zone is UTC (DESIGN.md guarantee 4) and {@code s3://} works.
 */
final class SparkSessions {
  static final String UTC = "UTC";

  /**
   * Keys whose values Spark masks in its UI, event log and environment listing: Spark's default
   * (secret, password, token, access key) plus the other names Ferry's own settings and drivers use
   * for credentials (secret-key, passwd, pwd, credential). A job may widen it in spark.conf.
   */
  static final String REDACTION_REGEX =
      "(?i)secret|password|passwd|pwd|token|access[._-]?key|credential";

  private static volatile SparkSession started;

  private SparkSessions() {}

  static boolean underSparkSubmit() {
    return System.getProperty("spark.master") != null;
  }

  /** The conf Ferry sets, in order of precedence: Ferry's fixed settings win over the job's. */
  static Map<String, String> conf(JobSpec job, Optional<String> masterOverride) {
    Map<String, String> conf = new LinkedHashMap<>();
    if (!underSparkSubmit()) {
      conf.put("spark.master", masterOverride.or(() -> job.spark().master()).orElse("local[*]"));
      conf.put("spark.ui.enabled", "false");
      conf.put("spark.sql.shuffle.partitions", "8");
    }
    conf.putAll(LakeFileSystems.sparkConfForS3Scheme(new Configuration()));
    job.lake().hadoopS3Settings().forEach((k, v) -> conf.put("spark.hadoop." + k, v));
    conf.put("spark.redaction.regex", REDACTION_REGEX);
    conf.putAll(job.spark().conf());
    conf.put("spark.sql.session.timeZone", UTC);
    conf.put("spark.app.name", job.spark().appName().orElse("ferry-" + job.name()));
    return conf;
  }

  static SparkSession getOrCreate(JobSpec job, Optional<String> masterOverride) {
    SparkSession.Builder builder = SparkSession.builder();
    conf(job, masterOverride).forEach(builder::config);
    SparkSession spark = builder.getOrCreate();
    // getOrCreate on an existing session keeps its SparkContext: make the runtime settings hold.
    spark.conf().set("spark.sql.session.timeZone", UTC);
    started = spark;
    return spark;
  }

  /**
   * Stops the session {@link #getOrCreate} built, if any. Touches no Spark class otherwise, so a
   * command that needed none ({@code validate}, {@code stages}) never loads one.
   */
  static void stopStarted() {
    if (started != null) {
      started.stop();
    }
  }
}
