package io.ferry.core.option;

import static java.util.Objects.requireNonNull;

import com.typesafe.config.ConfigOrigin;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where something was written in a job: {@code jobs/orders.conf:14}. Problems, warnings and runtime
 * failures that come from a config value print it, so a user goes straight to the line.
 *
 * @param file the file as the user named it, {@code classpath:x.conf}, or {@code --set key}
 * @param line the line, or 0 when unknown
 */
public record ConfigLocation(String file, int line) {
  private static final Pattern DESCRIPTION = Pattern.compile("^(.*?)(?:: ?(\\d+))?(?:\\s.*)?$");

  public ConfigLocation {
    requireNonNull(file, "file");
  }

  /** The location of a Typesafe Config origin; {@code <unknown>} for none. */
  public static ConfigLocation of(ConfigOrigin origin) {
    return new ConfigLocation(file(origin), origin == null ? 0 : Math.max(0, origin.lineNumber()));
  }

  private static String file(ConfigOrigin origin) {
    if (origin == null) {
      return "<unknown>";
    }
    if (origin.filename() != null) {
      return origin.filename();
    }
    if (origin.resource() != null) {
      return "classpath:" + origin.resource();
    }
    String description = origin.description();
    if (description.startsWith("merge of ")) {
      description = description.substring("merge of ".length());
      int comma = description.indexOf(',');
      if (comma > 0) {
        description = description.substring(0, comma);
      }
    }
    Matcher m = DESCRIPTION.matcher(description);
    return m.matches() ? m.group(1) : description;
  }

  /** {@code file:line}, or the file alone when the line is unknown. */
  @Override
  public String toString() {
    return line > 0 ? file + ":" + line : file;
  }
}
