package io.ferry.transform.lake;

import io.ferry.core.lake.Lake;
import io.ferry.core.stage.PreflightContext;
import io.ferry.core.stage.StageSpec;
import java.util.Optional;
import org.apache.hadoop.fs.Path;

/**
 * {@code ferry check} for a {@code lake-read} stage: the path, or a committed run of the raw stage,
 * must exist, unless an earlier stage of the same job writes it (a {@code lake-write}, or the
 * ingest stage it names), since that only happens during the run.
 */
final class LakeReadReadiness {
  private LakeReadReadiness() {}

  static void check(
      Optional<String> path,
      Optional<String> rawStage,
      Optional<String> rawJob,
      Optional<String> runId,
      PreflightContext context) {
    Lake lake = context.lake();
    if (path.isPresent()) {
      boolean writtenEarlier =
          context.earlierStages().stream().anyMatch(s -> s.type().equals("lake-write"));
      Path location = LakePaths.resolve(lake, path.get());
      if (!writtenEarlier && !lake.exists(location)) {
        context
            .problems()
            .add(
                "path",
                "nothing at "
                    + location
                    + "; write the path from lake.root or as a full URI, or run what writes it"
                    + " first");
      }
      return;
    }
    String job = rawJob.orElse(context.job());
    String stage = rawStage.orElseThrow();
    boolean ingestedEarlier =
        job.equals(context.job())
            && context.earlierStages().stream().map(StageSpec::name).anyMatch(stage::equals);
    if (ingestedEarlier) {
      return;
    }
    if (runId.isPresent()) {
      Path folder = lake.rawRun(job, stage, runId.get());
      if (!lake.isCommitted(folder)) {
        context
            .problems()
            .add("run-id", LakeReadStage.notCommitted(runId.get(), job, stage, folder));
      }
    } else if (lake.latestCommittedRun(job, stage).isEmpty()) {
      context
          .problems()
          .add(
              "raw-stage",
              "no committed raw run under "
                  + lake.raw(job, stage)
                  + "; run the job that ingests '"
                  + stage
                  + "' first");
    }
  }
}
