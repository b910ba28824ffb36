package io.ferry.core.stage;

import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** What a stage hands to later stages: a dataset registered under its name, or nothing. */
public record StageOutput(Optional<Dataset<Row>> dataset) {

  public static StageOutput of(Dataset<Row> dataset) {
    return new StageOutput(Optional.of(dataset));
  }

  public static StageOutput none() {
    return new StageOutput(Optional.empty());
  }
}
