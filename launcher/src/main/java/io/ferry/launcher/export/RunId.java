package io.ferry.launcher.export;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/**
 * The {@code --run-id} an export passes to {@code ferry run}: the same for every attempt of one
 * scheduled run, so a retry replaces its own output and loads nothing twice, and different for
 * every scheduled run.
 *
 * @param text the id as written into the export: a literal, or the scheduler's expression for it
 * @param maxLength the longest the id can be once the scheduler fills it in (for the argument
 *     limits)
 */
record RunId(String text, int maxLength) {
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd'T'000000");

  /** Airflow's logical date and time, e.g. 20261124T000000. */
  static final RunId AIRFLOW = new RunId("{{ ts_nodash }}", 15);

  /** The Step Functions execution's name: a redrive or retry keeps it (at most 80 characters). */
  static final RunId STEP_FUNCTIONS = new RunId("$$.Execution.Name", 80);

  /** Data Pipeline's scheduled start of the activity, formatted as Airflow's ts_nodash. */
  static final RunId DATA_PIPELINE =
      new RunId(
          "#{format(@scheduledStartTime,'YYYYMMdd')}T#{format(@scheduledStartTime,'HHmmss')}", 15);

  RunId {
    requireNonNull(text, "text");
  }

  /** A fixed id for one run date, the one Airflow's daily run of that date would use. */
  static RunId of(LocalDate runDate) {
    String id = DAY.format(runDate);
    return new RunId(id, id.length());
  }
}
