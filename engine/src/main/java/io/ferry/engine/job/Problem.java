package io.ferry.engine.job;

import static java.util.Objects.requireNonNull;

import com.typesafe.config.ConfigOrigin;
import io.ferry.core.option.ConfigLocation;
import java.util.Comparator;

/**
 * One thing wrong with a job, pointing at where it was written: {@code jobs/orders.conf:14:
 * stages[2].split-by: ...}.
 */
public record Problem(String file, int line, String path, String message)
    implements Comparable<Problem> {

  private static final Comparator<Problem> ORDER =
      Comparator.comparing(Problem::file)
          .thenComparingInt(Problem::line)
          .thenComparing(Problem::path);

  public Problem {
    requireNonNull(file, "file");
    requireNonNull(path, "path");
    requireNonNull(message, "message");
  }

  public static Problem at(ConfigOrigin origin, String path, String message) {
    ConfigLocation location = ConfigLocation.of(origin);
    return new Problem(location.file(), location.line(), path, message);
  }

  /** The location as {@code file:line}, or just the file when no line is known. */
  public String location() {
    return line > 0 ? file + ":" + line : file;
  }

  /**
   * {@code location: path: message}; the path is left out when empty or when the location already
   * names it (a {@code --set deploy.schedule} value gives {@code --set deploy.schedule: ...}).
   */
  @Override
  public String toString() {
    return path.isEmpty() || location().equals("--set " + path)
        ? location() + ": " + message
        : location() + ": " + path + ": " + message;
  }

  @Override
  public int compareTo(Problem other) {
    return ORDER.compare(this, other);
  }
}
