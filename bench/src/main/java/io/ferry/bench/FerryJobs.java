package io.ferry.bench;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ferry.bench.measure.ProcessSample;
import io.ferry.bench.measure.ProcessTimer;
import io.ferry.bench.measure.Way;
import io.ferry.bench.measure.WayFailedException;
import io.ferry.testkit.PostgresDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * Ferry job files for the cold runs, and what their run reports say. Every job reads and writes the
 * benchmark database as connections {@code src} and {@code wh}, whose password comes from {@value
 * Programs#PASSWORD_ENV}, and writes its lake under the work folder.
 */
public final class FerryJobs {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The ingest stage's phases in the order they happen; other phases follow by name. */
  private static final List<String> PHASE_ORDER =
      List.of("plan_ms", "schema_ms", "write_ms", "check_ms", "commit_ms");

  private final Path jobs;
  private final Path lake;
  private final PostgresDatabase db;

  FerryJobs(Path jobs, Path lake, PostgresDatabase db) {
    this.jobs = requireNonNull(jobs, "jobs");
    this.lake = requireNonNull(lake, "lake");
    this.db = requireNonNull(db, "db");
  }

  /** The lake's root folder. */
  public Path lake() {
    return lake;
  }

  /**
   * Writes {@code <jobs>/<name>.conf}: the job's name, lake, both connections and the given {@code
   * stages = [...]} block.
   */
  public Path write(String name, String stages) throws IOException {
    Files.createDirectories(jobs);
    Path file = jobs.resolve(name + ".conf");
    String connection =
        "{ url = \"%s\", user = \"%s\", password { env = %s } }"
            .formatted(db.jdbcUrl(), db.user(), Programs.PASSWORD_ENV);
    Files.writeString(
        file,
        """
        job.name = %s
        lake.root = "file://%s"
        connections.src = %s
        connections.wh = %s
        stages = [
        %s
        ]
        """
            .formatted(name, lake, connection, connection, stages));
    return file;
  }

  /**
   * A timed {@code bin/ferry run JOB --run-id <run name>} that checks the run report: the run
   * succeeded and {@code stage} put out {@code rows} rows (when given), and takes the stage's time
   * and phase times ({@code *_ms} metrics) from it.
   */
  public Way.Trial run(
      ProcessTimer timer, Programs programs, Path job, String stage, OptionalLong rows) {
    return runName -> {
      ProcessSample sample =
          timer.run(runName, programs.ferry(runName, "run", job.toString(), "--run-id", runName));
      return withReport(sample, jobName(job), runName, stage, rows);
    };
  }

  /** The sample with {@code stage}'s time and phases from the run's report, checked. */
  public ProcessSample withReport(
      ProcessSample sample, String job, String runId, String stage, OptionalLong rows)
      throws IOException {
    JsonNode report =
        JSON.readTree(lake.resolve("_runs/" + job + "/" + runId + "/report.json").toFile());
    if (!report.path("status").asText().equals("succeeded")) {
      throw new WayFailedException(
          "run " + runId + " of job " + job + " did not succeed: " + report.path("error").asText());
    }
    for (JsonNode s : report.path("stages")) {
      if (s.path("name").asText().equals(stage)) {
        if (rows.isPresent() && s.path("rows_out").asLong(-1) != rows.getAsLong()) {
          throw new WayFailedException(
              "stage "
                  + stage
                  + " of run "
                  + runId
                  + " put out "
                  + s.path("rows_out").asText()
                  + " rows, expected "
                  + rows.getAsLong());
        }
        Map<String, Long> found = new TreeMap<>();
        s.path("metrics")
            .fields()
            .forEachRemaining(
                f -> {
                  if (f.getKey().endsWith("_ms") && f.getValue().isNumber()) {
                    found.put(f.getKey(), f.getValue().asLong());
                  }
                });
        Map<String, Long> phases = new LinkedHashMap<>();
        PHASE_ORDER.stream().filter(found::containsKey).forEach(p -> phases.put(p, found.get(p)));
        phases.putAll(found);
        return sample.withStage(s.path("duration_ms").asLong(), phases);
      }
    }
    throw new WayFailedException("run " + runId + " of job " + job + " has no stage " + stage);
  }

  /** The folder a {@code jdbc-ingest} stage committed for a run. */
  public Path rawRun(String job, String stage, String runId) {
    return lake.resolve("raw/" + job + "/" + stage + "/run=" + runId);
  }

  private static String jobName(Path job) {
    String file = job.getFileName().toString();
    return file.substring(0, file.length() - ".conf".length());
  }
}
