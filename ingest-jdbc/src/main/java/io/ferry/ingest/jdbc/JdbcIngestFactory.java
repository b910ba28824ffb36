package io.ferry.ingest.jdbc;

import io.ferry.core.option.OptionRule;
import io.ferry.core.option.StageOption;
import io.ferry.core.sql.SqlIdentifier;
import io.ferry.core.stage.Stage;
import io.ferry.core.stage.StageFactory;
import io.ferry.core.stage.StageProblems;
import io.ferry.core.stage.StageSpec;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code jdbc-ingest} stage type: copies a table or query result from a database into the
 * lake's raw zone, one folder per run.
 */
public final class JdbcIngestFactory implements StageFactory {
  public static final String TYPE = "jdbc-ingest";

  static final StageOption<String> CONNECTION =
      StageOption.connection(
              "connection", "Name of the entry under 'connections' that the stage reads from.")
          .required();
  static final StageOption<String> TABLE =
      StageOption.string(
              "table",
              "Source table, optionally schema-qualified (sales.orders); always quoted, unquoted"
                  + " parts fold to lower case and double-quoted parts keep their case.")
          .optional();
  static final StageOption<List<String>> COLUMNS =
      StageOption.stringList(
              "columns", "Columns of 'table' to read, in this order; every column when unset.")
          .optional();
  static final StageOption<String> WHERE =
      StageOption.string(
              "where",
              "SQL predicate on 'table', run by the source database as written, e.g."
                  + " \"status <> 'test'\".")
          .optional();
  static final StageOption<String> QUERY =
      StageOption.string(
              "query",
              "A SELECT statement run by the source database as written, instead of 'table'.")
          .optional();
  static final StageOption<Integer> FETCH_SIZE =
      StageOption.integer("fetch-size", "Rows the JDBC driver fetches per round trip.")
          .withDefault(10_000);

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public String description() {
    return "Reads a table or query from a JDBC database into the lake as Parquet, one committed"
        + " folder per run.";
  }

  @Override
  public List<StageOption<?>> options() {
    return List.of(CONNECTION, TABLE, COLUMNS, WHERE, QUERY, FETCH_SIZE);
  }

  @Override
  public List<OptionRule> rules() {
    return List.of(
        OptionRule.exactlyOneOf(TABLE, QUERY),
        OptionRule.requires(COLUMNS, TABLE),
        OptionRule.requires(WHERE, TABLE));
  }

  @Override
  public void validate(StageSpec spec, StageProblems problems) {
    var options = spec.options();
    options.find(TABLE).ifPresent(t -> checkName(t, TABLE, problems));
    options.find(COLUMNS).ifPresent(c -> checkColumns(c, problems));
    options.find(WHERE).filter(String::isBlank).ifPresent(w -> problems.add(WHERE, "is empty"));
    options.find(QUERY).filter(String::isBlank).ifPresent(q -> problems.add(QUERY, "is empty"));
    if (options.get(FETCH_SIZE) < 1) {
      problems.add(FETCH_SIZE, "must be at least 1, found " + options.get(FETCH_SIZE));
    }
  }

  private static void checkName(String name, StageOption<?> option, StageProblems problems) {
    try {
      SqlIdentifier.parse(name);
    } catch (IllegalArgumentException e) {
      problems.add(option, e.getMessage());
    }
  }

  private static void checkColumns(List<String> columns, StageProblems problems) {
    if (columns.isEmpty()) {
      problems.add(COLUMNS, "is empty; remove it to read every column");
      return;
    }
    Set<String> seen = new HashSet<>();
    for (String column : columns) {
      try {
        SqlIdentifier id = SqlIdentifier.parse(column);
        if (id.parts().size() != 1) {
          problems.add(COLUMNS, "'" + column + "' is qualified; name the column alone");
        } else if (!seen.add(id.name())) {
          problems.add(COLUMNS, "column '" + id.name() + "' is listed twice");
        }
      } catch (IllegalArgumentException e) {
        problems.add(COLUMNS, e.getMessage());
      }
    }
  }

  @Override
  public Stage create(StageSpec spec) {
    var options = spec.options();
    SourceQuery source =
        options
            .find(QUERY)
            .map(SourceQuery::ofQuery)
            .orElseGet(
                () ->
                    SourceQuery.ofTable(
                        SqlIdentifier.parse(options.get(TABLE)),
                        options.find(COLUMNS).orElse(List.of()).stream()
                            .map(SqlIdentifier::parse)
                            .toList(),
                        options.find(WHERE)));
    return new JdbcIngestStage(
        spec.name(), options.get(CONNECTION), source, options.get(FETCH_SIZE));
  }
}
