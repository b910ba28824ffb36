package io.ferry.sink.redshift.table;

import static java.util.Objects.requireNonNull;

import io.ferry.core.sql.SqlIdentifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * How Redshift lays out a table the load creates: distribution, sort key and column encodings.
 * PostgreSQL has none of these, so the postgres dialect refuses a layout in validation.
 *
 * @param distStyle {@code auto}, {@code even}, {@code key} or {@code all}
 * @param distKey the distribution column (implies {@code key})
 * @param sortKey the compound sort key's columns, in order
 * @param encodings compression encodings by column name
 */
public record TableLayout(
    Optional<String> distStyle,
    Optional<String> distKey,
    List<String> sortKey,
    Map<String, String> encodings) {
  public static final TableLayout NONE =
      new TableLayout(Optional.empty(), Optional.empty(), List.of(), Map.of());

  /** Redshift's column compression encodings. */
  public static final Set<String> ENCODINGS =
      Set.of(
          "raw",
          "az64",
          "bytedict",
          "delta",
          "delta32k",
          "lzo",
          "mostly8",
          "mostly16",
          "mostly32",
          "runlength",
          "text255",
          "text32k",
          "zstd");

  public static final Set<String> DIST_STYLES = Set.of("auto", "even", "key", "all");

  /**
   * The column types each encoding accepts, by the type's leading word as CREATE TABLE writes it
   * (https://docs.aws.amazon.com/redshift/latest/dg/c_Compression_encodings.html); raw and zstd
   * accept every type.
   */
  static final Map<String, Set<String>> ENCODING_TYPES =
      Map.ofEntries(
          Map.entry(
              "az64",
              Set.of(
                  "smallint", "integer", "bigint", "decimal", "date", "timestamp", "timestamptz")),
          Map.entry(
              "bytedict",
              Set.of(
                  "smallint",
                  "integer",
                  "bigint",
                  "decimal",
                  "real",
                  "double",
                  "char",
                  "varchar",
                  "date",
                  "timestamp",
                  "timestamptz")),
          Map.entry(
              "delta", Set.of("smallint", "integer", "bigint", "decimal", "date", "timestamp")),
          Map.entry("delta32k", Set.of("integer", "bigint", "decimal", "date", "timestamp")),
          Map.entry(
              "lzo",
              Set.of(
                  "smallint",
                  "integer",
                  "bigint",
                  "decimal",
                  "char",
                  "varchar",
                  "date",
                  "timestamp",
                  "timestamptz",
                  "super")),
          Map.entry("mostly8", Set.of("smallint", "integer", "bigint", "decimal")),
          Map.entry("mostly16", Set.of("integer", "bigint", "decimal")),
          Map.entry("mostly32", Set.of("bigint", "decimal")),
          Map.entry(
              "runlength",
              Set.of(
                  "boolean",
                  "smallint",
                  "integer",
                  "bigint",
                  "decimal",
                  "real",
                  "double",
                  "char",
                  "varchar",
                  "date",
                  "timestamp",
                  "timestamptz")),
          Map.entry("text255", Set.of("varchar")),
          Map.entry("text32k", Set.of("varchar")));

  public TableLayout {
    requireNonNull(distStyle, "distStyle");
    requireNonNull(distKey, "distKey");
    sortKey = List.copyOf(sortKey);
    encodings = Map.copyOf(new TreeMap<>(encodings));
  }

  /** The same layout with its column names in lower case. */
  public TableLayout foldedToLowerCase() {
    Map<String, String> folded = new TreeMap<>();
    encodings.forEach((column, encoding) -> folded.put(column.toLowerCase(Locale.ROOT), encoding));
    return new TableLayout(
        distStyle,
        distKey.map(k -> k.toLowerCase(Locale.ROOT)),
        sortKey.stream().map(k -> k.toLowerCase(Locale.ROOT)).toList(),
        folded);
  }

  public boolean isEmpty() {
    return distStyle.isEmpty() && distKey.isEmpty() && sortKey.isEmpty() && encodings.isEmpty();
  }

  /** Problems with the layout's values, each a sentence; empty when it is valid. */
  public List<String> problems() {
    List<String> problems = new ArrayList<>();
    distStyle.ifPresent(
        s -> {
          if (!DIST_STYLES.contains(s.toLowerCase(Locale.ROOT))) {
            problems.add("diststyle '" + s + "' is not one of " + new TreeSet<>(DIST_STYLES));
          } else if (distKey.isPresent() && !s.equalsIgnoreCase("key")) {
            problems.add("distkey needs diststyle key, found '" + s + "'");
          }
        });
    encodings.forEach(
        (column, encoding) -> {
          if (!ENCODINGS.contains(encoding.toLowerCase(Locale.ROOT))) {
            problems.add(
                "encoding '"
                    + encoding
                    + "' of column '"
                    + column
                    + "' is not one of "
                    + new TreeSet<>(ENCODINGS));
          }
        });
    return problems;
  }

  /**
   * Problems with the encodings of the columns a load creates, each a sentence: an encoding that
   * its column's type does not accept, or an encoding for a column the input lacks.
   */
  public List<String> encodingProblems(List<ColumnDefinition> columns) {
    List<String> problems = new ArrayList<>();
    new TreeMap<>(encodings)
        .forEach(
            (column, encoding) -> {
              String e = encoding.toLowerCase(Locale.ROOT);
              Optional<ColumnDefinition> definition =
                  columns.stream().filter(c -> c.name().equals(column)).findFirst();
              if (definition.isEmpty()) {
                problems.add(
                    "encodings names column '"
                        + column
                        + "', which the input does not have; it has "
                        + columns.stream().map(ColumnDefinition::name).toList());
                return;
              }
              String type = definition.get().sqlType();
              String word = type.split("[ (]", 2)[0];
              Set<String> accepted = ENCODING_TYPES.get(e);
              if (accepted != null && !accepted.contains(word)) {
                problems.add(
                    "encoding '"
                        + e
                        + "' does not apply to column '"
                        + column
                        + "' of type "
                        + type
                        + "; it applies to "
                        + new TreeSet<>(accepted)
                        + " (raw and zstd apply to every type)");
              }
            });
    return problems;
  }

  /** {@code ENCODE zstd} for a column with an encoding, else empty. */
  public String columnSuffix(String column) {
    String encoding = encodings.get(column);
    return encoding == null ? "" : " ENCODE " + encoding.toLowerCase(Locale.ROOT);
  }

  /** {@code DISTSTYLE KEY DISTKEY ("id") SORTKEY ("day", "id")}, or empty. */
  public String tableSuffix() {
    StringBuilder sb = new StringBuilder();
    Optional<String> style = distKey.isPresent() ? Optional.of("key") : distStyle;
    style.ifPresent(s -> sb.append(" DISTSTYLE ").append(s.toUpperCase(Locale.ROOT)));
    distKey.ifPresent(
        k -> sb.append(" DISTKEY (").append(SqlIdentifier.of(k).quoted()).append(')'));
    if (!sortKey.isEmpty()) {
      sb.append(" SORTKEY (")
          .append(
              SqlIdentifier.list(
                  sortKey.stream().map(SqlIdentifier::of).toList(), SqlIdentifier::quoted))
          .append(')');
    }
    return sb.toString();
  }

  /** Columns the layout names, for checking them against the input. */
  public List<String> namedColumns() {
    List<String> named = new ArrayList<>();
    distKey.ifPresent(named::add);
    named.addAll(sortKey);
    named.addAll(encodings.keySet());
    return named;
  }
}
