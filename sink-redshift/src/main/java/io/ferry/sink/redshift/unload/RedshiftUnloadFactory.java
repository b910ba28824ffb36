package io.ferry.sink.redshift.unload;

import io.ferry.core.option.OptionRule;
import io.ferry.core.option.OptionValues;
import io.ferry.core.option.StageOption;
import io.ferry.core.stage.Stage;
import io.ferry.core.stage.StageFactory;
import io.ferry.core.stage.StageProblems;
import io.ferry.core.stage.StageSpec;
import io.ferry.sink.redshift.amazon.Authorization;
import io.ferry.sink.redshift.warehouse.ConnectionForms;
import io.ferry.sink.redshift.warehouse.Dialect;
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
      StageOption.connection(
              "connection",
              "Name of the entry under 'connections' to unload from: a jdbc:redshift://,"
                  + " jdbc:redshift:iam:// or jdbc:postgresql:// URL, with what its form needs (as"
                  + " for redshift-load).")
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
              "Not needed: the warehouse follows the connection's URL (Redshift: UNLOAD to the lake"
                  + " as Parquet; PostgreSQL: COPY (query) TO STDOUT as CSV, for local runs). When"
                  + " set, it must agree with the URL.")
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
  public List<OptionRule> rules() {
    String redshift = Dialect.REDSHIFT.subprotocol();
    String postgres = Dialect.POSTGRES.subprotocol();
    return List.of(
        OptionRule.whenConnection(CONNECTION, redshift).allows(DIALECT, Dialect.REDSHIFT),
        OptionRule.whenConnection(CONNECTION, postgres).allows(DIALECT, Dialect.POSTGRES),
        OptionRule.whenConnection(CONNECTION, redshift)
            .and(AUTHORIZATION, Authorization.IAM_ROLE)
            .requires(IAM_ROLE),
        OptionRule.whenConnection(CONNECTION, postgres).forbids(AUTHORIZATION, IAM_ROLE));
  }

  /** The connection's form, which the declared rules cannot state; see its description. */
  @Override
  public void validate(StageSpec spec, StageProblems problems) {
    spec.options()
        .connection(CONNECTION)
        .ifPresent(
            c -> ConnectionForms.warehouseProblems(c).forEach(p -> problems.add(CONNECTION, p)));
  }

  @Override
  public Stage create(StageSpec spec) {
    OptionValues options = spec.options();
    String warehouse =
        Optional.ofNullable(spec.connections().get(options.get(CONNECTION)))
            .flatMap(c -> Warehouse.nameOf(c.url()))
            .or(() -> options.find(DIALECT).map(Dialect::warehouse))
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
