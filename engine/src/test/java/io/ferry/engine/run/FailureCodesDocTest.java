package io.ferry.engine.run;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.core.stage.StandardFailureCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** docs/architecture.md lists every standard failure code with its kind. */
class FailureCodesDocTest {
  @Test
  void everyStandardFailureCodeIsListedWithItsKind() throws Exception {
    String doc =
        Files.readString(
            Path.of(System.getProperty("ferry.project.root", ".."))
                .resolve("docs/architecture.md"));
    for (StandardFailureCode code : StandardFailureCode.values()) {
      String row =
          "| `" + code.name() + "` | " + code.kind().name().toLowerCase(Locale.ROOT) + " |";
      assertTrue(doc.contains(row), "docs/architecture.md lacks the row starting " + row);
    }
  }
}
