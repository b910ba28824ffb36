package io.ferry.transform.sql;

import io.ferry.core.connection.ConnectionSpec;
import io.ferry.core.option.StageOption;
import io.ferry.core.sql.SqlIdentifier;
import io.ferry.core.stage.Stage;
import io.ferry.core.stage.StageFactory;
import io.ferry.core.stage.StageOutput;
import io.ferry.core.stage.StageSpec;
import java.util.List;

/**
 * Test-only stage type {@code test-jdbc-table}: a PostgreSQL table as a dataset, read with Spark's
 * JDBC source. It stands in for {@code jdbc-ingest}, which lives in a sibling module that this one
 * must not depend on.
 */
public final class JdbcTableFixtureFactory implements StageFactory {
  static final StageOption<String> CONNECTION =
      StageOption.connection("connection", "Connection to read from.").required();
  static final StageOption<String> TABLE = StageOption.string("table", "Table to read.").required();

  @Override
  public String type() {
    return "test-jdbc-table";
  }

  @Override
  public String description() {
    return "Reads a table through Spark's JDBC source (tests only).";
  }

  @Override
  public List<StageOption<?>> options() {
    return List.of(CONNECTION, TABLE);
  }

  @Override
  public Stage create(StageSpec spec) {
    String connection = spec.options().get(CONNECTION);
    String table = SqlIdentifier.parse(spec.options().get(TABLE)).quoted();
    return context -> {
      ConnectionSpec c = context.connection(connection);
      return StageOutput.of(context.spark().read().jdbc(c.url(), table, c.jdbcProperties()));
    };
  }
}
