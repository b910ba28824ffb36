package io.ferry.ingest.jdbc.read;

import static java.util.Objects.requireNonNull;

import io.ferry.core.sql.SparkColumn;
import io.ferry.core.sql.SqlIdentifier;
import io.ferry.ingest.jdbc.dialect.Dialect;
import io.ferry.ingest.jdbc.direct.ColumnValueException;
import io.ferry.ingest.jdbc.types.SourceColumn;
import io.ferry.ingest.jdbc.types.TypeMapping;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.SparkThrowable;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.MetadataBuilder;

/**
 * A JDBC-mode read that gives Spark every value exactly, whatever the JVM's default time zone: each
 * partition's SELECT is wrapped to select, for the columns the dialect names ({@link
 * Dialect#exactSelect}), an expression the driver cannot change; date-times among them arrive as
 * text and are parsed by Spark with no time zone involved (an instant's text is its UTC wall time,
 * read with {@code Z}). Spark parses the proleptic Gregorian calendar, as the databases write, so
 * dates before 1582 keep their day. A text Spark cannot parse ({@code infinity}, which the driver
 * would turn into a far-away value, or a year BC) fails the read naming the column and the value.
 */
public final class ExactJdbcRead {
  private static final String WRAPPED = "ferry_read";
  private static final String SCALE = "scale";
  private static final String REFUSED = " Spark can hold; convert or filter it in a query";

  /**
   * A column selected as text and parsed into {@code type}, an instant when {@code instant}; {@code
   * scale} is the source column's, which Spark's JDBC schema records in the field's metadata.
   */
  private record Parsed(String name, DataType type, boolean instant, int scale) {}

  private final List<String> projection;
  private final boolean wrapped;
  private final Map<String, String> types;
  private final List<Parsed> parsed;

  private ExactJdbcRead(
      List<String> projection, boolean wrapped, Map<String, String> types, List<Parsed> parsed) {
    this.projection = projection;
    this.wrapped = wrapped;
    this.types = types;
    this.parsed = parsed;
  }

  /**
   * @param columns the source's columns, in the SELECT's order
   * @param mapped the Spark types Ferry sets (the rest keep Spark's mapping)
   */
  public static ExactJdbcRead of(
      Dialect dialect, List<SourceColumn> columns, TypeMapping.Mapped mapped) {
    requireNonNull(dialect, "dialect");
    Map<String, String> types = new LinkedHashMap<>(mapped.types());
    List<String> projection = new ArrayList<>();
    List<Parsed> parsed = new ArrayList<>();
    boolean wrapped = false;
    for (SourceColumn column : columns) {
      String quoted = dialect.quote(SqlIdentifier.of(column.name()));
      Optional<String> exact = dialect.exactSelect(column, quoted);
      Optional<DataType> dateTime =
          types.containsKey(column.name())
              ? dateTime(types.get(column.name()))
              : Optional.of(DataTypes.DateType).filter(d -> column.jdbcType() == Types.DATE);
      boolean text = exact.isPresent() && isDateTime(column);
      if (exact.isEmpty() || (text && dateTime.isEmpty())) {
        projection.add(quoted);
        continue;
      }
      projection.add(exact.get() + " AS " + quoted);
      wrapped = true;
      if (text) {
        types.put(column.name(), "STRING");
        parsed.add(
            new Parsed(
                column.name(),
                dateTime.get(),
                dateTime.get().equals(DataTypes.TimestampType),
                column.scale()));
      }
    }
    return new ExactJdbcRead(List.copyOf(projection), wrapped, types, List.copyOf(parsed));
  }

  private static boolean isDateTime(SourceColumn column) {
    return column.typeName().startsWith("timestamp")
        || column.typeName().equals("datetime")
        || column.typeName().equals("date");
  }

  private static Optional<DataType> dateTime(String sparkType) {
    return switch (sparkType.toLowerCase(Locale.ROOT)) {
      case "timestamp" -> Optional.of(DataTypes.TimestampType);
      case "timestamp_ntz" -> Optional.of(DataTypes.TimestampNTZType);
      case "date" -> Optional.of(DataTypes.DateType);
      default -> Optional.empty();
    };
  }

  /** The partitions' SELECTs, each wrapped when a column needs an exact expression. */
  public List<String> selects(List<String> selects) {
    if (!wrapped) {
      return selects;
    }
    String list = String.join(", ", projection);
    return selects.stream().map(s -> "SELECT " + list + " FROM (" + s + "\n) " + WRAPPED).toList();
  }

  /** Spark's {@code customSchema}: Ferry's types, with the columns read as text as strings. */
  public Optional<String> customSchema() {
    return new TypeMapping.Mapped(types, List.of()).customSchema();
  }

  /** The rows with the columns read as text parsed into their Spark types. */
  public Dataset<Row> parse(Dataset<Row> rows) {
    Dataset<Row> out = rows;
    for (Parsed p : parsed) {
      Column text = out.col(SparkColumn.quoted(p.name()));
      Column value =
          (p.instant() ? functions.concat(text, functions.lit("Z")) : text).cast(p.type());
      Column checked =
          functions
              .when(
                  text.isNotNull().and(value.isNull()),
                  functions.raise_error(
                      functions.concat(
                          functions.lit("column '" + p.name() + "' holds '"),
                          text,
                          functions.lit("', which is no " + p.type().simpleString() + REFUSED))))
              .otherwise(value)
              .cast(p.type());
      // The field keeps the metadata Spark gives a column of the source's type, as direct mode's.
      Metadata read = out.schema().apply(p.name()).metadata();
      Metadata metadata =
          read.contains(SCALE)
              ? new MetadataBuilder().withMetadata(read).putLong(SCALE, p.scale()).build()
              : read;
      out = out.withColumn(p.name(), checked.as(p.name(), metadata));
    }
    return out;
  }

  /**
   * The value {@link #parse} refused, when {@code failure} is that refusal: Spark raises it as an
   * exception of its own ({@code raise_error}), in the task that read the row.
   */
  public static Optional<ColumnValueException> refusedValue(Throwable failure) {
    String message =
        failure instanceof SparkThrowable raised
            ? raised.getMessageParameters().getOrDefault("errorMessage", failure.getMessage())
            : failure.getMessage();
    if (message == null || !message.contains(REFUSED)) {
      return Optional.empty();
    }
    int start = message.indexOf("column '");
    int end = message.indexOf(REFUSED) + REFUSED.length();
    return Optional.of(new ColumnValueException(message.substring(Math.max(start, 0), end)));
  }
}
