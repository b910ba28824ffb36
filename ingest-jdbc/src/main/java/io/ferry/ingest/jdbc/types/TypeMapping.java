package io.ferry.ingest.jdbc.types;

import static java.util.Objects.requireNonNull;

import io.ferry.core.sql.SparkColumn;
import io.ferry.core.stage.StageFailure;
import io.ferry.core.stage.StandardFailureCode;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The Spark types Ferry reads where Spark's own JDBC mapping would lose meaning, given to Spark's
 * JDBC source as {@code customSchema} (every other column keeps Spark's mapping, which already
 * keeps declared decimals, maps json/jsonb/uuid to string, bytea to binary and arrays to arrays):
 *
 * <ul>
 *   <li>{@code timestamptz} (and MySQL {@code TIMESTAMP}) → {@code TIMESTAMP}: the instant, shown
 *       in UTC;
 *   <li>{@code timestamp} (and MySQL {@code DATETIME}) → {@code TIMESTAMP_NTZ}: the wall time as
 *       written, no time zone applied;
 *   <li>MySQL {@code float} → {@code FLOAT} (Spark's own mapping reads it as a double holding the
 *       decimal digits the server printed, not the float's value);
 *   <li>{@code numeric} without precision, or with more than 38 digits → the configured default
 *       decimal, with a warning naming the column;
 *   <li>a column named in {@code column-types} → that type, whatever the source's type.
 * </ul>
 */
public final class TypeMapping {
  /** Spark's largest decimal precision. */
  public static final int MAX_PRECISION = 38;

  private final String unboundedDecimal;
  private final Map<String, String> overrides;
  private final boolean timestampIsInstant;

  /**
   * @param unboundedDecimal the Spark type for unbounded numerics, e.g. {@code decimal(38,18)}
   * @param overrides Spark types by column name
   * @param timestampIsInstant whether the source's {@code timestamp} type holds an instant (MySQL)
   *     rather than a wall time (PostgreSQL, the SQL standard)
   */
  public TypeMapping(
      String unboundedDecimal, Map<String, String> overrides, boolean timestampIsInstant) {
    this.unboundedDecimal = requireNonNull(unboundedDecimal, "unboundedDecimal");
    this.overrides = Map.copyOf(overrides);
    this.timestampIsInstant = timestampIsInstant;
  }

  /** The columns of a result, from its metadata. */
  public static List<SourceColumn> columns(ResultSetMetaData meta) throws SQLException {
    List<SourceColumn> columns = new ArrayList<>();
    for (int i = 1; i <= meta.getColumnCount(); i++) {
      columns.add(
          new SourceColumn(
              meta.getColumnLabel(i),
              meta.getColumnType(i),
              meta.getColumnTypeName(i).toLowerCase(Locale.ROOT),
              meta.getPrecision(i),
              meta.getScale(i)));
    }
    return columns;
  }

  /** The result of mapping: the custom schema and a warning per column read with a default. */
  public record Mapped(Map<String, String> types, List<String> warnings) {
    /** Spark's {@code customSchema} option, empty when Spark's own mapping fits every column. */
    public Optional<String> customSchema() {
      if (types.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(
          types.entrySet().stream()
              .map(e -> SparkColumn.quoted(e.getKey()) + " " + e.getValue())
              .collect(Collectors.joining(", ")));
    }
  }

  /**
   * Maps the source's columns.
   *
   * @throws StageFailure about the {@code column-types} entry naming a column the source does not
   *     return
   */
  public Mapped map(List<SourceColumn> columns) {
    Map<String, String> types = new LinkedHashMap<>();
    List<String> warnings = new ArrayList<>();
    List<String> names = columns.stream().map(SourceColumn::name).toList();
    for (String named : overrides.keySet()) {
      if (!names.contains(named)) {
        throw StageFailure.about(
            "column-types." + (named.matches("[A-Za-z0-9_-]+") ? named : '"' + named + '"'),
            StandardFailureCode.CONFIG_VALUE_NOT_FOUND,
            "column-types names column '"
                + named
                + "', which the source does not return; its"
                + " columns are "
                + names);
      }
    }
    for (SourceColumn c : columns) {
      String override = overrides.get(c.name());
      if (override != null) {
        types.put(c.name(), override);
        continue;
      }
      timestampType(c).ifPresent(t -> types.put(c.name(), t));
      if (c.typeName().equals("float") && c.jdbcType() == Types.REAL) {
        types.put(c.name(), "FLOAT");
      }
      if (isUnboundedDecimal(c)) {
        types.put(c.name(), unboundedDecimal);
        warnings.add(
            "column '"
                + c.name()
                + "' is "
                + c.typeName()
                + (c.precision() == 0 ? " without precision" : "(" + c.precision() + ")")
                + "; reading it as "
                + unboundedDecimal
                + ", which rounds extra decimal places and fails on larger values; set"
                + " column-types."
                + c.name()
                + " to choose");
      }
    }
    return new Mapped(types, warnings);
  }

  private Optional<String> timestampType(SourceColumn c) {
    return switch (c.typeName()) {
      case "timestamptz", "timestamp with time zone" -> Optional.of("TIMESTAMP");
      case "timestamp", "timestamp without time zone" ->
          Optional.of(timestampIsInstant ? "TIMESTAMP" : "TIMESTAMP_NTZ");
      case "datetime" -> Optional.of("TIMESTAMP_NTZ");
      default -> Optional.empty();
    };
  }

  private static boolean isUnboundedDecimal(SourceColumn c) {
    boolean decimal = c.jdbcType() == Types.NUMERIC || c.jdbcType() == Types.DECIMAL;
    return decimal && (c.precision() == 0 || c.precision() > MAX_PRECISION);
  }
}
