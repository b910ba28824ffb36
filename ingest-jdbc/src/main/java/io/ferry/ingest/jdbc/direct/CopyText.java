package io.ferry.ingest.jdbc.direct;

import java.util.ArrayList;
import java.util.List;

/**
 * PostgreSQL's COPY text format: one row per line, fields separated by tabs, {@code \N} for NULL,
 * and backslash escapes for backslash, tab, newline, carriage return, backspace, form feed,
 * vertical tab, octal and hex bytes.
 */
final class CopyText {
  static final String NULL = "\\N";

  private CopyText() {}

  /** The raw fields of one line (without its newline), still escaped; {@code null} for NULL. */
  static List<String> fields(String line, int expected) {
    List<String> fields = new ArrayList<>(expected);
    int start = 0;
    for (int i = 0; i <= line.length(); i++) {
      if (i == line.length() || line.charAt(i) == '\t') {
        String raw = line.substring(start, i);
        fields.add(raw.equals(NULL) ? null : unescape(raw));
        start = i + 1;
      }
    }
    if (fields.size() != expected) {
      throw new IllegalStateException(
          "COPY returned a row of " + fields.size() + " fields, expected " + expected);
    }
    return fields;
  }

  /** Resolves backslash escapes. */
  static String unescape(String raw) {
    if (raw.indexOf('\\') < 0) {
      return raw;
    }
    StringBuilder out = new StringBuilder(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c != '\\' || i + 1 == raw.length()) {
        out.append(c);
        continue;
      }
      char next = raw.charAt(++i);
      switch (next) {
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'v' -> out.append('\u000b');
        case 'x' -> {
          int end = i + 1;
          while (end < raw.length() && end < i + 3 && Character.digit(raw.charAt(end), 16) >= 0) {
            end++;
          }
          out.append((char) Integer.parseInt(raw.substring(i + 1, end), 16));
          i = end - 1;
        }
        default -> {
          if (next >= '0' && next <= '7') {
            int end = i;
            while (end < raw.length()
                && end < i + 3
                && raw.charAt(end) >= '0'
                && raw.charAt(end) <= '7') {
              end++;
            }
            out.append((char) Integer.parseInt(raw.substring(i, end), 8));
            i = end - 1;
          } else {
            out.append(next);
          }
        }
      }
    }
    return out.toString();
  }
}
