package io.ferry.ingest.jdbc;

import static java.util.Objects.requireNonNull;

import io.ferry.core.job.ConnectionSpec;
import io.ferry.core.stage.ExplainsPlan;
import io.ferry.core.stage.Stage;
import io.ferry.core.stage.StageContext;
import io.ferry.core.stage.StageOutput;
import io.ferry.core.stage.StagePlan;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code jdbc-ingest} stage: reads its source through Spark's JDBC source in one partition,
 * writes Snappy Parquet to {@code raw/<job>/<stage>/run=<run-id>} (replacing that folder on a rerun
 * of the run id; Spark's committer writes {@code _SUCCESS}), and hands later stages the committed
 * folder read back, so nothing downstream queries the source again.
 */
public final class JdbcIngestStage implements Stage, ExplainsPlan {
  private static final Logger LOG = LoggerFactory.getLogger(JdbcIngestStage.class);

  private final String name;
  private final String connectionName;
  private final SourceQuery source;
  private final int fetchSize;

  JdbcIngestStage(String name, String connectionName, SourceQuery source, int fetchSize) {
    this.name = requireNonNull(name, "name");
    this.connectionName = requireNonNull(connectionName, "connectionName");
    this.source = requireNonNull(source, "source");
    this.fetchSize = fetchSize;
  }

  @Override
  public StageOutput run(StageContext context) {
    ConnectionSpec connection = context.connection(connectionName);
    Path runFolder = context.lake().rawRun(context.run().job(), name, context.run().runId());
    LOG.info(
        "Stage '{}' reading {} from connection '{}' at {}",
        name,
        source.describe(),
        connection.name(),
        connection.host());
    Dataset<Row> rows = open(context.spark(), connection);
    write(rows, runFolder, connection);
    Dataset<Row> committed = context.spark().read().parquet(runFolder.toString());
    long count = committed.count();
    context.metrics().rowsOut(count);
    context.metrics().put("path", runFolder.toString());
    LOG.info("Stage '{}' wrote {} rows to {}", name, count, runFolder);
    return StageOutput.of(committed);
  }

  /** The source as a one-partition dataset; Spark reads the schema here, so bad SQL fails here. */
  private Dataset<Row> open(SparkSession spark, ConnectionSpec connection) {
    try {
      return spark
          .read()
          .format("jdbc")
          .options(SourceReadOptions.of(connection, source.sql(), fetchSize))
          .load();
    } catch (Exception e) {
      throw JdbcIngestException.reading(name, source.describe(), connection, e);
    }
  }

  private void write(Dataset<Row> rows, Path runFolder, ConnectionSpec connection) {
    try {
      rows.write()
          .mode(SaveMode.Overwrite)
          .option("compression", "snappy")
          .parquet(runFolder.toString());
    } catch (Exception e) {
      if (JdbcIngestException.databaseError(e).isPresent()) {
        throw JdbcIngestException.reading(name, source.describe(), connection, e);
      }
      throw new IllegalStateException(
          "stage '" + name + "': cannot write the lake folder " + runFolder, e);
    }
  }

  @Override
  public StagePlan explain() {
    return new StagePlan(
        List.of("connection '" + connectionName + "' " + source.describe()),
        List.of("<lake.root>/raw/<job>/" + name + "/run=<run-id>"),
        List.of(source.sql()));
  }
}
