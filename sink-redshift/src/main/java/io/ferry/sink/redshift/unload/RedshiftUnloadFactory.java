package io.ferry.sink.redshift.unload;

import io.ferry.core.connection.ConnectionSpec;
import io.ferry.core.option.OptionValues;
import io.ferry.core.option.StageOption;
import io.ferry.core.stage.Stage;
import io.ferry.core.stage.StageFactory;
import io.ferry.core.stage.StageProblems;
import io.ferry.core.stage.StageSpec;
import io.ferry.sink.redshift.amazon.Authorization;
import io.ferry.sink.redshift.warehouse.ConnectionForms;
import io.ferry.sink.redshift.warehouse.Warehouse;
import java.util.List;
import java.util.Optional;

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
  static final StageOption<String> DIALECT =
      StageOption.string(
              "dialect",
              "Not needed: the warehouse follows the connection's URL (Redshift: UNLOAD to the lake"
                  + " as Parquet; PostgreSQL: COPY (query) TO STDOUT as CSV, for local runs). When"
                  + " set, redshift or postgres, it must agree with the URL.")
          .optional();
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
    Optional<ConnectionSpec> connection =
        Optional.ofNullable(spec.connections().get(options.get(CONNECTION)));
    Optional<String> byUrl = connection.flatMap(c -> Warehouse.nameOf(c.url()));
    if (connection.isPresent() && byUrl.isEmpty()) {
      problems.add(
          CONNECTION,
          "connection '"
              + connection.get().name()
              + "' has a '"
              + connection.get().subprotocol()
              + "' URL; a warehouse is reached through jdbc:redshift://, jdbc:redshift:iam:// or"
              + " jdbc:postgresql://");
    }
    connection.ifPresent(
        c -> ConnectionForms.problems(c).forEach(p -> problems.add(CONNECTION, p)));
    Optional<String> dialect = options.find(DIALECT);
    if (dialect.isPresent() && byUrl.isPresent() && !dialect.get().equals(byUrl.get())) {
      problems.add(
          DIALECT,
          "dialect = "
              + dialect.get()
              + " contradicts connection '"
              + connection.get().name()
              + "', whose jdbc:"
              + connection.get().subprotocol()
              + " URL reaches "
              + byUrl.get()
              + "; remove dialect, the warehouse follows the connection");
    }
    if (byUrl.or(() -> dialect).equals(Optional.of(Warehouse.POSTGRES))) {
      for (StageOption<?> option : List.of(AUTHORIZATION, IAM_ROLE)) {
        if (options.isSet(option)) {
          problems.add(option, option.name() + " applies to Redshift warehouses only");
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
    String warehouse =
        Optional.ofNullable(spec.connections().get(options.get(CONNECTION)))
            .flatMap(c -> Warehouse.nameOf(c.url()))
            .or(() -> options.find(DIALECT))
            .orElse(Warehouse.REDSHIFT);
    return new RedshiftUnloadStage(
        spec.name(),
        options.get(CONNECTION),
        options.get(QUERY),
        warehouse,
        options.get(AUTHORIZATION),
        options.find(IAM_ROLE));
  }
}
