package io.ferry.sink.redshift.unload;

import static java.util.Objects.requireNonNull;

import io.ferry.core.connection.ConnectionSpec;
import io.ferry.core.lake.Lake;
import io.ferry.core.secret.Redactor;
import io.ferry.core.stage.ChecksReadiness;
import io.ferry.core.stage.ExplainsPlan;
import io.ferry.core.stage.PreflightContext;
import io.ferry.core.stage.Stage;
import io.ferry.core.stage.StageContext;
import io.ferry.core.stage.StageOutput;
import io.ferry.core.stage.StagePlan;
import io.ferry.sink.redshift.amazon.Authorization;
import io.ferry.sink.redshift.amazon.RedshiftConnections;
import io.ferry.sink.redshift.amazon.S3Credentials;
import io.ferry.sink.redshift.postgres.PostgresConnections;
import io.ferry.sink.redshift.staging.Manifest;
import io.ferry.sink.redshift.warehouse.Warehouse;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code redshift-unload} stage: empties {@code raw/<job>/<stage>/run=<run-id>}, unloads the
 * query's rows into it, marks it committed with {@code _SUCCESS}, and outputs the files as a
 * dataset. A rerun of the run id replaces the folder. A query without rows gives an empty dataset
 * typed by the query's result description: Redshift's UNLOAD then writes no Parquet file.
 */
final class RedshiftUnloadStage implements Stage, ExplainsPlan, ChecksReadiness {
  private static final Logger LOG = LoggerFactory.getLogger(RedshiftUnloadStage.class);
  private static final String CSV_FILE = "part-00000.csv";

  private final String name;
  private final String connectionName;
  private final String query;
  private final String warehouse;
  private final Authorization authorization;
  private final Optional<String> iamRole;

  RedshiftUnloadStage(
      String name,
      String connectionName,
      String query,
      String warehouse,
      Authorization authorization,
      Optional<String> iamRole) {
    this.name = requireNonNull(name, "name");
    this.connectionName = requireNonNull(connectionName, "connectionName");
    this.query = requireNonNull(query, "query");
    this.warehouse = requireNonNull(warehouse, "warehouse");
    this.authorization = requireNonNull(authorization, "authorization");
    this.iamRole = requireNonNull(iamRole, "iamRole");
  }

  @Override
  public StageOutput run(StageContext context) {
    ConnectionSpec connection = context.connection(connectionName);
    Lake lake = context.lake();
    Path folder = lake.rawRun(context.run().job(), name, context.run().runId());
    FileSystem fs = lake.fileSystem(folder);
    lake.delete(folder);
    Dataset<Row> rows;
    try {
      rows =
          warehouse.equals(Warehouse.POSTGRES)
              ? unloadPostgres(context, connection, folder, fs)
              : unloadRedshift(context, connection, folder, fs);
      fs.create(new Path(folder, Lake.SUCCESS_MARKER), true).close();
    } catch (SQLException | IOException | RuntimeException e) {
      throw new IllegalStateException(
          "cannot unload through connection '"
              + connection.name()
              + "' at "
              + connection.host()
              + " into "
              + folder
              + ": "
              + Redactor.global().describe(e),
          e);
    }
    LOG.info("Stage '{}' unloaded into {}", name, folder);
    return StageOutput.of(rows);
  }

  private Dataset<Row> unloadPostgres(
      StageContext context, ConnectionSpec connection, Path folder, FileSystem fs)
      throws SQLException, IOException {
    StructType schema;
    long written;
    try (Connection c = PostgresConnections.open(connection)) {
      schema = PostgresUnload.schema(c, query);
      written =
          PostgresUnload.unload(
              c, PostgresUnload.copySql(query, schema), fs, new Path(folder, CSV_FILE));
    }
    context.metrics().rowsOut(written);
    return context
        .spark()
        .read()
        .schema(schema)
        .options(
            Map.of(
                "header", "false",
                "escape", "\"",
                "multiLine", "true",
                "mode", "FAILFAST",
                "nullValue", PostgresUnload.NULL_SENTINEL,
                "emptyValue", "",
                "timestampFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSSSSX",
                "timestampNTZFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSSSS",
                "dateFormat", "yyyy-MM-dd"))
        .csv(new Path(folder, CSV_FILE).toString());
  }

  private Dataset<Row> unloadRedshift(
      StageContext context, ConnectionSpec connection, Path folder, FileSystem fs)
      throws SQLException, IOException {
    UnloadStatement unload = statement(Manifest.s3Url(folder) + "/part_", credentials());
    Path manifest = new Path(folder, "part_manifest");
    try (Connection c = RedshiftConnections.open(connection)) {
      try (Statement s = c.createStatement()) {
        s.execute(unload.sql());
      }
      List<Path> files =
          fs.exists(manifest)
              ? UnloadManifest.files(fs, manifest, folder.toUri().getScheme())
              : List.of();
      if (files.isEmpty()) {
        LOG.info("UNLOAD found no rows; the dataset is empty");
        StructType schema = PostgresUnload.schema(c, query);
        return context.spark().createDataFrame(List.of(), schema);
      }
      return context
          .spark()
          .read()
          .parquet(files.stream().map(Path::toString).toArray(String[]::new));
    }
  }

  private UnloadStatement statement(String prefix, S3Credentials credentials) {
    return new UnloadStatement(query, prefix, credentials);
  }

  private S3Credentials credentials() {
    return authorization == Authorization.IAM_ROLE
        ? S3Credentials.iamRole(iamRole.orElseThrow())
        : S3Credentials.fromProviderChain();
  }

  @Override
  public StagePlan explain() {
    String folder = "<lake.root>/raw/<job>/" + name + "/run=<run-id>";
    String sql =
        warehouse.equals(Warehouse.POSTGRES)
            ? "COPY (" + query + ") TO STDOUT WITH (FORMAT csv)"
            : statement(
                    folder + "/part_",
                    authorization == Authorization.IAM_ROLE
                        ? S3Credentials.iamRole(iamRole.orElseThrow())
                        : S3Credentials.unresolvedKeys())
                .display();
    return new StagePlan(
        List.of("connection '" + connectionName + "'"), List.of(folder), List.of(sql));
  }

  @Override
  public void check(PreflightContext context) {
    UnloadReadiness.check(connectionName, query, context);
  }
}
