package io.ferry.engine.secret;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.ferry.core.secret.Redactor;
import io.ferry.core.secret.Secret;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Secrets Manager resolver through the real SDK v2 client, against a loopback endpoint that
 * answers GetSecretValue in the service's JSON protocol.
 */
class SecretsManagerSecretsTest {
  private HttpServer server;
  private final List<String> requests = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    System.setProperty("aws.accessKeyId", "AKIATEST");
    System.setProperty("aws.secretAccessKey", "test-secret-key");
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          requests.add(exchange.getRequestHeaders().getFirst("X-Amz-Target") + " " + body);
          byte[] answer;
          int status = 200;
          if (body.contains("\"prod/app-db\"")) {
            answer =
                "{\"Name\":\"prod/app-db\",\"SecretString\":\"{\\\"username\\\":\\\"app\\\",\\\"password\\\":\\\"from-sm-9f2\\\"}\"}"
                    .getBytes(StandardCharsets.UTF_8);
          } else if (body.contains("\"plain\"")) {
            answer =
                "{\"Name\":\"plain\",\"SecretString\":\"just-a-string-77\"}"
                    .getBytes(StandardCharsets.UTF_8);
          } else {
            status = 400;
            answer =
                "{\"__type\":\"ResourceNotFoundException\",\"message\":\"Secrets Manager can't find the specified secret.\"}"
                    .getBytes(StandardCharsets.UTF_8);
          }
          exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
          exchange.sendResponseHeaders(status, answer.length);
          exchange.getResponseBody().write(answer);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
  }

  private Optional<String> endpoint() {
    return Optional.of("http://127.0.0.1:" + server.getAddress().getPort());
  }

  @Test
  void aJsonSecretYieldsItsKeyAndIsRegisteredForRedaction() {
    Secret secret =
        Secret.lazy(
            "AWS Secrets Manager prod/app-db",
            SecretsManagerSecrets.resolver(
                "prod/app-db", Optional.empty(), Optional.of("eu-west-1"), endpoint()));
    assertTrue(requests.isEmpty(), "nothing is fetched before the secret is used");
    assertEquals("from-sm-9f2", secret.reveal());
    assertEquals(1, requests.size());
    assertTrue(requests.get(0).startsWith("secretsmanager.GetSecretValue"), requests.get(0));
    assertFalse(Redactor.global().redact("pw from-sm-9f2").contains("from-sm-9f2"));
  }

  @Test
  void aPlainSecretYieldsItself() {
    assertEquals(
        "just-a-string-77",
        SecretsManagerSecrets.resolver(
                "plain", Optional.empty(), Optional.of("us-east-1"), endpoint())
            .get());
  }

  @Test
  void aMissingSecretFailsWithAnActionableMessage() {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                SecretsManagerSecrets.resolver(
                        "nope", Optional.empty(), Optional.of("us-east-1"), endpoint())
                    .get());
    assertEquals(
        "could not read secret 'nope' from AWS Secrets Manager: ResourceNotFoundException. Check the"
            + " secret id, the region and that the role may call secretsmanager:GetSecretValue.",
        e.getMessage());
  }

  @Test
  void aJsonSecretWithoutTheKeySaysWhichKeyToSet() {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> SecretsManagerSecrets.extract("s", "{\"user\":\"a\"}", Optional.of("pw")));
    assertEquals("secret 's' is JSON without a 'pw' field; set 'key'", e.getMessage());
  }
}
