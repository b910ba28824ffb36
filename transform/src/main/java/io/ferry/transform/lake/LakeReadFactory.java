package io.ferry.transform.lake;

import io.ferry.core.option.OptionRule;
import io.ferry.core.option.StageOption;
import io.ferry.core.stage.SparkChecks;
import io.ferry.core.stage.Stage;
import io.ferry.core.stage.StageFactory;
import io.ferry.core.stage.StageProblems;
import io.ferry.core.stage.StageSpec;
import io.ferry.transform.sql.SqlErrors;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.types.StructType;

/**
 * The {@code lake-read} stage type: a dataset from files in the lake (Parquet, CSV, JSON, ORC), or
 * the committed raw runs Ferry's ingest stages wrote.
 */
public final class LakeReadFactory implements StageFactory, SparkChecks {
  public static final String TYPE = "lake-read";
  static final String JOB_OR_STAGE = "[a-z0-9A-Z_][a-zA-Z0-9_-]{0,127}";

  static final StageOption<String> PATH =
      StageOption.string(
              "path",
              "Files or folder to read: relative to lake.root (curated/customers), an absolute"
                  + " path, or a URI (s3://bucket/prefix).")
          .optional();
  static final StageOption<String> RAW_STAGE =
      StageOption.string(
              "raw-stage",
              "Instead of 'path': the ingest stage whose committed raw runs to read, at"
                  + " <lake.root>/raw/<raw-job>/<raw-stage>/run=<run-id>.")
          .optional();
  static final StageOption<String> RAW_JOB =
      StageOption.string("raw-job", "The job that ingested 'raw-stage'; default: this job.")
          .optional();
  static final StageOption<String> RUN_ID =
      StageOption.string(
              "run-id",
              "The raw run to read; default: the latest committed one. Only runs holding _SUCCESS"
                  + " are read.")
          .optional();
  static final StageOption<LakeFormat> FORMAT =
      StageOption.enumOf("format", LakeFormat.class, "File format.")
          .withDefault(LakeFormat.PARQUET);
  static final StageOption<Map<String, String>> OPTIONS =
      StageOption.stringMap(
              "options", "Spark reader options, e.g. { header = true, delimiter = \";\" }.")
          .optional();
  static final StageOption<String> SCHEMA =
      StageOption.string(
              "schema",
              "The schema as Spark DDL (\"id BIGINT, name STRING\"), instead of inferring it.")
          .optional();
  static final StageOption<String> FILTER =
      StageOption.string(
              "filter",
              "A Spark SQL predicate; on partition columns (day = '${params.run_date}' style"
                  + " values) only the matching folders are read.")
          .optional();

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public String description() {
    return "Reads Parquet, CSV, JSON or ORC files from the lake, or the committed raw runs of an"
        + " ingest stage.";
  }

  @Override
  public List<StageOption<?>> options() {
    return List.of(PATH, RAW_STAGE, RAW_JOB, RUN_ID, FORMAT, OPTIONS, SCHEMA, FILTER);
  }

  @Override
  public List<OptionRule> rules() {
    return List.of(
        OptionRule.exactlyOneOf(PATH, RAW_STAGE),
        OptionRule.requires(RAW_JOB, RAW_STAGE),
        OptionRule.requires(RUN_ID, RAW_STAGE),
        OptionRule.whenSet(RAW_STAGE).allows(FORMAT, LakeFormat.PARQUET));
  }

  @Override
  public void validate(StageSpec spec, StageProblems problems) {
    var o = spec.options();
    o.find(PATH).map(LakePaths::problem).ifPresent(m -> problems.add(PATH, m));
    for (StageOption<String> name : List.of(RAW_STAGE, RAW_JOB, RUN_ID)) {
      o.find(name)
          .filter(v -> !v.matches(JOB_OR_STAGE))
          .ifPresent(
              v ->
                  problems.add(
                      name, "'" + v + "' is not a valid name: use letters, digits, '_' and '-'"));
    }
  }

  /** The schema is Spark DDL and the filter a Spark SQL expression. */
  @Override
  public void checkWithSpark(StageSpec spec, StageProblems problems) {
    var o = spec.options();
    o.find(SCHEMA)
        .ifPresent(
            ddl -> {
              try {
                StructType.fromDDL(ddl);
              } catch (Exception e) {
                problems.add(SCHEMA, "not a Spark DDL schema: " + e.getMessage().strip());
              }
            });
    o.find(FILTER)
        .flatMap(
            f -> f.contains("${params.") ? Optional.empty() : SqlErrors.expressionSyntaxError(f))
        .ifPresent(m -> problems.add(FILTER, m));
  }

  @Override
  public Stage create(StageSpec spec) {
    var o = spec.options();
    return new LakeReadStage(
        spec.name(),
        o.find(PATH),
        o.find(RAW_STAGE),
        o.find(RAW_JOB),
        o.find(RUN_ID),
        o.get(FORMAT),
        o.find(OPTIONS).orElse(Map.of()),
        o.find(SCHEMA),
        o.find(FILTER));
  }
}
