package io.ferry.bench.report;

import io.ferry.bench.measure.WayRuns;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.function.Function;

/** Markdown tables of measured ways. */
public final class RunsTable {
  private RunsTable() {}

  /** Cold runs: one row per way, each a whole process. */
  public static String cold(Collection<WayRuns> ways) {
    return table(
        "| way (cold: own process) | median wall s | Ferry stage s | CPU s | PostgreSQL CPU s"
            + " | median peak RSS MiB | runs (wall s) |\n|---|---|---|---|---|---|---|\n",
        ways,
        w ->
            List.of(
                number(w.wallSeconds(), 2),
                number(w.stageSeconds(), 2),
                number(w.cpuSeconds(), 1),
                number(w.serverCpuSeconds(), 1),
                number(w.peakRssMib(), 0)));
  }

  /** Warm runs: one row per way, each inside the harness's JVM after a warm-up round. */
  public static String warm(Collection<WayRuns> ways) {
    return table(
        "| way (warm: in the harness's JVM) | median wall s | JVM CPU s | PostgreSQL CPU s |"
            + " runs (wall s) |\n|---|---|---|---|---|\n",
        ways,
        w ->
            List.of(
                number(w.wallSeconds(), 2),
                number(w.cpuSeconds(), 1),
                number(w.serverCpuSeconds(), 1)));
  }

  /**
   * One row per way: its label, its figures, its runs; a failed way's row says so and why, its
   * figure cells left empty.
   */
  private static String table(
      String header, Collection<WayRuns> ways, Function<WayRuns, List<String>> figures) {
    StringBuilder out = new StringBuilder(header);
    for (WayRuns w : ways) {
      out.append("| ").append(w.way().label()).append(" | ");
      if (w.failure().isPresent()) {
        int columns =
            (int) header.lines().findFirst().orElseThrow().chars().filter(c -> c == '|').count()
                - 1;
        int empty = columns - 3;
        out.append("failed | ")
            .append("| ".repeat(empty))
            .append(oneLine(w.failure().get()))
            .append(" |\n");
        continue;
      }
      out.append(String.join(" | ", figures.apply(w)))
          .append(" | ")
          .append(w.runs())
          .append(" |\n");
    }
    return out.toString();
  }

  /** The Ferry stage's phases (medians), e.g. {@code plan 0.31 s, schema 0.05 s, ...}. */
  public static String phases(WayRuns ferry) {
    StringBuilder out = new StringBuilder();
    for (String phase : ferry.phaseNames()) {
      OptionalDouble s = ferry.phaseSeconds(phase);
      if (s.isPresent()) {
        out.append(out.length() == 0 ? "" : ", ")
            .append(phase.replaceAll("_ms$", ""))
            .append(String.format(Locale.ROOT, " %.2f s", s.getAsDouble()));
      }
    }
    return out.toString();
  }

  /** Ratios as a bullet list, each with its target and verdict when it has one. */
  public static String ratios(Collection<Ratio> ratios) {
    StringBuilder out = new StringBuilder();
    for (Ratio r : ratios) {
      out.append("- ").append(r.label()).append(": **").append(r.valueText()).append("**");
      if (r.target().isPresent()) {
        out.append(" (target ").append(r.targetText()).append(": ").append(r.verdict()).append(')');
      }
      out.append('\n');
    }
    return out.toString();
  }

  static String number(OptionalDouble value, int decimals) {
    return value.isPresent()
        ? String.format(Locale.ROOT, "%." + decimals + "f", value.getAsDouble())
        : "–";
  }

  private static String oneLine(String text) {
    String line = text.replace('\n', ' ').replace('|', '/');
    return line.length() > 300 ? line.substring(0, 300) + "…" : line;
  }
}
