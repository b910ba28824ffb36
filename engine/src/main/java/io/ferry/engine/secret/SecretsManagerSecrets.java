package io.ferry.engine.secret;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClientBuilder;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;

/**
 * Resolves secrets from AWS Secrets Manager with the SDK's default credential chain (instance
 * profile on EMR). A secret holding JSON (as RDS and Redshift secrets do) yields the value of
 * {@code key}; a plain string secret yields itself.
 */
public final class SecretsManagerSecrets {
  private static final ObjectMapper JSON = new ObjectMapper();

  private SecretsManagerSecrets() {}

  /**
   * @param region the region, or empty for the SDK's default region chain
   * @param endpoint an endpoint override (VPC endpoints, tests), or empty
   */
  public static Supplier<String> resolver(
      String secretId, Optional<String> key, Optional<String> region, Optional<String> endpoint) {
    return () -> {
      SecretsManagerClientBuilder builder = SecretsManagerClient.builder();
      region.map(Region::of).ifPresent(builder::region);
      endpoint.map(URI::create).ifPresent(builder::endpointOverride);
      String raw;
      try (SecretsManagerClient client = builder.build()) {
        raw =
            client
                .getSecretValue(GetSecretValueRequest.builder().secretId(secretId).build())
                .secretString();
      } catch (RuntimeException e) {
        throw new IllegalStateException(
            "could not read secret '"
                + secretId
                + "' from AWS Secrets Manager: "
                + e.getClass().getSimpleName()
                + ". Check the secret id, the region and that the role may call"
                + " secretsmanager:GetSecretValue.");
      }
      return extract(secretId, raw, key);
    };
  }

  static String extract(String secretId, String raw, Optional<String> key) {
    if (raw == null) {
      throw new IllegalStateException("secret '" + secretId + "' has no string value");
    }
    String trimmed = raw.trim();
    if (!trimmed.startsWith("{")) {
      return raw;
    }
    try {
      JsonNode node = JSON.readTree(trimmed);
      String field = key.orElse("password");
      JsonNode value = node.get(field);
      if (value == null || value.isNull()) {
        throw new IllegalStateException(
            "secret '" + secretId + "' is JSON without a '" + field + "' field; set 'key'");
      }
      return value.asText();
    } catch (IOException e) {
      return raw;
    }
  }
}
