package io.ferry.sink.redshift;

import static java.util.Objects.requireNonNull;

import io.ferry.sink.redshift.bookkeeping.WatermarkTable;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.types.StructType;

/**
 * One load's facts besides its settings.
 *
 * @param source the rows and how they reach the warehouse
 * @param schema the input's Spark schema, to type created or added columns
 * @param watermarks the run's pending watermarks by stage, recorded in {@code ferry_loads}
 * @param watermarkTable where to commit them with the rows, when the job's state store is this
 *     warehouse on the same connection
 * @param runStartedAt when the run started: another run of the job's stage that committed a load
 *     since then ran at the same time, and this one refuses to load
 */
public record LoadRequest(
    String job,
    String stage,
    String runId,
    LoadSource source,
    StructType schema,
    Map<String, String> watermarks,
    Optional<WatermarkTable> watermarkTable,
    Instant runStartedAt) {

  public LoadRequest {
    requireNonNull(job, "job");
    requireNonNull(stage, "stage");
    requireNonNull(runId, "runId");
    requireNonNull(source, "source");
    requireNonNull(schema, "schema");
    watermarks = Map.copyOf(watermarks);
    requireNonNull(watermarkTable, "watermarkTable");
    requireNonNull(runStartedAt, "runStartedAt");
  }
}
