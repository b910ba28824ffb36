package io.ferry.transform.lake;

import io.ferry.core.option.StageOption;
import io.ferry.core.sql.SqlIdentifier;
import io.ferry.core.stage.Stage;
import io.ferry.core.stage.StageFactory;
import io.ferry.core.stage.StageProblems;
import io.ferry.core.stage.StageSpec;
import java.util.List;
import java.util.Map;

/** The {@code lake-write} stage type: its input as files in the lake, committed with _SUCCESS. */
public final class LakeWriteFactory implements StageFactory {
  public static final String TYPE = "lake-write";

  static final StageOption<String> PATH =
      StageOption.string(
              "path",
              "Folder to write: relative to lake.root (curated/customers), an absolute path, or a"
                  + " URI (s3://bucket/prefix).")
          .required();
  static final StageOption<LakeFormat> FORMAT =
      StageOption.enumOf("format", LakeFormat.class, "File format.")
          .withDefault(LakeFormat.PARQUET);
  static final StageOption<WriteMode> MODE =
      StageOption.enumOf(
              "mode",
              WriteMode.class,
              "overwrite replaces the folder; append-run writes path/run=<run-id>, keeping earlier"
                  + " runs. Either way a rerun of the run id replaces its own output.")
          .withDefault(WriteMode.OVERWRITE);
  static final StageOption<List<String>> PARTITION_BY =
      StageOption.stringList(
              "partition-by", "Columns to partition the files by (one folder level each).")
          .optional();
  static final StageOption<Map<String, String>> OPTIONS =
      StageOption.stringMap(
              "options", "Spark writer options, e.g. { compression = zstd } or { header = true }.")
          .optional();

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public String description() {
    return "Writes its input to the lake as Parquet, CSV, JSON or ORC, committed with _SUCCESS so"
        + " readers never see half a folder.";
  }

  @Override
  public List<StageOption<?>> options() {
    return List.of(PATH, FORMAT, MODE, PARTITION_BY, OPTIONS);
  }

  @Override
  public boolean readsInput() {
    return true;
  }

  @Override
  public void validate(StageSpec spec, StageProblems problems) {
    String path = spec.options().get(PATH);
    String problem = LakePaths.problem(path);
    if (problem != null) {
      problems.add(PATH, problem);
    } else if (path.replaceAll("/+$", "").matches("^[a-zA-Z][a-zA-Z0-9+.-]*://[^/]*")) {
      problems.add(PATH, "'" + path + "' is a bucket root; write to a folder inside it");
    }
    for (String column : spec.options().find(PARTITION_BY).orElse(List.of())) {
      try {
        if (SqlIdentifier.parse(column).parts().size() != 1) {
          problems.add(PARTITION_BY, "'" + column + "' is not a column name");
        }
      } catch (IllegalArgumentException e) {
        problems.add(PARTITION_BY, e.getMessage());
      }
    }
  }

  @Override
  public Stage create(StageSpec spec) {
    var o = spec.options();
    return new LakeWriteStage(
        spec.name(),
        o.get(PATH),
        o.get(FORMAT),
        o.get(MODE),
        o.find(PARTITION_BY).orElse(List.of()),
        o.find(OPTIONS).orElse(Map.of()));
  }
}
