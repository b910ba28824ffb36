package io.ferry.core.secret;

import static java.util.Objects.requireNonNull;

import java.util.function.Supplier;

/**
 * A password, key or token. Its {@code toString} never shows the value; {@link #reveal()} resolves
 * it once (from the job, an environment variable or AWS Secrets Manager) and registers the value
 * with the {@link Redactor}, so it is masked wherever it might still surface.
 */
public final class Secret {
  private static final String MASK = "*****";

  private final String source;
  private final Supplier<String> resolver;
  private volatile String value;

  private Secret(String source, Supplier<String> resolver) {
    this.source = requireNonNull(source, "source");
    this.resolver = requireNonNull(resolver, "resolver");
  }

  /** A secret whose value is already known (from the job file, --set or an env variable). */
  public static Secret of(String source, String value) {
    requireNonNull(value, "value");
    Redactor.global().register(value);
    Secret secret = new Secret(source, () -> value);
    secret.value = value;
    return secret;
  }

  /** A secret resolved on first use, e.g. from AWS Secrets Manager. */
  public static Secret lazy(String source, Supplier<String> resolver) {
    return new Secret(source, resolver);
  }

  /** Where the value comes from, safe to show: {@code env APP_DB_PASSWORD}, a secret id. */
  public String source() {
    return source;
  }

  /** The value. Only pass it to a driver or client; never log, print or put it in a message. */
  public String reveal() {
    String v = value;
    if (v == null) {
      synchronized (this) {
        if (value == null) {
          String resolved = requireNonNull(resolver.get(), () -> "secret " + source + " is empty");
          Redactor.global().register(resolved);
          value = resolved;
        }
        v = value;
      }
    }
    return v;
  }

  @Override
  public String toString() {
    return MASK;
  }
}
