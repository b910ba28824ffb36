package io.ferry.core.connection;

import static java.util.Objects.requireNonNull;

import io.ferry.core.secret.Secret;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * A database connection from {@code connections.<name>}. The URL carries no credentials (validation
 * refuses them); user and password travel as connection properties.
 */
public record ConnectionSpec(
    String name,
    String url,
    Optional<String> user,
    Optional<Secret> password,
    Optional<String> driver,
    Map<String, String> properties) {

  public ConnectionSpec {
    requireNonNull(name, "name");
    requireNonNull(url, "url");
    requireNonNull(user, "user");
    requireNonNull(password, "password");
    requireNonNull(driver, "driver");
    properties = Map.copyOf(properties);
  }

  /**
   * Properties for {@link java.sql.DriverManager#getConnection}: extra properties, user, password.
   */
  public Properties jdbcProperties() {
    Properties p = new Properties();
    p.putAll(properties);
    user.ifPresent(u -> p.setProperty("user", u));
    password.ifPresent(s -> p.setProperty("password", s.reveal()));
    return p;
  }

  /** The host part of the URL, for messages: {@code db.internal:5432}. */
  public String host() {
    int start = url.indexOf("//");
    if (start < 0) {
      return url;
    }
    int end = url.length();
    for (char c : new char[] {'/', '?', ';'}) {
      int i = url.indexOf(c, start + 2);
      if (i >= 0) {
        end = Math.min(end, i);
      }
    }
    return url.substring(start + 2, end);
  }

  /** The database product named in the URL: {@code postgresql}, {@code mysql}, {@code redshift}. */
  public String subprotocol() {
    String[] parts = url.split(":", 3);
    return parts.length > 1 ? parts[1] : "";
  }

  @Override
  public String toString() {
    return "connection '" + name + "' (" + url + ")";
  }
}
