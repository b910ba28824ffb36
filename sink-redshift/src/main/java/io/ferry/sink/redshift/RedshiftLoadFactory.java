package io.ferry.sink.redshift;

import io.ferry.core.option.OptionType;
import io.ferry.core.option.StageOption;
import io.ferry.core.sql.SqlIdentifier;
import io.ferry.core.stage.Stage;
import io.ferry.core.stage.StageFactory;
import io.ferry.core.stage.StageProblems;
import io.ferry.core.stage.StageSpec;
import java.util.List;

/**
 * The {@code redshift-load} stage type: stages its input as CSV files in the lake and loads them
 * into a warehouse table in one transaction.
 */
public final class RedshiftLoadFactory implements StageFactory {
  public static final String TYPE = "redshift-load";

  static final StageOption<String> CONNECTION =
      StageOption.connection(
              "connection", "Name of the entry under 'connections' for the warehouse to load into.")
          .required();
  static final StageOption<String> TABLE =
      StageOption.string(
              "table",
              "Target table, schema-qualified (analytics.orders); always quoted, unquoted parts fold"
                  + " to lower case and double-quoted parts keep their case.")
          .required();
  static final StageOption<Dialect> DIALECT =
      StageOption.enumOf(
              "dialect",
              Dialect.class,
              "Warehouse dialect: redshift loads with COPY from S3, postgres streams the staged"
                  + " files through COPY FROM STDIN for local runs.")
          .withDefault(Dialect.REDSHIFT);
  static final StageOption<LoadMode> MODE =
      StageOption.enumOf(
              "mode", LoadMode.class, "How rows reach the target: append inserts every input row.")
          .withDefault(LoadMode.APPEND);
  static final StageOption<Boolean> CREATE_TABLE =
      StageOption.bool(
              "create-table",
              "Whether a missing target schema and table are created, with columns named and typed"
                  + " after the input.")
          .withDefault(true);

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public String description() {
    return "Loads its input into a warehouse table through CSV files staged in the lake, in one"
        + " transaction.";
  }

  @Override
  public List<StageOption<?>> options() {
    return List.of(CONNECTION, TABLE, DIALECT, MODE, CREATE_TABLE);
  }

  @Override
  public boolean readsInput() {
    return true;
  }

  @Override
  public void validate(StageSpec spec, StageProblems problems) {
    try {
      SqlIdentifier.parse(spec.options().get(TABLE));
    } catch (IllegalArgumentException e) {
      problems.add(TABLE, e.getMessage());
    }
    if (spec.options().get(DIALECT) == Dialect.REDSHIFT) {
      problems.add(
          DIALECT,
          "dialect '"
              + OptionType.hoconName(Dialect.REDSHIFT)
              + "' is not implemented in this release; use dialect = postgres");
    }
  }

  @Override
  public Stage create(StageSpec spec) {
    var options = spec.options();
    LoadSettings settings =
        new LoadSettings(
            options.get(CONNECTION),
            SqlIdentifier.parse(options.get(TABLE)),
            options.get(DIALECT),
            options.get(MODE),
            options.get(CREATE_TABLE));
    return new RedshiftLoadStage(spec.name(), spec.input(), settings);
  }
}
