package io.ferry.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ferry.engine.stage.StageRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/stages.md is generated from the stages' declarations and must match them. */
class StagesDocTest {
  @Test
  void docsStagesMdMatchesTheDeclaredOptions() throws Exception {
    Path root = Path.of(System.getProperty("ferry.project.root", ".."));
    Path doc = root.resolve("docs/stages.md");
    String generated = StageCatalog.markdown(StageRegistry.load());
    assertEquals(
        generated,
        Files.exists(doc) ? Files.readString(doc) : "",
        "docs/stages.md is out of date: run 'bin/ferry stages --markdown > docs/stages.md'");
  }
}
