package io.ferry.sink.redshift;

import io.ferry.core.connection.ConnectionSpec;
import io.ferry.core.option.StageOption;
import io.ferry.core.stage.Stage;
import io.ferry.core.stage.StageFactory;
import io.ferry.core.stage.StageOutput;
import io.ferry.core.stage.StageSpec;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Test-only stage type {@code test-source}: reads {@code (id bigint, amount text)} from a
 * PostgreSQL table, as an ingest stage would. With {@code incremental = true} it reads only the
 * rows whose id is above its committed watermark and proposes the greatest id read as the next one,
 * so a rerun after a committed load reads nothing new.
 */
public final class SourceTableFactory implements StageFactory {
  static final StageOption<String> CONNECTION =
      StageOption.connection("connection", "Source connection.").required();
  static final StageOption<String> TABLE =
      StageOption.string("table", "Source table (id bigint, amount text).").required();
  static final StageOption<Boolean> INCREMENTAL =
      StageOption.bool("incremental", "Read only ids above the watermark.").withDefault(false);

  private static final StructType SCHEMA =
      new StructType()
          .add("id", DataTypes.LongType, false)
          .add("amount", DataTypes.StringType, true);

  @Override
  public String type() {
    return "test-source";
  }

  @Override
  public String description() {
    return "Reads a PostgreSQL table, optionally above its watermark (tests only).";
  }

  @Override
  public List<StageOption<?>> options() {
    return List.of(CONNECTION, TABLE, INCREMENTAL);
  }

  @Override
  public Stage create(StageSpec spec) {
    String connection = spec.options().get(CONNECTION);
    String table = spec.options().get(TABLE);
    boolean incremental = spec.options().get(INCREMENTAL);
    return context -> {
      long above =
          incremental ? context.watermarks().committed().map(Long::parseLong).orElse(0L) : 0L;
      List<Row> rows = read(context.connection(connection), table, above);
      if (incremental && !rows.isEmpty()) {
        context.watermarks().advanceOnCommit(String.valueOf(rows.get(rows.size() - 1).getLong(0)));
      }
      return StageOutput.of(context.spark().createDataFrame(rows, SCHEMA));
    };
  }

  private static List<Row> read(ConnectionSpec source, String table, long above) {
    try (Connection c = DriverManager.getConnection(source.url(), source.jdbcProperties());
        PreparedStatement s =
            c.prepareStatement("SELECT id, amount FROM " + table + " WHERE id > ? ORDER BY id")) {
      s.setLong(1, above);
      List<Row> rows = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          rows.add(RowFactory.create(r.getLong(1), r.getString(2)));
        }
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read " + table + ": " + e.getMessage(), e);
    }
  }
}
