package io.ferry.launcher.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each target's export of src/test/resources/export/jobs/orders.conf with env prod equals its
 * golden file. After a deliberate change, rewrite the goldens with {@code
 * -Dferry.export.update-golden=true} and review the diff.
 */
class ExportGoldenTest {
  static final Path GOLDEN = Path.of("src/test/resources/export/golden");

  static String golden(String target) throws IOException {
    return Files.readString(GOLDEN.resolve(fileName(target)));
  }

  static String fileName(String target) {
    return target + (target.startsWith("airflow") ? ".py" : ".json");
  }

  @ParameterizedTest
  @CsvSource({
    "airflow",
    "airflow-serverless",
    "step-functions",
    "step-functions-serverless",
    "emr-serverless",
    "emr-step",
    "data-pipeline"
  })
  void exportEqualsItsGoldenFileAndHoldsNoSecret(String target) throws IOException {
    ExportRun run = ExportRun.golden(target);
    assertEquals(0, run.exitCode(), run.err());
    if (Boolean.getBoolean("ferry.export.update-golden")) {
      Files.createDirectories(GOLDEN);
      Files.writeString(GOLDEN.resolve(fileName(target)), run.out());
    }
    assertEquals(golden(target), run.out());
    assertFalse(run.out().contains("Inline-Secret-4711"), "the warehouse password leaked");
    assertFalse(run.err().contains("Inline-Secret-4711"), "the warehouse password leaked");
    assertEquals(
        target.equals("data-pipeline") ? DataPipelineDefinition.NOTE + "\n" : "",
        run.err()
            .lines()
            .filter(l -> l.startsWith("Note:"))
            .map(l -> l + "\n")
            .findFirst()
            .orElse(""));
  }
}
