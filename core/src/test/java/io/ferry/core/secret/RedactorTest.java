package io.ferry.core.secret;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class RedactorTest {
  private final Redactor redactor = new Redactor();

  @Test
  void registeredValuesAreMaskedAnywhere() {
    redactor.register("hunter2-xyz");
    assertEquals("login failed for pw *****!", redactor.redact("login failed for pw hunter2-xyz!"));
  }

  @Test
  void credentialShapesAreMaskedEvenWhenUnknown() {
    assertEquals(
        "jdbc:postgresql://h/db?user=a&password=*****&ssl=true",
        redactor.redact("jdbc:postgresql://h/db?user=a&password=topsecret&ssl=true"));
    assertEquals("s3a://AKIA:*****@bucket/x", redactor.redact("s3a://AKIA:wJalrXUtnFEMI@bucket/x"));
    assertEquals("fs.s3a.secret.key=*****", redactor.redact("fs.s3a.secret.key=abc123def"));
  }

  @Test
  void secretToStringNeverShowsTheValueAndRevealRegistersIt() {
    Secret s = Secret.lazy("env X", () -> "resolved-value-1");
    assertEquals("*****", s.toString());
    assertEquals("resolved-value-1", s.reveal());
    assertFalse(Redactor.global().redact("x resolved-value-1").contains("resolved-value-1"));
  }

  @Test
  void describeWalksTheCauseChainAndMasks() {
    redactor.register("pa55word!");
    Exception e = new RuntimeException("load failed", new SQLException("bad password pa55word!"));
    assertEquals("load failed\n  caused by: bad password *****", redactor.describe(e));
  }

  @Test
  void aCommonWordPasswordIsMaskedOnlyWhereItStandsAlone() {
    redactor.register("postgres");
    assertEquals(
        "connection to jdbc:postgresql://db:5432/app refused for user *****",
        redactor.redact("connection to jdbc:postgresql://db:5432/app refused for user postgres"));
    assertEquals("'postgresql' 'postgres_fdw'", redactor.redact("'postgresql' 'postgres_fdw'"));
  }

  @Test
  void aShortPasswordNeverGarblesWords() {
    redactor.register("abc");
    redactor.register("pw");
    assertEquals(
        "abcdef is fine, pw is too short to register, but password=***** is a credential shape",
        redactor.redact(
            "abcdef is fine, pw is too short to register, but password=pw is a credential shape"));
    assertEquals("token *****.", redactor.redact("token abc."));
  }

  @Test
  void proseAboutAPasswordSettingStaysReadable() {
    String message =
        "connections.warehouse.password: environment variable WAREHOUSE_PASSWORD is not set";
    assertEquals(message, redactor.redact(message));
  }

  @Test
  void jsonCredentialFieldsAreMasked() {
    assertEquals(
        "{\"user\": \"app\", \"password\": \"*****\"}",
        redactor.redact("{\"user\": \"app\", \"password\": \"s3cr\\\"et\"}"));
  }
}
