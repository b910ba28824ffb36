package io.ferry.ingest.jdbc.sqoop;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The arguments of one {@code sqoop import}, parsed the way Sqoop reads them: {@code --flag value}
 * or {@code --flag=value}, short aliases ({@code -m}, {@code -e}, {@code -P}, {@code -z}), generic
 * {@code -D key=value} options, and a leading {@code sqoop import} ignored. Flags are kept in the
 * order given, with their long names.
 */
final class SqoopArguments {
  /** Flags that take no value. */
  private static final Set<String> SWITCHES =
      Set.of(
          "--direct",
          "--as-parquetfile",
          "--as-textfile",
          "--as-avrodatafile",
          "--as-sequencefile",
          "--compress",
          "--delete-target-dir",
          "--append",
          "--hive-import",
          "--hive-overwrite",
          "--create-hive-table",
          "--hive-drop-import-delims",
          "--verbose",
          "-P",
          "--autoreset-to-one-mapper",
          "--relaxed-isolation",
          "--validate",
          "--skip-dist-cache",
          "--mysql-delimiters",
          "--optionally-enclosed-by-disabled",
          "--hbase-create-table",
          "--hbase-bulkload",
          "--accumulo-create-table",
          "--help");

  private static final Map<String, String> ALIASES =
      Map.of("-m", "--num-mappers", "-e", "--query", "-z", "--compress", "-P", "-P");

  private final Map<String, List<String>> flags;

  private SqoopArguments(Map<String, List<String>> flags) {
    this.flags = flags;
  }

  /**
   * @throws IllegalArgumentException for a stray value or a flag missing its value
   */
  static SqoopArguments parse(List<String> args) {
    List<String> rest = new ArrayList<>(args);
    while (!rest.isEmpty() && (rest.get(0).equals("sqoop") || rest.get(0).equals("import"))) {
      rest.remove(0);
    }
    Map<String, List<String>> flags = new LinkedHashMap<>();
    for (int i = 0; i < rest.size(); i++) {
      String arg = rest.get(i);
      if (arg.startsWith("-D") && arg.length() > 2) {
        flags.computeIfAbsent("-D", k -> new ArrayList<>()).add(arg.substring(2));
        continue;
      }
      if (arg.equals("-D")) {
        flags.computeIfAbsent("-D", k -> new ArrayList<>()).add(value(rest, i++, arg));
        continue;
      }
      if (!arg.startsWith("-")) {
        throw new IllegalArgumentException(
            "'" + arg + "' is not a sqoop flag; quote values that hold spaces");
      }
      String flag = arg;
      String inline = null;
      int eq = arg.indexOf('=');
      if (arg.startsWith("--") && eq > 0) {
        flag = arg.substring(0, eq);
        inline = arg.substring(eq + 1);
      }
      flag = ALIASES.getOrDefault(flag, flag);
      String value;
      if (inline != null) {
        value = inline;
      } else if (SWITCHES.contains(flag)) {
        value = "";
      } else {
        value = value(rest, i++, flag);
      }
      flags.computeIfAbsent(flag, k -> new ArrayList<>()).add(value);
    }
    return new SqoopArguments(flags);
  }

  private static String value(List<String> args, int at, String flag) {
    if (at + 1 >= args.size()) {
      throw new IllegalArgumentException(flag + " needs a value");
    }
    return args.get(at + 1);
  }

  /** The last value of a flag, as Sqoop keeps the last one given. */
  Optional<String> get(String flag) {
    List<String> values = flags.get(flag);
    return values == null ? Optional.empty() : Optional.of(values.get(values.size() - 1));
  }

  boolean has(String flag) {
    return flags.containsKey(flag);
  }

  /** Every flag given, in order, each once. */
  List<String> flags() {
    return List.copyOf(flags.keySet());
  }

  /** Every value of a repeatable flag ({@code -D}). */
  List<String> all(String flag) {
    return flags.getOrDefault(flag, List.of());
  }
}
