package io.ferry.engine.job;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.Test;

class JobRenderingTest {
  @Test
  void secretsAreMaskedAndTheirSourcesShown() {
    String text =
        JobRendering.render(
            ConfigFactory.parseString(
                """
                connections.app { url = "jdbc:postgresql://h/app", password = "pl41n-text" }
                connections.dw { password { secrets-manager = "prod/dw", key = password } }
                lake.s3 { access-key = AKIA1, secret-key = "wJalr-secret" }
                """));
    assertFalse(text.contains("pl41n-text"), text);
    assertFalse(text.contains("wJalr-secret"), text);
    assertTrue(text.contains("prod/dw"), text);
    assertTrue(text.contains("\"*****\""), text);
  }
}
