package io.ferry.launcher.export;

import io.ferry.launcher.Ferry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

/** Runs {@code ferry export} in this JVM on the test jobs under src/test/resources/export. */
record ExportRun(int exitCode, String out, String err) {
  static final String JOB = "src/test/resources/export/jobs/orders.conf";
  static final String RUN_DATE = "2026-11-24";

  /** The test job with env prod, a run date, and {@code --set params.regions=eu,us}. */
  static ExportRun golden(String target) {
    return of(
        JOB,
        "--env",
        "prod",
        "--to",
        target,
        "--run-date",
        RUN_DATE,
        "--set",
        "params.regions=eu,us");
  }

  static ExportRun of(String... args) {
    List<String> all = new ArrayList<>(List.of("export"));
    all.addAll(List.of(args));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Ferry.execute(new PrintWriter(out), new PrintWriter(err), all.toArray(String[]::new));
    return new ExportRun(code, out.toString(), err.toString());
  }

  /** The problem lines of a failed export, trimmed. */
  List<String> problems() {
    return err.lines().filter(l -> l.startsWith("  ")).map(String::trim).toList();
  }
}
