package io.ferry.launcher.export;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/deploy.md lists the deploy keys exactly as DeploySpec declares them. */
class DeployDocTest {
  @Test
  void deployDocListsTheDeclaredKeys() throws IOException {
    String doc = Files.readString(Path.of("../docs/deploy.md"));
    String table = DeploySpec.markdownTable();
    assertTrue(
        doc.contains(table),
        "docs/deploy.md's deploy key table is out of date; replace it with:\n" + table);
    for (ExportTarget target : ExportTarget.values()) {
      assertTrue(doc.contains("| `" + target.id() + "` |"), "no row for --to " + target.id());
    }
  }
}
