package io.ferry.core.sql;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A SQL identifier from config (schema, table, column), checked and always quoted, so a config
 * value can never become SQL. Names are written as in the database's catalog: {@code
 * warehouse.orders} names schema {@code warehouse}, table {@code orders}; a part in double quotes
 * keeps dots and case: {@code "My Schema"."Order.Lines"}.
 */
public record SqlIdentifier(List<String> parts) {
  private static final int MAX_PART_LENGTH = 127;

  public SqlIdentifier {
    parts = List.copyOf(parts);
    if (parts.isEmpty() || parts.size() > 3) {
      throw new IllegalArgumentException("an identifier has 1 to 3 parts, found " + parts.size());
    }
    for (String p : parts) {
      requireNonNull(p, "part");
      if (p.isEmpty() || p.length() > MAX_PART_LENGTH) {
        throw new IllegalArgumentException(
            "identifier part '" + p + "' must be 1 to " + MAX_PART_LENGTH + " characters");
      }
      if (p.indexOf('\0') >= 0) {
        throw new IllegalArgumentException("identifier part contains a NUL character");
      }
    }
  }

  /**
   * Parses a possibly qualified name. Unquoted parts are folded to lower case, as PostgreSQL and
   * Redshift do; quoted parts keep their case.
   *
   * @throws IllegalArgumentException with a message suitable for a config problem
   */
  public static SqlIdentifier parse(String text) {
    requireNonNull(text, "text");
    List<String> parts = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean quoted = false;
    boolean wasQuoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
            current.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          current.append(c);
        }
      } else if (c == '"') {
        if (current.length() > 0) {
          throw invalid(text, "a quote may only start a part");
        }
        quoted = true;
        wasQuoted = true;
      } else if (c == '.') {
        parts.add(finish(text, current, wasQuoted));
        current.setLength(0);
        wasQuoted = false;
      } else {
        if (wasQuoted) {
          throw invalid(text, "text after a closing quote");
        }
        if (!(Character.isLetterOrDigit(c) || c == '_' || c == '$')) {
          throw invalid(
              text,
              "'" + c + "' is not allowed unquoted; use letters, digits and '_', or quote it");
        }
        current.append(c);
      }
    }
    if (quoted) {
      throw invalid(text, "unclosed quote");
    }
    parts.add(finish(text, current, wasQuoted));
    for (String part : parts) {
      Optional<String> why = lookAlike(part);
      if (why.isPresent()) {
        throw invalid(text, why.get());
      }
    }
    try {
      return new SqlIdentifier(parts);
    } catch (IllegalArgumentException e) {
      throw invalid(text, e.getMessage());
    }
  }

  private static String finish(String text, StringBuilder part, boolean wasQuoted) {
    if (part.length() == 0) {
      throw invalid(text, "empty part");
    }
    String p = part.toString();
    if (!wasQuoted && Character.isDigit(p.charAt(0))) {
      throw invalid(text, "an unquoted part cannot start with a digit");
    }
    return wasQuoted ? p : p.toLowerCase(Locale.ROOT);
  }

  /**
   * Why a part could pass for another name, quoted or not: an invisible formatting character (a
   * zero-width space, a direction override), or letters of scripts that do not go together, such as
   * a Cyrillic {@code о} among Latin letters ({@code оrders} is not {@code orders}). Scripts go
   * together as Unicode's "highly restrictive" level allows (UTS #39, section 5.2): one script, or
   * Latin with Han, Hiragana and Katakana, with Han and Bopomofo, or with Han and Hangul.
   */
  static Optional<String> lookAlike(String part) {
    Set<Character.UnicodeScript> scripts = EnumSet.noneOf(Character.UnicodeScript.class);
    Map<Character.UnicodeScript, Integer> example = new EnumMap<>(Character.UnicodeScript.class);
    for (int i = 0; i < part.length(); ) {
      int cp = part.codePointAt(i);
      if (Character.getType(cp) == Character.FORMAT || Character.isISOControl(cp)) {
        return Optional.of(
            "part '"
                + part.replaceAll("\\p{Cf}|\\p{Cc}", "?")
                + "' holds the invisible character "
                + codePoint(cp)
                + "; remove it");
      }
      Character.UnicodeScript script = Character.UnicodeScript.of(cp);
      if (script != Character.UnicodeScript.COMMON
          && script != Character.UnicodeScript.INHERITED
          && script != Character.UnicodeScript.UNKNOWN) {
        scripts.add(script);
        example.putIfAbsent(script, cp);
      }
      i += Character.charCount(cp);
    }
    if (scripts.size() <= 1 || ALLOWED_MIXES.stream().anyMatch(m -> m.containsAll(scripts))) {
      return Optional.empty();
    }
    Character.UnicodeScript minority =
        scripts.stream().filter(s -> s != Character.UnicodeScript.LATIN).findFirst().orElseThrow();
    return Optional.of(
        "part '"
            + part
            + "' mixes letters of "
            + scripts.stream().map(SqlIdentifier::scriptName).sorted().toList()
            + " ("
            + codePoint(example.get(minority))
            + "), so it can pass for another name; write it in one script");
  }

  private static final List<Set<Character.UnicodeScript>> ALLOWED_MIXES =
      List.of(
          EnumSet.of(
              Character.UnicodeScript.LATIN,
              Character.UnicodeScript.HAN,
              Character.UnicodeScript.HIRAGANA,
              Character.UnicodeScript.KATAKANA),
          EnumSet.of(
              Character.UnicodeScript.LATIN,
              Character.UnicodeScript.HAN,
              Character.UnicodeScript.BOPOMOFO),
          EnumSet.of(
              Character.UnicodeScript.LATIN,
              Character.UnicodeScript.HAN,
              Character.UnicodeScript.HANGUL));

  private static String scriptName(Character.UnicodeScript script) {
    String name = script.name().toLowerCase(Locale.ROOT);
    return Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }

  /** {@code 'о' U+043E CYRILLIC SMALL LETTER O}; invisible characters without the glyph. */
  private static String codePoint(int cp) {
    String hex = String.format(Locale.ROOT, "U+%04X", cp);
    String name = Character.getName(cp);
    boolean visible = Character.getType(cp) != Character.FORMAT && !Character.isISOControl(cp);
    return (visible ? "'" + Character.toString(cp) + "' " : "")
        + hex
        + (name == null ? "" : " " + name);
  }

  private static IllegalArgumentException invalid(String text, String why) {
    return new IllegalArgumentException("'" + text + "' is not a valid SQL name: " + why);
  }

  public static SqlIdentifier of(String... parts) {
    return new SqlIdentifier(List.of(parts));
  }

  /** The last part: the table or column name. */
  public String name() {
    return parts.get(parts.size() - 1);
  }

  /** The schema, for a qualified table name. */
  public Optional<String> schema() {
    return parts.size() >= 2 ? Optional.of(parts.get(parts.size() - 2)) : Optional.empty();
  }

  /** Quoted with double quotes (ANSI: PostgreSQL, Redshift, most databases). */
  public String quoted() {
    return quoted('"');
  }

  /** Quoted with backticks (MySQL, MariaDB, Spark SQL). */
  public String backticked() {
    return quoted('`');
  }

  private String quoted(char quote) {
    StringBuilder sb = new StringBuilder();
    for (String p : parts) {
      if (sb.length() > 0) {
        sb.append('.');
      }
      sb.append(quote).append(p.replace(String.valueOf(quote), "" + quote + quote)).append(quote);
    }
    return sb.toString();
  }

  /**
   * Identifiers as a comma-separated SQL list, each written by {@code quote}: {@code "a", "b"} with
   * {@link #quoted()}, or a dialect's own quoting. The one way Ferry writes column lists.
   */
  public static String list(
      Collection<SqlIdentifier> identifiers, Function<SqlIdentifier, String> quote) {
    return identifiers.stream().map(quote).collect(Collectors.joining(", "));
  }

  /** A SQL string literal, quotes doubled. For values such as run ids, never for identifiers. */
  public static String literal(String value) {
    if (value.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("a SQL literal cannot hold a NUL character");
    }
    return "'" + value.replace("'", "''") + "'";
  }

  @Override
  public String toString() {
    return String.join(".", parts);
  }
}
