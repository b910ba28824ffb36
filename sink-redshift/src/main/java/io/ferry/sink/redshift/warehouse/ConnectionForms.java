package io.ferry.sink.redshift.warehouse;

import io.ferry.core.connection.ConnectionSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What each form of warehouse connection needs, checked at validation (Redshift JDBC driver 2.x,
 * https://docs.aws.amazon.com/redshift/latest/mgmt/jdbc20-configuration-options.html):
 *
 * <ul>
 *   <li>{@code jdbc:redshift://}: a user and a password (or an identity provider's {@code
 *       plugin_name});
 *   <li>{@code jdbc:redshift:iam://} to a provisioned cluster: no password (the driver calls {@code
 *       GetClusterCredentials} with the AWS SDK's default credentials), and {@code DbUser}, the
 *       database user to log in as, unless {@code groupFederation = true} (then {@code
 *       GetClusterCredentialsWithIAM} maps the IAM identity itself)
 *       (https://docs.aws.amazon.com/redshift/latest/mgmt/jdbc-and-odbc-options-for-database-credentials.html);
 *   <li>{@code jdbc:redshift:iam://} to a Serverless workgroup (a {@code
 *       *.redshift-serverless.amazonaws.com} host, or {@code isServerless = true} with {@code
 *       serverlessWorkGroup}): no password and no {@code DbUser}; the driver gets credentials for
 *       the IAM identity from the workgroup.
 * </ul>
 *
 * Driver options may sit in the URL ({@code ?DbUser=etl} or {@code ;DbUser=etl}) or under the
 * connection's {@code properties}, in any case.
 */
public final class ConnectionForms {
  private static final Pattern URL_OPTION = Pattern.compile("[?;&]([A-Za-z_]+)=([^;&]*)");

  private ConnectionForms() {}

  /**
   * Problems with a connection a stage loads into or unloads from, each a sentence: a URL that
   * reaches no warehouse, or what the URL's form lacks.
   */
  public static List<String> warehouseProblems(ConnectionSpec connection) {
    if (Warehouse.nameOf(connection.url()).isEmpty()) {
      return List.of(
          "connection '"
              + connection.name()
              + "' has a '"
              + connection.subprotocol()
              + "' URL; a warehouse is reached through jdbc:redshift://, jdbc:redshift:iam:// or"
              + " jdbc:postgresql://");
    }
    return problems(connection);
  }

  /** Problems with the connection for the warehouse it reaches, each a sentence. */
  static List<String> problems(ConnectionSpec connection) {
    List<String> problems = new ArrayList<>();
    String url = connection.url();
    String name = "connection '" + connection.name() + "'";
    if (url.startsWith("jdbc:redshift:iam:")) {
      if (connection.password().isPresent()) {
        problems.add(
            name
                + " uses IAM authentication (jdbc:redshift:iam://), which takes no password; remove"
                + " its password (the driver gets temporary credentials from AWS)");
      }
      boolean serverless = isServerless(connection);
      if (serverless
          && !url.toLowerCase(Locale.ROOT).contains(".redshift-serverless.")
          && option(connection, "serverlessWorkGroup").isEmpty()) {
        problems.add(
            name
                + " sets isServerless = true on a host that names no workgroup; set"
                + " serverlessWorkGroup to the workgroup's name");
      }
      if (!serverless
          && option(connection, "DbUser").isEmpty()
          && !"true".equalsIgnoreCase(option(connection, "groupFederation").orElse(""))) {
        problems.add(
            name
                + " logs in to a provisioned cluster with IAM (GetClusterCredentials), which needs"
                + " DbUser, the database user to log in as (in the URL, ?DbUser=etl, or under"
                + " properties); or set groupFederation = true");
      }
      return problems;
    }
    if (!url.startsWith("jdbc:redshift:")) {
      return problems;
    }
    boolean plugin = option(connection, "plugin_name").isPresent();
    if (connection.user().isEmpty() && option(connection, "user").isEmpty() && !plugin) {
      problems.add(name + " needs a user (or a jdbc:redshift:iam:// URL for IAM authentication)");
    }
    if (connection.password().isEmpty() && !plugin) {
      problems.add(
          name
              + " needs a password (from an environment variable or Secrets Manager), or a"
              + " jdbc:redshift:iam:// URL for IAM authentication");
    }
    return problems;
  }

  /**
   * Whether the connection reaches a Redshift Serverless workgroup: its host is a workgroup
   * endpoint, or {@code isServerless = true}.
   */
  public static boolean isServerless(ConnectionSpec connection) {
    return connection.url().toLowerCase(Locale.ROOT).contains(".redshift-serverless.")
        || "true".equalsIgnoreCase(option(connection, "isServerless").orElse(""));
  }

  /** A driver option from the URL or the connection's properties, ignoring case. */
  static Optional<String> option(ConnectionSpec connection, String key) {
    Matcher m = URL_OPTION.matcher(connection.url());
    while (m.find()) {
      if (m.group(1).equalsIgnoreCase(key)) {
        return Optional.of(m.group(2));
      }
    }
    for (Map.Entry<String, String> p : connection.properties().entrySet()) {
      if (p.getKey().equalsIgnoreCase(key)) {
        return Optional.of(p.getValue());
      }
    }
    return Optional.empty();
  }
}
