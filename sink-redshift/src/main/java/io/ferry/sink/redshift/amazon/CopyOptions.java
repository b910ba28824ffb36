package io.ferry.sink.redshift.amazon;

import io.ferry.sink.redshift.staging.StagingFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The {@code copy-options} pass-through: extra COPY parameters by name, e.g. {@code copy-options {
 * acceptinvchars = "?", region = "eu-west-1" }}. Names come from an allowlist (the parameters Ferry
 * does not set itself), an empty value is a bare keyword, a number or ON/OFF stays bare and any
 * other value becomes an escaped Redshift literal, so the option can never inject SQL. For Parquet
 * only the parameters Redshift accepts with columnar formats pass. Parameters that silently change
 * loaded values
 * (https://docs.aws.amazon.com/redshift/latest/dg/copy-parameters-data-conversion.html) are
 * refused, since Ferry promises that values survive the trip.
 */
public final class CopyOptions {
  /** Parameters Redshift accepts for COPY from Parquet besides those Ferry sets. */
  static final Set<String> COLUMNAR =
      Set.of("ACCEPTINVCHARS", "EXPLICIT_IDS", "FILLRECORD", "REGION");

  /** Parameters for CSV besides those Ferry sets (FORMAT, GZIP, NULL AS, time formats). */
  static final Set<String> CSV =
      Set.of(
          "ACCEPTINVCHARS",
          "COMPUPDATE",
          "EXPLICIT_IDS",
          "FILLRECORD",
          "IGNOREBLANKLINES",
          "MAXERROR",
          "REGION",
          "ROUNDEC",
          "TRIMBLANKS");

  /** Parameters that change values without an error, and why each is refused. */
  static final Map<String, String> CHANGES_VALUES =
      Map.of(
          "EMPTYASNULL", "it loads '' as NULL",
          "BLANKSASNULL", "it loads blank strings as NULL",
          "TRUNCATECOLUMNS", "it cuts strings longer than their column",
          "ACCEPTANYDATE", "it loads unreadable dates as NULL");

  /** Parameters Ferry sets itself on every staging COPY. */
  static final Set<String> SET_BY_FERRY = Set.of("STATUPDATE", "SERIALIZETOJSON", "MANIFEST");

  private static final Pattern BARE = Pattern.compile("\\d{1,10}|(?i)on|off|true|false");

  private CopyOptions() {}

  /** Problems with the options for this format, each a sentence; empty when they are valid. */
  public static List<String> problems(Map<String, String> options, StagingFormat format) {
    Set<String> allowed = format == StagingFormat.PARQUET ? COLUMNAR : CSV;
    List<String> problems = new ArrayList<>();
    for (String name : new TreeMap<>(options).keySet()) {
      String upper = name.toUpperCase(Locale.ROOT);
      if (CHANGES_VALUES.containsKey(upper)) {
        problems.add(
            "COPY parameter '"
                + name
                + "' is refused: "
                + CHANGES_VALUES.get(upper)
                + " without an error; clean such values in an earlier sql stage instead");
      } else if (SET_BY_FERRY.contains(upper)) {
        problems.add("COPY parameter '" + name + "' is set by Ferry itself; remove it");
      } else if (!allowed.contains(upper)) {
        problems.add(
            "COPY parameter '"
                + name
                + "' is not accepted with staging-format = "
                + format.name().toLowerCase(Locale.ROOT)
                + (format == StagingFormat.PARQUET && CSV.contains(upper)
                    ? " (Redshift rejects it for columnar formats; use staging-format = csv)"
                    : "")
                + "; allowed: "
                + new TreeSet<>(allowed));
      }
    }
    return problems;
  }

  /** The options as COPY text, each preceded by a space, in name order. */
  public static String render(Map<String, String> options) {
    StringBuilder sb = new StringBuilder();
    new TreeMap<>(options)
        .forEach(
            (name, value) -> {
              sb.append(' ').append(name.toUpperCase(Locale.ROOT));
              if (!value.isEmpty()) {
                sb.append(' ')
                    .append(
                        BARE.matcher(value).matches()
                            ? value.toUpperCase(Locale.ROOT)
                            : RedshiftLiteral.of(value));
              }
            });
    return sb.toString();
  }
}
