package io.ferry.sink.redshift.staging;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The name of a file a staging task writes, {@code part-<partition>-attempt-<task attempt
 * id>-<sequence>.<extension>} ({@code csv}, {@code csv.gz} or {@code bin}): unique per task
 * attempt, so attempts never overwrite each other, and numbered in the order the task wrote them.
 */
public record PartFileName(int partition, long attempt, int sequence) {
  private static final Pattern NAME =
      Pattern.compile("part-(\\d{5,})-attempt-(\\d+)-(\\d{4,})\\.(csv|csv\\.gz|bin)");

  /**
   * @param extension {@code csv}, {@code csv.gz} or {@code bin}
   */
  public String format(String extension) {
    return String.format(
        Locale.ROOT, "part-%05d-attempt-%d-%04d.%s", partition, attempt, sequence, extension);
  }

  /** The name's parts, or empty for a name no staging task writes. */
  public static Optional<PartFileName> parse(String name) {
    Matcher m = NAME.matcher(name);
    if (!m.matches()) {
      return Optional.empty();
    }
    return Optional.of(
        new PartFileName(
            Integer.parseInt(m.group(1)),
            Long.parseLong(m.group(2)),
            Integer.parseInt(m.group(3))));
  }

  /** Whether {@code other} was written by the same task attempt. */
  public boolean sameAttempt(PartFileName other) {
    return partition == other.partition && attempt == other.attempt;
  }
}
