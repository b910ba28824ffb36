package io.ferry.core.option;

import static java.util.Objects.requireNonNull;

import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigValue;
import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;
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
  private static final String MERGE = "merge of ";
  private static final String SET = "--set ";
  private static final Pattern FILE_LINE = Pattern.compile("^(.+): (\\d+)$");
  private static final Pattern DESCRIPTION = Pattern.compile("^(.*?)(?:: ?(\\d+))?(?:\\s.*)?$");

  public ConfigLocation {
    requireNonNull(file, "file");
  }

  /**
   * The location of a Typesafe Config origin; {@code <unknown>} for none. An object merged from
   * several layers (env file, job file, {@code --set}) is located where its winning layer wrote it:
   * the first file with a line among the merged origins, else the first {@code --set}.
   */
  public static ConfigLocation of(ConfigOrigin origin) {
    if (origin == null) {
      return new ConfigLocation("<unknown>", 0);
    }
    int line = Math.max(0, origin.lineNumber());
    if (origin.filename() != null) {
      return new ConfigLocation(origin.filename(), line);
    }
    if (origin.resource() != null) {
      return new ConfigLocation("classpath:" + origin.resource(), line);
    }
    String description = origin.description();
    if (description.startsWith(MERGE)) {
      return merged(description.substring(MERGE.length()));
    }
    if (description.startsWith(SET)) {
      return new ConfigLocation(description, 0);
    }
    Matcher m = DESCRIPTION.matcher(description);
    return new ConfigLocation(m.matches() ? m.group(1) : description, line);
  }

  /**
   * Where a value was written. A list's or object's own origin can lag behind the text by the line
   * breaks of a {@code """} string earlier in the file (Typesafe Config counts them for scalars
   * only), so a list or object is located at its first scalar.
   */
  public static ConfigOrigin origin(ConfigValue value) {
    return firstScalar(value).orElse(value.origin());
  }

  private static Optional<ConfigOrigin> firstScalar(ConfigValue value) {
    Collection<? extends ConfigValue> children;
    if (value instanceof ConfigList list) {
      children = list;
    } else if (value instanceof ConfigObject object) {
      children = object.values();
    } else {
      return Optional.of(value.origin());
    }
    return children.stream()
        .map(ConfigLocation::firstScalar)
        .flatMap(Optional::stream)
        .min(Comparator.comparingInt(ConfigOrigin::lineNumber));
  }

  /**
   * {@code a.conf: 4,b.conf: 2,withValue(x)}: the layers in order of precedence, each a file with
   * its line, a {@code --set key}, or an object Typesafe Config made to hold a {@code --set}.
   */
  private static ConfigLocation merged(String origins) {
    ConfigLocation set = null;
    for (String part : origins.split(",")) {
      String origin = part.startsWith(MERGE) ? part.substring(MERGE.length()) : part;
      Matcher m = FILE_LINE.matcher(origin);
      if (m.matches()) {
        return new ConfigLocation(m.group(1), Integer.parseInt(m.group(2)));
      }
      if (set == null && origin.startsWith(SET)) {
        set = new ConfigLocation(origin, 0);
      }
    }
    return set != null ? set : new ConfigLocation(SET.trim(), 0);
  }

  /** {@code file:line}, or the file alone when the line is unknown. */
  @Override
  public String toString() {
    return line > 0 ? file + ":" + line : file;
  }
}
