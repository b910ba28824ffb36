package io.ferry.transform.lake;

import static java.util.Objects.requireNonNull;

import io.ferry.core.sql.SqlIdentifier;
import io.ferry.core.stage.ExplainsPlan;
import io.ferry.core.stage.Stage;
import io.ferry.core.stage.StageContext;
import io.ferry.core.stage.StageOutput;
import io.ferry.core.stage.StagePlan;
import io.ferry.transform.sql.SqlErrors;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code lake-write} stage: writes its input through {@link CommittedWrite} and hands later
 * stages the committed files read back, with their row count in the run report.
 */
public final class LakeWriteStage implements Stage, ExplainsPlan {
  private static final Logger LOG = LoggerFactory.getLogger(LakeWriteStage.class);

  private final String name;
  private final String path;
  private final LakeFormat format;
  private final WriteMode mode;
  private final List<String> partitionBy;
  private final Map<String, String> options;

  LakeWriteStage(
      String name,
      String path,
      LakeFormat format,
      WriteMode mode,
      List<String> partitionBy,
      Map<String, String> options) {
    this.name = requireNonNull(name, "name");
    this.path = requireNonNull(path, "path");
    this.format = requireNonNull(format, "format");
    this.mode = requireNonNull(mode, "mode");
    this.partitionBy = List.copyOf(partitionBy);
    this.options = Map.copyOf(options);
  }

  /**
   * @throws IllegalArgumentException naming the stage and the missing columns when a partition
   *     column is not in the input
   */
  @Override
  public StageOutput run(StageContext context) {
    Dataset<Row> input = context.input();
    List<String> partitions = partitionColumns(input);
    Path base = LakePaths.resolve(context.lake(), path);
    String runId = context.run().runId();
    Path target = mode == WriteMode.APPEND_RUN ? new Path(base, "run=" + runId) : base;
    DataFrameWriter<Row> writer = input.write().format(format.source()).options(options);
    if (!partitions.isEmpty()) {
      writer = writer.partitionBy(partitions.toArray(new String[0]));
    }
    try {
      CommittedWrite.write(writer, context.lake(), target, runId);
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "cannot write " + format.source() + " to " + target + ": " + e.getMessage(), e);
    }
    Dataset<Row> committed;
    try {
      committed =
          context.spark().read().format(format.source()).options(options).load(target.toString());
    } catch (Exception e) {
      throw new IllegalStateException(
          "cannot read back " + target + ": " + SqlErrors.analysisMessage(e));
    }
    long rows = committed.count();
    context.metrics().rowsOut(rows);
    context.metrics().put("path", target.toString());
    LOG.info("Stage '{}' committed {} rows to {}", name, rows, target);
    return StageOutput.of(committed);
  }

  private List<String> partitionColumns(Dataset<Row> input) {
    Set<String> present = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    present.addAll(List.of(input.columns()));
    List<String> names = partitionBy.stream().map(c -> SqlIdentifier.parse(c).name()).toList();
    List<String> missing = names.stream().filter(c -> !present.contains(c)).toList();
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException(
          "partition-by names columns the input does not have: "
              + missing
              + "; input columns: "
              + List.of(input.columns()));
    }
    return names;
  }

  @Override
  public StagePlan explain() {
    String where = mode == WriteMode.APPEND_RUN ? path + "/run=<run-id>" : path;
    return new StagePlan(
        List.of("input dataset"),
        List.of(format.source() + " at " + where + " (committed with _SUCCESS)"),
        List.of());
  }
}
