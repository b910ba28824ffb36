package io.ferry.engine.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.core.lake.Lake;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeftoversTest {
  private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
  private static final Instant OLD = NOW.minus(Duration.ofHours(30));
  private static final Instant FRESH = NOW.minus(Duration.ofMinutes(5));
  private static final String UUID = "0f8fad5b-d9cb-469f-a165-70867728950e";

  @TempDir Path root;

  private Lake lake() {
    return new Lake(root.toUri().toString(), new Configuration());
  }

  private Path file(String relative, Instant modified) throws IOException {
    Path file = root.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, "x");
    Files.setLastModifiedTime(file, FileTime.from(modified));
    return file;
  }

  private List<String> found(Instant cutoff, Optional<String> except) {
    return new Leftovers(lake(), "j", "s")
        .olderThan(cutoff, except).stream()
            .map(
                l ->
                    l.kind()
                        + " "
                        + root.toUri().relativize(new java.io.File(l.path().toUri()).toURI()))
            .sorted()
            .toList();
  }

  @Test
  void onlyFoldersNoRunWillFinishAndOlderThanTheCutoffAreLeftovers() throws IOException {
    file("raw/j/s/run=r1/part-0.parquet", OLD);
    file("raw/j/s/run=r1/_SUCCESS", OLD);
    file("raw/j/s/run=r2/part-0.parquet", OLD);
    file("raw/j/s/_attempt-run=r3-" + UUID + "/part-0.parquet", OLD);
    file("raw/j/s/_attempt-run=r4-" + UUID + "/part-0.parquet", FRESH);
    file("raw/j/s/_attempt-run=r5-" + UUID + "/part-0.parquet", OLD);
    file("_staging/j/s/r6/part-0.csv", OLD);
    file("_staging/j/s/r7/part-0.csv", FRESH);
    file("raw/j/other/_attempt-run=r8-" + UUID + "/part-0.parquet", OLD);
    file("_state/j/s.json", OLD);
    file("_runs/j/r2/report.json", OLD);

    assertEquals(
        List.of(
            "ATTEMPT raw/j/s/_attempt-run=r3-" + UUID + "/",
            "STAGED _staging/j/s/r6/",
            "UNCOMMITTED_RUN raw/j/s/run=r2/"),
        found(NOW.minus(Duration.ofHours(24)), Optional.of("r5")),
        "committed runs, fresh folders, the asking run's, other stages' and state are kept");
  }

  @Test
  void removingThemLeavesCommittedRunsAndAnEmptyStagingFolderGoesToo() throws IOException {
    file("raw/j/s/run=r1/_SUCCESS", OLD);
    file("raw/j/s/_attempt-run=r3-" + UUID + "/part-0.parquet", OLD);
    file("_staging/j/s/r6/part-0.csv", OLD);
    Leftovers leftovers = new Leftovers(lake(), "j", "s");

    leftovers.remove(leftovers.olderThan(NOW, Optional.empty()));

    assertTrue(Files.exists(root.resolve("raw/j/s/run=r1/_SUCCESS")));
    assertFalse(Files.exists(root.resolve("raw/j/s/_attempt-run=r3-" + UUID)));
    assertFalse(Files.exists(root.resolve("_staging/j/s/r6")));
    assertTrue(leftovers.removeEmptyStaging(), "the staged run folder's parent is left empty");
    assertFalse(Files.exists(root.resolve("_staging/j/s")));
    assertFalse(leftovers.removeEmptyStaging());
    assertEquals(List.of(), found(NOW, Optional.empty()));
  }

  @Test
  void aStageThatNeverRanHasNoLeftovers() {
    assertEquals(List.of(), found(NOW, Optional.empty()));
  }
}
