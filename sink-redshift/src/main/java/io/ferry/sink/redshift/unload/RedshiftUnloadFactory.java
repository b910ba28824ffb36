package io.ferry.sink.redshift.unload;

import io.ferry.core.option.OptionValues;
import io.ferry.core.option.StageOption;
import io.ferry.core.stage.Stage;
import io.ferry.core.stage.StageFactory;
import io.ferry.core.stage.StageProblems;
import io.ferry.core.stage.StageSpec;
import io.ferry.sink.redshift.Dialect;
import io.ferry.sink.redshift.redshift.Authorization;
import java.util.List;

/**
 * The {@code redshift-unload} stage type: the result of a warehouse query, written to the lake as
 * one committed run folder and read back as the stage's dataset.
 */
public final class RedshiftUnloadFactory implements StageFactory {
  public static final String TYPE = "redshift-unload";

  static final StageOption<String> CONNECTION =
      StageOption.connection("connection", "Name of the entry under 'connections' to unload from.")
          .required();
  static final StageOption<String> QUERY =
      StageOption.string(
              "query",
              "A SELECT statement the warehouse runs as written; its rows become the dataset.")
          .required();
  static final StageOption<Dialect> DIALECT =
      StageOption.enumOf(
              "dialect",
              Dialect.class,
              "redshift: UNLOAD to the lake as Parquet; postgres: COPY (query) TO STDOUT as CSV, for"
                  + " local runs.")
          .withDefault(Dialect.REDSHIFT);
  static final StageOption<Authorization> AUTHORIZATION =
      StageOption.enumOf(
              "authorization",
              Authorization.class,
              "Redshift: how UNLOAD writes S3: iam-role or provider-chain (masked everywhere).")
          .withDefault(Authorization.IAM_ROLE);
  static final StageOption<String> IAM_ROLE =
      StageOption.string("iam-role", "Redshift: ARN of the role the cluster assumes to write S3.")
          .optional();

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public String description() {
    return "Unloads the result of a warehouse query into the lake (raw/<job>/<stage>/run=<run-id>)"
        + " and outputs it as a dataset.";
  }

  @Override
  public List<StageOption<?>> options() {
    return List.of(CONNECTION, QUERY, DIALECT, AUTHORIZATION, IAM_ROLE);
  }

  @Override
  public void validate(StageSpec spec, StageProblems problems) {
    OptionValues options = spec.options();
    if (options.get(DIALECT) == Dialect.POSTGRES) {
      for (StageOption<?> option : List.of(AUTHORIZATION, IAM_ROLE)) {
        if (options.isSet(option)) {
          problems.add(option, option.name() + " applies to dialect = redshift only");
        }
      }
      return;
    }
    if (options.get(AUTHORIZATION) == Authorization.IAM_ROLE && !options.isSet(IAM_ROLE)) {
      problems.add(
          IAM_ROLE,
          "authorization = iam-role needs iam-role, the ARN of a role the cluster may assume"
              + " (or set authorization = provider-chain)");
    }
  }

  @Override
  public Stage create(StageSpec spec) {
    OptionValues options = spec.options();
    return new RedshiftUnloadStage(
        spec.name(),
        options.get(CONNECTION),
        options.get(QUERY),
        options.get(DIALECT),
        options.get(AUTHORIZATION),
        options.find(IAM_ROLE));
  }
}
