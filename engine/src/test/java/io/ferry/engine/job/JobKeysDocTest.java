package io.ferry.engine.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/jobs.md's key reference is generated from {@link JobKeys} and must match it. */
class JobKeysDocTest {
  static final String START =
      "<!-- generated from JobKeys (engine); JobKeysDocTest fails when it drifts -->\n";
  static final String END = "<!-- end of generated key reference -->\n";

  @Test
  void docsJobsMdKeyReferenceMatchesTheDeclaredKeys() throws Exception {
    Path doc = Path.of(System.getProperty("ferry.project.root", "..")).resolve("docs/jobs.md");
    String text = Files.readString(doc);
    int start = text.indexOf(START);
    int end = text.indexOf(END);
    assertTrue(start >= 0 && end > start, "docs/jobs.md lacks the generated key reference markers");
    assertEquals(
        JobKeys.markdown(),
        text.substring(start + START.length(), end),
        "docs/jobs.md's key reference is out of date: put JobKeys.markdown() between the markers");
  }

  @Test
  void everyBlockTheValidatorChecksIsDeclared() {
    assertEquals(
        java.util.Set.of(
            "job", "params", "spark", "lake", "state", "connections", "stages", "deploy"),
        JobKeys.TOP.names());
  }
}
