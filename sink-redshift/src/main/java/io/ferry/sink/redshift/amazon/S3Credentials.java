package io.ferry.sink.redshift.amazon;

import static java.util.Objects.requireNonNull;

import io.ferry.core.secret.Redactor;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/**
 * The authorization clause of a COPY or UNLOAD: {@code IAM_ROLE '<arn>'}, or keys from the AWS
 * SDK's provider chain. Key values are registered with the {@link Redactor} the moment they are
 * resolved and only ever appear in the SQL sent to the driver; {@link #display()} masks them.
 */
public final class S3Credentials {
  private static final String MASK = "'" + Redactor.MASK + "'";
  private final Optional<String> iamRole;
  private final String accessKeyId;
  private final String secretAccessKey;
  private final Optional<String> sessionToken;

  private S3Credentials(
      Optional<String> iamRole,
      String accessKeyId,
      String secretAccessKey,
      Optional<String> sessionToken) {
    this.iamRole = iamRole;
    this.accessKeyId = accessKeyId;
    this.secretAccessKey = secretAccessKey;
    this.sessionToken = sessionToken;
  }

  public static S3Credentials iamRole(String arn) {
    requireNonNull(arn, "arn");
    return new S3Credentials(Optional.of(arn), null, null, Optional.empty());
  }

  /** Keys as resolved; each is registered for masking. */
  public static S3Credentials keys(
      String accessKeyId, String secretAccessKey, Optional<String> sessionToken) {
    requireNonNull(accessKeyId, "accessKeyId");
    requireNonNull(secretAccessKey, "secretAccessKey");
    Redactor.global().register(accessKeyId);
    Redactor.global().register(secretAccessKey);
    sessionToken.ifPresent(Redactor.global()::register);
    return new S3Credentials(Optional.empty(), accessKeyId, secretAccessKey, sessionToken);
  }

  /** Keys not resolved yet, for plans: {@link #display()} masks them as it masks real ones. */
  public static S3Credentials unresolvedKeys() {
    return new S3Credentials(Optional.empty(), "", "", Optional.of(""));
  }

  /** Resolves the SDK's default provider chain now. */
  public static S3Credentials fromProviderChain() {
    try (DefaultCredentialsProvider provider = DefaultCredentialsProvider.builder().build()) {
      AwsCredentials c = provider.resolveCredentials();
      Optional<String> token =
          c instanceof AwsSessionCredentials s ? Optional.of(s.sessionToken()) : Optional.empty();
      return keys(c.accessKeyId(), c.secretAccessKey(), token);
    }
  }

  /** The clause as sent to Redshift. Never log it. */
  public String clause() {
    return render(false);
  }

  /** The clause with keys masked, for plans, logs and messages. */
  public String display() {
    return render(true);
  }

  private String render(boolean masked) {
    if (iamRole.isPresent()) {
      return "IAM_ROLE " + RedshiftLiteral.of(iamRole.get());
    }
    StringBuilder sb =
        new StringBuilder("ACCESS_KEY_ID ")
            .append(masked ? MASK : RedshiftLiteral.of(accessKeyId))
            .append(" SECRET_ACCESS_KEY ")
            .append(masked ? MASK : RedshiftLiteral.of(secretAccessKey));
    sessionToken.ifPresent(
        t -> sb.append(" SESSION_TOKEN ").append(masked ? MASK : RedshiftLiteral.of(t)));
    return sb.toString();
  }

  @Override
  public String toString() {
    return display();
  }
}
