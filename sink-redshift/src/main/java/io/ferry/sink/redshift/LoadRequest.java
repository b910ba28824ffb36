package io.ferry.sink.redshift;

import static java.util.Objects.requireNonNull;

import io.ferry.sink.redshift.bookkeeping.WatermarkTable;
import io.ferry.sink.redshift.staging.StagedFiles;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.types.StructType;

/**
 * One load's facts besides its settings.
 *
 * @param schema the staged input's Spark schema, to type created or added columns
 * @param watermarks the run's pending watermarks by stage, recorded in {@code ferry_loads}
 * @param watermarkTable where to commit them with the rows, when the job's state store is this
 *     warehouse on the same connection
 */
public record LoadRequest(
    String job,
    String stage,
    String runId,
    StagedFiles staged,
    StructType schema,
    Map<String, String> watermarks,
    Optional<WatermarkTable> watermarkTable) {

  public LoadRequest {
    requireNonNull(job, "job");
    requireNonNull(stage, "stage");
    requireNonNull(runId, "runId");
    requireNonNull(staged, "staged");
    requireNonNull(schema, "schema");
    watermarks = Map.copyOf(watermarks);
    requireNonNull(watermarkTable, "watermarkTable");
  }
}
