package io.ferry.examples.mask;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ferry.engine.job.InvalidJobException;
import io.ferry.engine.run.RunReport;
import io.ferry.testkit.JobHarness;
import io.ferry.testkit.SparkExtension;
import io.ferry.testkit.TempLake;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(SparkExtension.class)
class MaskColumnsTest {

  private static String job(Path lake, String mask) {
    return """
        job.name = mask
        lake.root = "%s"
        stages = [
          { name = people, type = test-sql, sql = "SELECT * FROM VALUES (1, 'ada@example.com'), (2, NULL) AS t(id, email)" }
          %s
        ]
        """
        .formatted(TempLake.under(lake), mask);
  }

  private static String sha256(String text) throws Exception {
    return HexFormat.of()
        .formatHex(
            MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void masksTheColumnsWithASaltedSha256AndKeepsNulls(SparkSession spark, @TempDir Path lake)
      throws Exception {
    JobHarness.fromHocon(
            job(lake, "{ name = masked, type = mask-columns, columns = [email], salt = s1 }"))
        .runSuccessfully(spark);

    assertEquals(
        List.of(RowFactory.create(1, sha256("s1ada@example.com")), RowFactory.create(2, null)),
        spark.table("masked").orderBy("id").collectAsList());
  }

  @Test
  void aMissingColumnFailsTheStageNamingIt(SparkSession spark, @TempDir Path lake) {
    RunReport report =
        JobHarness.fromHocon(
                job(lake, "{ name = masked2, type = mask-columns, columns = [phone] }"))
            .run(spark);

    assertEquals(
        "mask-columns: the input has no column phone; it has id, email",
        report.stage("masked2").orElseThrow().error().orElseThrow());
  }

  @Test
  void optionsAreValidatedBeforeSpark(@TempDir Path lake) {
    InvalidJobException e =
        assertThrows(
            InvalidJobException.class,
            () ->
                JobHarness.fromHocon(
                        job(
                            lake,
                            "{ name = m, type = mask-columns, columns = [\"e-mail\"], sallt = x }"))
                    .validate());

    List<String> problems =
        e.problems().stream().map(p -> p.path() + ": " + p.message()).sorted().toList();
    assertEquals(
        List.of(
            "stages[1].columns: 'e-mail' is not a valid SQL name: '-' is not allowed unquoted;"
                + " use letters, digits and '_', or quote it",
            "stages[1].sallt: unknown option for stage type 'mask-columns' (did you mean 'salt'?);"
                + " run 'ferry stages mask-columns' to list its options"),
        problems,
        "the stage's own check runs beside the unknown key, so both are reported at once");
  }
}
