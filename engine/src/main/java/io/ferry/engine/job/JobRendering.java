package io.ferry.engine.job;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;
import io.ferry.core.secret.Redactor;
import java.util.regex.Pattern;

/** Renders a resolved job for people ({@code ferry plan}) with every secret masked. */
public final class JobRendering {
  private static final Pattern SECRET_KEY =
      Pattern.compile("(?i).*(password|passwd|secret|token|credential|private[-_]?key).*");

  private JobRendering() {}

  /** The configuration as HOCON, secrets replaced by {@value Redactor#MASK}. */
  public static String render(Config resolved) {
    Config masked = resolved;
    for (var entry : resolved.entrySet()) {
      if (isSecretPath(entry.getKey()) && !isReference(entry.getKey(), entry.getValue())) {
        masked =
            masked.withValue(
                entry.getKey(), ConfigValueFactory.fromAnyRef(Redactor.MASK, "masked"));
      }
    }
    String text =
        masked
            .root()
            .render(ConfigRenderOptions.defaults().setOriginComments(false).setJson(false));
    return Redactor.global().redact(text);
  }

  static boolean isSecretPath(String path) {
    for (String part : path.split("\\.")) {
      if (SECRET_KEY.matcher(part.replace("\"", "")).matches()) {
        return true;
      }
    }
    return false;
  }

  /** Where a password comes from (an env variable name, a secret id) is safe to show. */
  private static boolean isReference(String path, ConfigValue value) {
    return value.valueType() == ConfigValueType.STRING
        && (path.endsWith(".env")
            || path.endsWith(".secrets-manager")
            || path.endsWith(".key")
            || path.endsWith(".region")
            || path.endsWith(".endpoint"));
  }
}
