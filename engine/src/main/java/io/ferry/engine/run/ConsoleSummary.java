package io.ferry.engine.run;

import java.util.Locale;
import java.util.OptionalLong;

/** The table printed at the end of a run. */
public final class ConsoleSummary {
  private ConsoleSummary() {}

  public static String render(RunReport report) {
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            Locale.ROOT,
            "%nFerry job '%s' run %s %s in %s%n",
            report.job(),
            report.runId(),
            report.status().name(),
            seconds(report.duration().toMillis())));
    int nameWidth =
        Math.max(5, report.stages().stream().mapToInt(s -> s.name().length()).max().orElse(5));
    int typeWidth =
        Math.max(4, report.stages().stream().mapToInt(s -> s.type().length()).max().orElse(4));
    String row = "  %-3s %-" + nameWidth + "s  %-" + typeWidth + "s  %-9s  %8s  %12s  %12s%n";
    sb.append(
        String.format(
            Locale.ROOT, row, "#", "stage", "type", "status", "time", "rows in", "rows out"));
    int i = 1;
    for (StageReport s : report.stages()) {
      sb.append(
          String.format(
              Locale.ROOT,
              row,
              i++,
              s.name(),
              s.type(),
              s.status().name().toLowerCase(),
              s.status() == StageReport.Status.SKIPPED ? "-" : seconds(s.durationMillis()),
              rows(s.rowsIn()),
              rows(s.rowsOut())));
    }
    report
        .error()
        .ifPresent(
            e ->
                sb.append("\n  error")
                    .append(
                        report
                            .failureCode()
                            .map(
                                c ->
                                    " ("
                                        + c.kind().name().toLowerCase(Locale.ROOT)
                                        + ", "
                                        + c.name()
                                        + ")")
                            .orElse(""))
                    .append(": ")
                    .append(e.replace("\n", "\n  "))
                    .append('\n'));
    report.location().ifPresent(l -> sb.append("  report: ").append(l).append('\n'));
    return sb.toString();
  }

  private static String rows(OptionalLong rows) {
    return rows.isPresent() ? String.format(Locale.ROOT, "%,d", rows.getAsLong()) : "-";
  }

  static String seconds(long millis) {
    return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
  }
}
