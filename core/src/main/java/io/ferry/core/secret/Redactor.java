package io.ferry.core.secret;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A safety net that masks secrets in text leaving the process: messages, reports, plans. Ferry
 * keeps secrets out of its messages by construction (a {@link Secret} prints as a mask and is
 * revealed only to drivers); this catches what a driver or library might still echo.
 *
 * <p>It masks every secret value resolved in this JVM where it stands as a whole token, never
 * inside a longer word, so a password {@code postgres} leaves {@code postgresql} readable; and the
 * shapes that carry credentials: {@code password=...} and other key=value pairs, JSON {@code
 * "password": "..."} fields, and {@code user:password@} authorities. A key followed by a colon and
 * a space ({@code password: ...}) is prose, not a credential, and stays as it is.
 */
public final class Redactor {
  public static final String MASK = "*****";
  private static final Redactor GLOBAL = new Redactor();
  private static final int MIN_SECRET_LENGTH = 3;

  private static final String CREDENTIAL_KEY =
      "(?:password|passwd|pwd|secret|secret[-_.]?key|token|access[-_.]?key[-_.]?id"
          + "|session[-_.]?token)";
  private static final Pattern KEY_VALUE =
      Pattern.compile("(?i)(" + CREDENTIAL_KEY + "\\s*=\\s*)([^&;,\\s\"']+)");
  private static final Pattern JSON_FIELD =
      Pattern.compile("(?i)(\"" + CREDENTIAL_KEY + "\"\\s*:\\s*\")((?:[^\"\\\\]|\\\\.)+)(\")");
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
        out = maskWholeTokens(out, value);
      }
    }
    out = KEY_VALUE.matcher(out).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK));
    out =
        JSON_FIELD
            .matcher(out)
            .replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK + m.group(3)));
    out = USER_INFO.matcher(out).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK + "@"));
    return out;
  }

  /**
   * Replaces each occurrence of {@code value} that is not part of a longer word: the characters
   * around it must not continue a word that the value starts or ends.
   */
  private static String maskWholeTokens(String text, String value) {
    StringBuilder out = new StringBuilder(text.length());
    int from = 0;
    int at;
    while ((at = text.indexOf(value, from)) >= 0) {
      int end = at + value.length();
      boolean startsToken = at == 0 || !continuesWord(text.charAt(at - 1), value.charAt(0));
      boolean endsToken =
          end == text.length()
              || !continuesWord(text.charAt(end), value.charAt(value.length() - 1));
      out.append(text, from, at).append(startsToken && endsToken ? MASK : value);
      from = end;
    }
    return out.append(text, from, text.length()).toString();
  }

  private static boolean continuesWord(char neighbour, char edge) {
    return isWordChar(neighbour) && isWordChar(edge);
  }

  private static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_';
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
