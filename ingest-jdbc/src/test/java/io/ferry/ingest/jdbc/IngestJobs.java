package io.ferry.ingest.jdbc;

import io.ferry.engine.run.RunReport;
import io.ferry.engine.run.RunRequest;
import io.ferry.engine.run.StageReport;
import io.ferry.testkit.PostgresDatabase;
import io.ferry.testkit.TempLake;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalDouble;

/** Job text and report helpers shared by the ingest tests. */
final class IngestJobs {
  private IngestJobs() {}

  static String job(Path lake, PostgresDatabase db, String stages) {
    return """
        job.name = ingest_test
        lake.root = "%s"
        %s
        stages = [
        %s
        ]
        """
        .formatted(TempLake.under(lake), db.hoconConnection("src"), stages);
  }

  static RunRequest runId(String id) {
    return new RunRequest(Optional.of(id), OptionalDouble.empty());
  }

  static StageReport stage(RunReport report, String name) {
    return report.stage(name).orElseThrow();
  }

  static Object metric(RunReport report, String stage, String key) {
    return stage(report, stage).metrics().get(key);
  }

  static String error(RunReport report, String stage) {
    return stage(report, stage).error().orElseThrow();
  }

  static String host(PostgresDatabase db) {
    String url = db.jdbcUrl();
    return url.substring("jdbc:postgresql://".length(), url.lastIndexOf('/'));
  }
}
