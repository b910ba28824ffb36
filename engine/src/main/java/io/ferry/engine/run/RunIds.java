package io.ferry.engine.run;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Run ids: {@code 20261124T101500Z-3fa9c1}, UTC time then a short random suffix, so they sort by
 * start time and never collide. A user-given id (e.g. the scheduler's) must be safe as a folder
 * name.
 */
public final class RunIds {
  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private RunIds() {}

  public static String generate(Instant now) {
    byte[] suffix = new byte[3];
    RANDOM.nextBytes(suffix);
    return FORMAT.format(now) + "-" + HexFormat.of().formatHex(suffix);
  }

  /** Null when valid, else what is wrong. */
  public static String check(String runId) {
    return VALID.matcher(runId).matches()
        ? null
        : "run id '"
            + runId
            + "' is not valid: use 1 to 100 letters, digits, '.', '_' or '-', starting with a"
            + " letter or digit (it names lake folders)";
  }
}
