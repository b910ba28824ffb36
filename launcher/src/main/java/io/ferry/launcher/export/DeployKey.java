package io.ferry.launcher.export;

import static java.util.Objects.requireNonNull;

/**
 * One key of the {@code deploy { ... }} block, declared once in {@link DeploySpec#KEYS}: the
 * reader, the "missing" messages, {@code ferry export --help} and docs/deploy.md all come from it.
 *
 * @param name the key under {@code deploy}, e.g. {@code release-label}
 * @param kind what value it takes
 * @param description what it is, in the user's words, ending with its default if it has one
 */
record DeployKey(String name, Kind kind, String description) {
  /** The value types a deploy key can take. */
  enum Kind {
    TEXT("string"),
    S3_URI("s3:// URI"),
    COUNT("integer"),
    DURATION("duration"),
    DATE("date (YYYY-MM-DD)"),
    TEXT_MAP("object of strings");

    private final String shown;

    Kind(String shown) {
      this.shown = shown;
    }

    /** How the type reads in messages and docs. */
    String shown() {
      return shown;
    }
  }

  DeployKey {
    requireNonNull(name, "name");
    requireNonNull(kind, "kind");
    requireNonNull(description, "description");
  }

  /** The key's path in the job, e.g. {@code deploy.release-label}. */
  String path() {
    return "deploy." + name;
  }
}
