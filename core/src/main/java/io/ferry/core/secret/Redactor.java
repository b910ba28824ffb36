package io.ferry.core.secret;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks secrets in text that leaves the process: messages, reports, plans. It knows every secret
 * value resolved in this JVM and the shapes that carry credentials (JDBC URL passwords, {@code
 * user:password@} authorities, AWS secret keys in key=value form).
 */
public final class Redactor {
  public static final String MASK = "*****";
  private static final Redactor GLOBAL = new Redactor();
  private static final int MIN_SECRET_LENGTH = 3;

  private static final Pattern KEY_VALUE =
      Pattern.compile(
          "(?i)((?:password|passwd|pwd|secret|secret[-_.]?key|token|access[-_.]?key[-_.]?id|session[-_.]?token)\\s*[=:]\\s*)([^&;,\\s\"']+)");
  private static final Pattern USER_INFO = Pattern.compile("(//[^/@:\\s]+:)([^@/\\s]+)(@)");

  private final Set<String> values = ConcurrentHashMap.newKeySet();

  public static Redactor global() {
    return GLOBAL;
  }

  /** Registers a value to mask from now on. Very short values are masked only in known shapes. */
  public void register(String value) {
    if (value != null && value.length() >= MIN_SECRET_LENGTH) {
      values.add(value);
    }
  }

  /** The text with every known secret and credential shape masked; null stays null. */
  public String redact(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String out = text;
    for (String value : values) {
      if (out.contains(value)) {
        out = out.replace(value, MASK);
      }
    }
    out = KEY_VALUE.matcher(out).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK));
    out = USER_INFO.matcher(out).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK + "@"));
    return out;
  }

  /** The message chain of a failure, redacted: what users see when a stage fails. */
  public String describe(Throwable failure) {
    StringBuilder sb = new StringBuilder();
    Throwable t = failure;
    String last = null;
    int depth = 0;
    while (t != null && depth++ < 8) {
      String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
      if (last == null || !last.contains(message)) {
        if (sb.length() > 0) {
          sb.append("\n  caused by: ");
        }
        sb.append(message);
        last = message;
      }
      t = t.getCause() == t ? null : t.getCause();
    }
    return redact(sb.toString());
  }
}
