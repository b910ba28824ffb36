package io.ferry.ingest.jdbc.sqoop;

import com.typesafe.config.ConfigUtil;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Turns the arguments of a {@code sqoop import} into the equivalent {@code jdbc-ingest} stage and
 * its connection, as HOCON to paste into a job file. Every flag is accounted for: mapped to an
 * option, covered by what Ferry always does (named in a comment), or named in a comment as having
 * no equivalent. Never silently dropped. A password given on the command line is never copied.
 */
public final class SqoopImportConverter {
  /** The connection name the output uses. */
  static final String CONNECTION = "source";

  /** Flags Ferry covers without an option, and why. */
  private static final Map<String, String> COVERED =
      Map.ofEntries(
          Map.entry("--as-parquetfile", "Parquet (Snappy) is the only output format"),
          Map.entry("--compress", "Parquet files are always Snappy-compressed"),
          Map.entry("--compression-codec", "Parquet files are always Snappy-compressed"),
          Map.entry(
              "--null-string",
              "Parquet keeps NULL as NULL and '' as ''; no placeholder string is needed"),
          Map.entry(
              "--null-non-string",
              "Parquet keeps NULL as NULL; no placeholder is needed for non-string columns"),
          Map.entry(
              "--delete-target-dir", "a rerun of a run id replaces that run's folder atomically"),
          Map.entry("--append", "every run writes its own run=<run-id> folder"),
          Map.entry(
              "--autoreset-to-one-mapper",
              "without split-by and an integer primary key Ferry reads one partition and says so"),
          Map.entry("--validate", "every run compares source and written row counts"),
          Map.entry(
              "--target-dir",
              "Ferry writes <lake.root>/raw/<job>/<stage>/run=<run-id>; set"
                  + " lake.root in the job"),
          Map.entry(
              "--warehouse-dir",
              "Ferry writes <lake.root>/raw/<job>/<stage>/run=<run-id>; set"
                  + " lake.root in the job"),
          Map.entry("--verbose", "use the launcher's log configuration"));

  /** Flags this converter maps to options. */
  private static final List<String> MAPPED =
      List.of(
          "--connect",
          "--username",
          "--password-file",
          "--password",
          "-P",
          "--driver",
          "--table",
          "--columns",
          "--where",
          "--query",
          "--split-by",
          "--num-mappers",
          "--boundary-query",
          "--fetch-size",
          "--incremental",
          "--check-column",
          "--last-value",
          "--merge-key",
          "--direct",
          "--relaxed-isolation");

  private SqoopImportConverter() {}

  /**
   * The HOCON for these {@code sqoop import} arguments.
   *
   * @throws IllegalArgumentException when the arguments cannot make a stage (no {@code --connect},
   *     neither {@code --table} nor {@code --query}, a malformed flag)
   */
  public static String convert(List<String> args) {
    SqoopArguments sqoop = SqoopArguments.parse(args);
    String url =
        sqoop
            .get("--connect")
            .orElseThrow(() -> new IllegalArgumentException("--connect is required"));
    if (sqoop.has("--table") == sqoop.has("--query")) {
      throw new IllegalArgumentException("give exactly one of --table and --query");
    }
    List<String> notes = new ArrayList<>();
    Map<String, String> stage = new LinkedHashMap<>();
    String name =
        stageName(sqoop.get("--table").orElse(sqoop.get("--target-dir").orElse("query_import")));
    stage.put("name", name);
    stage.put("type", "jdbc-ingest");
    stage.put("connection", CONNECTION);
    sqoop.get("--table").ifPresent(t -> stage.put("table", quote(identifier(t))));
    sqoop
        .get("--columns")
        .ifPresent(
            c ->
                stage.put(
                    "columns",
                    Arrays.stream(c.split(","))
                        .map(String::strip)
                        .map(SqoopImportConverter::identifier)
                        .map(SqoopImportConverter::quote)
                        .collect(Collectors.joining(", ", "[", "]"))));
    sqoop.get("--where").ifPresent(w -> stage.put("where", quote(w)));
    sqoop.get("--query").ifPresent(q -> stage.put("query", quote(q)));
    sqoop.get("--split-by").ifPresent(s -> stage.put("split-by", quote(identifier(s))));
    sqoop.get("--num-mappers").ifPresent(m -> stage.put("partitions", number("--num-mappers", m)));
    sqoop.get("--boundary-query").ifPresent(b -> stage.put("boundary-query", quote(b)));
    sqoop.get("--fetch-size").ifPresent(f -> stage.put("fetch-size", number("--fetch-size", f)));
    if (sqoop.has("--relaxed-isolation")) {
      stage.put("isolation-level", "read-uncommitted");
      stage.put("consistent-read", "false");
      notes.add(
          "--relaxed-isolation: partitions read uncommitted rows, each at its own moment; remove"
              + " isolation-level and consistent-read to read one snapshot instead");
    }
    direct(sqoop, url, stage, notes);
    incremental(sqoop, name, stage, notes);
    sqoop
        .get("--merge-key")
        .ifPresent(
            k ->
                stage.put(
                    "merge-keys",
                    Arrays.stream(k.split(","))
                        .map(String::strip)
                        .map(SqoopImportConverter::identifier)
                        .map(SqoopImportConverter::quote)
                        .collect(Collectors.joining(", ", "[", "]"))));
    return render(sqoop, url, stage, notes);
  }

