package io.ferry.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TempLakeTest {

  @Test
  void theFolderItselfIsTheLakeRoot(@TempDir Path tmp) {
    assertEquals("file://" + tmp.toAbsolutePath(), TempLake.under(tmp));
    assertEquals(
        "file://" + tmp.toAbsolutePath() + "/not-yet-there",
        TempLake.under(tmp.resolve("not-yet-there")));
  }
}
