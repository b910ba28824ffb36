package io.ferry.transform.lake;

import static java.util.Objects.requireNonNull;

import io.ferry.core.lake.Lake;
import io.ferry.core.stage.ChecksReadiness;
import io.ferry.core.stage.ExplainsPlan;
import io.ferry.core.stage.PreflightContext;
import io.ferry.core.stage.Stage;
import io.ferry.core.stage.StageContext;
import io.ferry.core.stage.StageOutput;
import io.ferry.core.stage.StagePlan;
import io.ferry.transform.sql.SqlErrors;
import io.ferry.transform.sql.SqlParams;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * One {@code lake-read} stage. Its output is Spark's lazy plan over the files: nothing is read
 * before a later stage consumes it, except the file listing and, without a schema, its inference. A
 * path holding {@code run=<run-id>} folders is read through its committed runs only.
 */
public final class LakeReadStage implements Stage, ExplainsPlan, ChecksReadiness {
  private final String name;
  private final Optional<String> path;
  private final Optional<String> rawStage;
  private final Optional<String> rawJob;
  private final Optional<String> runId;
  private final LakeFormat format;
  private final Map<String, String> options;
  private final Optional<String> schema;
  private final Optional<String> filter;

  LakeReadStage(
      String name,
      Optional<String> path,
      Optional<String> rawStage,
      Optional<String> rawJob,
      Optional<String> runId,
      LakeFormat format,
      Map<String, String> options,
      Optional<String> schema,
      Optional<String> filter) {
    this.name = requireNonNull(name, "name");
    this.path = requireNonNull(path, "path");
    this.rawStage = requireNonNull(rawStage, "rawStage");
    this.rawJob = requireNonNull(rawJob, "rawJob");
    this.runId = requireNonNull(runId, "runId");
    this.format = requireNonNull(format, "format");
    this.options = Map.copyOf(options);
    this.schema = requireNonNull(schema, "schema");
    this.filter = requireNonNull(filter, "filter");
  }

  /**
   * @throws IllegalStateException naming the stage when a raw run is missing or uncommitted
   * @throws IllegalArgumentException naming the stage and quoting Spark when the files cannot be
   *     read (missing path, bad schema, filter on an unknown column)
   */
  @Override
  public StageOutput run(StageContext context) {
    Path location = location(context);
    DataFrameReader reader = context.spark().read().format(format.source()).options(options);
    schema.ifPresent(reader::schema);
    List<String> paths = committedRuns(context.lake(), location);
    if (!paths.isEmpty()) {
      reader.option("basePath", location.toString());
      context.metrics().put("committed-runs", paths.size());
    }
    Dataset<Row> rows;
    try {
      rows =
          paths.isEmpty()
              ? reader.load(location.toString())
              : reader.load(paths.toArray(new String[0]));
      if (filter.isPresent()) {
        String predicate = SqlParams.substitute(filter.get(), context.run().params());
        rows = rows.where(functions.expr(predicate));
      }
    } catch (Exception e) {
      throw new IllegalArgumentException(
          "cannot read "
              + format.source()
              + " at "
              + location
              + ": "
              + SqlErrors.analysisMessage(e));
    }
    context.metrics().put("path", location.toString());
    return StageOutput.of(rows);
  }

  /**
   * The committed {@code run=<run-id>} folders under a path that {@code lake-write} with {@code
   * append-run} (or an ingest stage) filled, so a half-written run is never read; empty when the
   * path holds no run folders and is read as it is.
   *
   * @throws IllegalStateException naming the stage when run folders exist but none is committed
   */
  private List<String> committedRuns(Lake lake, Path location) {
    List<String> committed = new ArrayList<>();
    boolean anyRun = false;
    try {
      var fs = lake.fileSystem(location);
      if (!fs.getFileStatus(location).isDirectory()) {
        return committed;
      }
      for (var status : fs.listStatus(location)) {
        if (status.isDirectory() && status.getPath().getName().startsWith("run=")) {
          anyRun = true;
          if (lake.isCommitted(status.getPath())) {
            committed.add(status.getPath().toString());
          }
        }
      }
    } catch (java.io.FileNotFoundException e) {
      return committed;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot list " + location + ": " + e.getMessage(), e);
    }
    if (anyRun && committed.isEmpty()) {
      throw new IllegalStateException(
          location + " holds run folders but none is committed (no " + Lake.SUCCESS_MARKER + ")");
    }
    java.util.Collections.sort(committed);
    return committed;
  }

  private Path location(StageContext context) {
    Lake lake = context.lake();
    if (path.isPresent()) {
      return LakePaths.resolve(lake, path.get());
    }
    String job = rawJob.orElse(context.run().job());
    String stage = rawStage.orElseThrow();
    if (runId.isPresent()) {
      Path folder = lake.rawRun(job, stage, runId.get());
      if (!lake.isCommitted(folder)) {
        throw new IllegalStateException(notCommitted(runId.get(), job, stage, folder));
      }
      context.metrics().put("run-id", runId.get());
      return folder;
    }
    Path folder =
        lake.latestCommittedRun(job, stage)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "no committed raw run under "
                            + lake.raw(job, stage)
                            + "; run the job that ingests '"
                            + stage
                            + "' first"));
    context.metrics().put("run-id", folder.getName().substring("run=".length()));
    return folder;
  }

  @Override
  public StagePlan explain() {
    List<String> statements = new ArrayList<>();
    filter.ifPresent(f -> statements.add("WHERE " + f));
    String reads =
        path.map(p -> format.source() + " at " + p)
            .orElseGet(
                () ->
                    "<lake.root>/raw/"
                        + rawJob.orElse("<job>")
                        + "/"
                        + rawStage.orElseThrow()
                        + "/run="
                        + runId.orElse("<latest committed>"));
    return new StagePlan(List.of(reads), List.of("temp view " + name), statements);
  }

  @Override
  public void check(PreflightContext context) {
    LakeReadReadiness.check(path, rawStage, rawJob, runId, context);
  }

  /** The problem with a {@code run-id} whose raw run folder holds no commit marker. */
  static String notCommitted(String runId, String job, String stage, Path folder) {
    return "raw run "
        + runId
        + " of "
        + job
        + "/"
        + stage
        + " is not committed (no "
        + Lake.SUCCESS_MARKER
        + " in "
        + folder
        + "); remove 'run-id' to read the latest committed run";
  }
}
