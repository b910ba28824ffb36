package io.ferry.sink.redshift.redshift;

import io.ferry.core.sql.SqlIdentifier;
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
 * acceptinvchars = "?", truncatecolumns = "" }}. Names come from an allowlist (the parameters Ferry
 * does not set itself), an empty value is a bare keyword, a number or ON/OFF stays bare and any
 * other value becomes an escaped string literal, so the option can never inject SQL. For Parquet
 * only the parameters Redshift accepts with columnar formats pass.
 */
public final class CopyOptions {
  /** Parameters Redshift accepts for COPY from Parquet besides those Ferry sets. */
  static final Set<String> COLUMNAR =
      Set.of("ACCEPTINVCHARS", "FILLRECORD", "STATUPDATE", "EXPLICIT_IDS", "SERIALIZETOJSON");

  /** Parameters for CSV besides those Ferry sets (FORMAT, GZIP, NULL AS, time formats). */
  static final Set<String> CSV =
      Set.of(
          "ACCEPTANYDATE",
          "ACCEPTINVCHARS",
          "BLANKSASNULL",
          "COMPUPDATE",
          "EMPTYASNULL",
          "EXPLICIT_IDS",
          "FILLRECORD",
          "IGNOREBLANKLINES",
          "MAXERROR",
          "ROUNDEC",
          "STATUPDATE",
          "TRIMBLANKS",
          "TRUNCATECOLUMNS");

  private static final Pattern BARE = Pattern.compile("\\d{1,10}|(?i)on|off|true|false");

  private CopyOptions() {}

  /** Problems with the options for this format, each a sentence; empty when they are valid. */
  public static List<String> problems(Map<String, String> options, StagingFormat format) {
    Set<String> allowed = format == StagingFormat.PARQUET ? COLUMNAR : CSV;
    List<String> problems = new ArrayList<>();
    for (String name : new TreeMap<>(options).keySet()) {
      String upper = name.toUpperCase(Locale.ROOT);
      if (!allowed.contains(upper)) {
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
                            : SqlIdentifier.literal(value));
              }
            });
    return sb.toString();
  }
}
