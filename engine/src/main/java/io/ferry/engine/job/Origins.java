package io.ferry.engine.job;

import com.typesafe.config.ConfigOrigin;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns Typesafe Config origins into the {@code file:line} users see in problems. */
final class Origins {
  private static final Pattern DESCRIPTION = Pattern.compile("^(.*?)(?:: ?(\\d+))?(?:\\s.*)?$");

  private Origins() {}

  static String file(ConfigOrigin origin) {
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

  static int line(ConfigOrigin origin) {
    return origin == null ? -1 : origin.lineNumber();
  }
}
