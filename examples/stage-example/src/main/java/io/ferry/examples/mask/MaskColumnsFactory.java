package io.ferry.examples.mask;

import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sha2;

import io.ferry.core.option.OptionValues;
import io.ferry.core.option.StageOption;
import io.ferry.core.sql.SqlIdentifier;
import io.ferry.core.stage.StageProblems;
import io.ferry.core.stage.StageSpec;
import io.ferry.core.stage.TransformStageFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The {@code mask-columns} stage type: replaces personal data with a salted SHA-256 (hex), so rows
 * can still be joined and counted by the masked value but not read. NULL stays NULL.
 *
 * <p>An example of a team's own stage: one class implementing {@link TransformStageFactory}, one
 * {@code META-INF/services} line, a dependency on {@code ferry-core} only.
 */
public final class MaskColumnsFactory implements TransformStageFactory {
  static final StageOption<List<String>> COLUMNS =
      StageOption.stringList("columns", "Columns to mask; each must exist in the input.")
          .required();
  static final StageOption<String> SALT =
      StageOption.string(
              "salt",
              "Text prepended to each value before hashing; use a secret per environment, e.g."
                  + " salt = ${?MASK_SALT}.")
          .withDefault("");

  @Override
  public String type() {
    return "mask-columns";
  }

  @Override
  public String description() {
    return "Replaces the given columns with a salted SHA-256 of their value (example stage module).";
  }

  @Override
  public List<StageOption<?>> options() {
    return List.of(COLUMNS, SALT);
  }

  @Override
  public void validate(StageSpec spec, StageProblems problems) {
    List<String> columns = spec.options().get(COLUMNS);
    if (columns.isEmpty()) {
      problems.add(COLUMNS, "is empty: name at least one column");
    }
    for (String c : columns) {
      try {
        if (SqlIdentifier.parse(c).parts().size() != 1) {
          problems.add(COLUMNS, "'" + c + "' is not a column name");
        }
      } catch (IllegalArgumentException e) {
        problems.add(COLUMNS, e.getMessage());
      }
    }
  }

  /**
   * @throws IllegalArgumentException listing the columns the input does not have
   */
  @Override
  public Dataset<Row> transform(Dataset<Row> input, OptionValues options) {
    String salt = options.get(SALT);
    Set<String> present = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    present.addAll(List.of(input.columns()));
    List<String> missing = new ArrayList<>();
    for (String c : options.get(COLUMNS)) {
      if (!present.contains(SqlIdentifier.parse(c).name())) {
        missing.add(c);
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException(
          "mask-columns: the input has no column "
              + String.join(", ", missing)
              + "; it has "
              + String.join(", ", input.columns()));
    }
    Dataset<Row> out = input;
    for (String c : options.get(COLUMNS)) {
      String name = SqlIdentifier.parse(c).name();
      Column value = out.col(SqlIdentifier.parse(c).backticked()).cast("string");
      out = out.withColumn(name, sha2(concat(lit(salt), value), 256));
    }
    return out;
  }
}