  private static void direct(
      SqoopArguments sqoop, String url, Map<String, String> stage, List<String> notes) {
    if (!sqoop.has("--direct")) {
      return;
    }
    if (url.startsWith("jdbc:postgresql:")) {
      stage.put("direct", "true");
    } else {
      notes.add(
          "--direct: Ferry's direct mode is PostgreSQL COPY; on this database it reads through"
              + " JDBC (no mysqldump)");
    }
  }

  private static void incremental(
      SqoopArguments sqoop, String name, Map<String, String> stage, List<String> notes) {
    Optional<String> mode = sqoop.get("--incremental");
    if (mode.isEmpty() && sqoop.has("--merge-key")) {
      throw new IllegalArgumentException(
          "--merge-key needs --incremental lastmodified and --check-column COLUMN: the latest row"
              + " per key is the one with the greatest COLUMN; add them, or drop --merge-key");
    }
    if (mode.isEmpty()) {
      if (sqoop.has("--check-column") || sqoop.has("--last-value")) {
        notes.add("--check-column/--last-value without --incremental: ignored, as Sqoop does");
      }
      return;
    }
    String m = mode.get().toLowerCase(Locale.ROOT);
    if (!m.equals("append") && !m.equals("lastmodified")) {
      throw new IllegalArgumentException(
          "--incremental must be append or lastmodified, found '" + mode.get() + "'");
    }
    String column =
        sqoop
            .get("--check-column")
            .orElseThrow(() -> new IllegalArgumentException("--incremental needs --check-column"));
    stage.put("incremental.mode", m);
    stage.put("incremental.column", quote(identifier(column)));
    sqoop
        .get("--last-value")
        .ifPresent(
            v ->
                notes.add(
                    "--last-value "
                        + v
                        + ": Ferry keeps the watermark in its state store; seed it once with"
                        + " ferry run JOB --set-watermark "
                        + name
                        + "="
                        + v));
  }

  private static String render(
      SqoopArguments sqoop, String url, Map<String, String> stage, List<String> notes) {
    StringBuilder out = new StringBuilder();
    out.append("# jdbc-ingest stage converted by ferry sqoop-convert\n");
    for (String flag : sqoop.flags()) {
      if (COVERED.containsKey(flag)) {
        out.append("# ")
            .append(flag)
            .append(": not needed, ")
            .append(COVERED.get(flag))
            .append('\n');
      }
    }
    for (String note : notes) {
      out.append("# ").append(note).append('\n');
    }
    List<String> unsupported =
        sqoop.flags().stream()
            .filter(f -> !MAPPED.contains(f) && !COVERED.containsKey(f))
            .map(f -> f.equals("-D") ? generic(sqoop.all("-D")) : f)
            .toList();
    if (!unsupported.isEmpty()) {
      out.append("# Unsupported, no jdbc-ingest equivalent: ")
          .append(String.join(", ", unsupported))
          .append('\n');
    }
    out.append("connections.").append(CONNECTION).append(" {\n");
    out.append("  url = ").append(quote(url)).append('\n');
    sqoop.get("--username").ifPresent(u -> out.append("  user = ").append(quote(u)).append('\n'));
    sqoop.get("--driver").ifPresent(d -> out.append("  driver = ").append(quote(d)).append('\n'));
    if (sqoop.has("--password-file")) {
      out.append("  # --password-file ")
          .append(sqoop.get("--password-file").get())
          .append(": put the password in an environment variable or AWS Secrets Manager\n");
    }
    if (sqoop.has("--password") || sqoop.has("-P")) {
      out.append("  # the password given to sqoop is not copied; never put it in a job file\n");
    }
    if (sqoop.has("--username")
        || sqoop.has("--password-file")
        || sqoop.has("--password")
        || sqoop.has("-P")) {
      out.append("  password { env = SOURCE_DB_PASSWORD }\n");
    }
    out.append("}\n");
    out.append("stages = [\n  {\n");
    stage.forEach((k, v) -> out.append("    ").append(k).append(" = ").append(v).append('\n'));
    out.append("  }\n]\n");
    return out.toString();
  }

  /** A Sqoop table or column name in Ferry's identifier syntax, keeping its case. */
  private static String identifier(String name) {
    String[] parts = name.strip().split("\\.");
    return Arrays.stream(parts)
        .map(p -> p.matches("[a-z_][a-z0-9_$]*") ? p : "\"" + p.replace("\"", "\"\"") + "\"")
        .collect(Collectors.joining("."));
  }

  /** Generic options by key only: their values may be credentials. */
  private static String generic(List<String> properties) {
    return properties.stream()
        .map(p -> "-D " + p.split("=", 2)[0])
        .collect(Collectors.joining(", "));
  }

  private static String stageName(String source) {
    String[] segments = source.split("[/.]");
    String last = segments[segments.length - 1];
    String name = last.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    return name.isEmpty() || Character.isDigit(name.charAt(0)) ? "import_" + name : name;
  }

  private static String number(String flag, String value) {
    try {
      return Integer.toString(Integer.parseInt(value.strip()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(flag + " needs a whole number, found '" + value + "'");
    }
  }

  private static String quote(String text) {
    return ConfigUtil.quoteString(text);
  }
}
