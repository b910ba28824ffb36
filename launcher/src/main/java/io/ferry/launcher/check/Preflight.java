package io.ferry.launcher.check;

import static java.util.Objects.requireNonNull;

import com.typesafe.config.Config;
import io.ferry.core.connection.ConnectionSpec;
import io.ferry.core.lake.Lake;
import io.ferry.core.option.ConfigLocation;
import io.ferry.core.option.StageOption;
import io.ferry.core.secret.Redactor;
import io.ferry.core.stage.ChecksReadiness;
import io.ferry.core.stage.PreflightContext;
import io.ferry.core.stage.Stage;
import io.ferry.core.stage.StageProblems;
import io.ferry.core.stage.StageSpec;
import io.ferry.engine.job.JobSpec;
import io.ferry.engine.job.Problem;
import io.ferry.engine.stage.StageRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The checks of {@code ferry check} on a validated job, in order: a marker written to and deleted
 * from the lake root, each stage's own {@link ChecksReadiness} checks, then a login to every
 * connection no stage used. Every problem is collected, none stops the others; nothing but the
 * marker is written. Starts no SparkSession: the lake is reached through Hadoop's FileSystem with
 * the settings a run would give Spark.
 */
final class Preflight {
  private static final String MARKER_PREFIX = "_ferry-check-";

  private final JobSpec job;
  private final StageRegistry registry;
  private final Lake lake;
  private final List<Problem> problems = new ArrayList<>();
  private final List<String> lines = new ArrayList<>();
  private final Set<String> usedConnections = new LinkedHashSet<>();

  Preflight(JobSpec job, StageRegistry registry) {
    this.job = requireNonNull(job, "job");
    this.registry = requireNonNull(registry, "registry");
    this.lake = new Lake(job.lake().root(), hadoopConf(job));
  }

  /** The Hadoop settings a run gives Spark: the lake's S3 options and the job's spark.hadoop.*. */
  static Configuration hadoopConf(JobSpec job) {
    Configuration conf = new Configuration();
    job.lake().hadoopS3Settings().forEach(conf::set);
    String prefix = "spark.hadoop.";
    job.spark().conf().entrySet().stream()
        .filter(e -> e.getKey().startsWith(prefix))
        .forEach(e -> conf.set(e.getKey().substring(prefix.length()), e.getValue()));
    return conf;
  }

  /** Runs every check; {@link #problems()} and {@link #lines()} hold the outcome. */
  void run() {
    checkLake();
    List<StageSpec> earlier = new ArrayList<>();
    for (StageSpec spec : job.stages()) {
      checkStage(spec, List.copyOf(earlier));
      earlier.add(spec);
    }
    job.connections().values().stream()
        .filter(c -> !usedConnections.contains(c.name()))
        .forEach(this::checkConnection);
  }

  List<Problem> problems() {
    return problems;
  }

  /** One line per thing checked, for the console. */
  List<String> lines() {
    return lines;
  }

  private void checkLake() {
    Path root = lake.root();
    Path marker = new Path(root, MARKER_PREFIX + UUID.randomUUID());
    try {
      FileSystem fs = lake.fileSystem(root);
      boolean rootExisted = fs.exists(root);
      try (OutputStream out = fs.create(marker, false)) {
        out.write("written and deleted by ferry check\n".getBytes(StandardCharsets.UTF_8));
      }
      if (!fs.delete(marker, false)) {
        throw new IOException("could not delete the marker " + marker);
      }
      if (!rootExisted) {
        fs.delete(root, false);
      }
      lines.add("lake " + root + ": writable");
    } catch (IOException | RuntimeException e) {
      lines.add("lake " + root + ": NOT writable");
      problems.add(
          Problem.at(
              job.resolved().getValue("lake.root").origin(),
              "lake.root",
              "cannot write a marker file in "
                  + root
                  + ": "
                  + Redactor.global().describe(e).replace('\n', ' ')
                  + "; create the folder or bucket and give the job's role (or your keys) write"
                  + " access to it"));
    }
  }

  private void checkStage(StageSpec spec, List<StageSpec> earlier) {
    String label = "stage '" + spec.name() + "' (" + spec.type() + ")";
    int before = problems.size();
    Stage stage = registry.find(spec.type()).orElseThrow().create(spec);
    if (!(stage instanceof ChecksReadiness checks)) {
      lines.add(label + ": nothing to check beyond validation");
      return;
    }
    StageProblems stageProblems = stageProblems(spec);
    try {
      checks.check(context(spec, earlier, stageProblems));
    } catch (RuntimeException e) {
      stageProblems.add(
          "type", "the check failed: " + Redactor.global().describe(e).replace('\n', ' '));
    }
    int found = problems.size() - before;
    lines.add(
        label + (found == 0 ? ": ready" : ": " + found + (found == 1 ? " problem" : " problems")));
  }

  private StageProblems stageProblems(StageSpec spec) {
    return new StageProblems() {
      @Override
      public void add(StageOption<?> option, String message) {
        record(spec, spec.options().location(option), option.name(), message);
      }

      @Override
      public void add(String key, String message) {
        record(spec, spec.options().location(key), key, message);
      }
    };
  }

  private void record(StageSpec spec, ConfigLocation at, String key, String message) {
    problems.add(
        new Problem(
            at.file(),
            at.line(),
            spec.path() + "." + key,
            "stage '" + spec.name() + "': " + Redactor.global().redact(message)));
  }

  private PreflightContext context(
      StageSpec spec, List<StageSpec> earlier, StageProblems stageProblems) {
    return new PreflightContext() {
      @Override
      public String job() {
        return job.name();
      }

      @Override
      public Config params() {
        return job.params();
      }

      @Override
      public Lake lake() {
        return lake;
      }

      @Override
      public ConnectionSpec connection(String name) {
        ConnectionSpec c = job.connections().get(name);
        if (c == null) {
          throw new IllegalArgumentException("no connection named '" + name + "'");
        }
        usedConnections.add(name);
        return c;
      }

      @Override
      public List<StageSpec> earlierStages() {
        return earlier;
      }

      @Override
      public StageProblems problems() {
        return stageProblems;
      }
    };
  }

  /** A login, for a connection no stage checked. */
  private void checkConnection(ConnectionSpec connection) {
    String label = "connection '" + connection.name() + "'";
    try (Connection c =
        DriverManager.getConnection(connection.url(), connection.jdbcProperties())) {
      lines.add(label + ": logged in as " + c.getMetaData().getUserName());
    } catch (SQLException | RuntimeException e) {
      lines.add(label + ": cannot log in");
      problems.add(
          Problem.at(
              job.resolved().getValue("connections." + connection.name()).origin(),
              "connections." + connection.name(),
              "cannot log in at "
                  + connection.host()
                  + ": "
                  + Redactor.global().redact(e.getMessage())
                  + "; check the URL, user and password (or the secret they come from)"));
    }
  }
}
