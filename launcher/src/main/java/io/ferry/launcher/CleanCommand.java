package io.ferry.launcher;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import io.ferry.core.lake.Lake;
import io.ferry.core.option.OptionType;
import io.ferry.core.stage.StageSpec;
import io.ferry.engine.clean.Leftover;
import io.ferry.engine.clean.Leftovers;
import io.ferry.engine.job.JobSpec;
import io.ferry.engine.job.JobValidator;
import io.ferry.engine.stage.StageRegistry;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ferry clean}: lists what killed or failed runs of a job's stages left in the lake
 * (unpublished ingest attempts, uncommitted run folders, staged load files, empty staging folders)
 * and, with {@code --apply}, removes it. A dry run by default; never starts Spark.
 */
@Command(
    name = "clean",
    mixinStandardHelpOptions = true,
    description =
        "List what killed or failed runs of the job's stages left in the lake; remove it with"
            + " --apply. Committed runs, watermarks and reports are never touched.")
final class CleanCommand implements Callable<Integer> {
  @Mixin JobOptions job = new JobOptions();

  @Option(
      names = "--older-than",
      paramLabel = "DURATION",
      description =
          "Only what was last written longer ago than this, e.g. 24h, 90m, 7d (default: the job's"
              + " lake.clean-after, 24h). A shorter age may take the folders of a run still"
              + " writing: use one only when no run of the job is running.")
  String olderThan;

  @Option(names = "--apply", description = "Remove what is listed; without it, only list it.")
  boolean apply;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    JobSpec jobSpec = job.load(StageRegistry.load(), JobValidator.Checks.WITHOUT_SPARK);
    Duration age =
        Optional.ofNullable(olderThan).map(CleanCommand::age).orElse(jobSpec.lake().cleanAfter());
    Configuration hadoop = new Configuration();
    jobSpec.lake().hadoopS3Settings().forEach(hadoop::set);
    Lake lake = new Lake(jobSpec.lake().root(), hadoop);
    Instant cutoff = Instant.now().minus(age);
    PrintWriter out = spec.commandLine().getOut();
    List<Leftover> all = new ArrayList<>();
    for (StageSpec stage : jobSpec.stages()) {
      Leftovers leftovers = new Leftovers(lake, jobSpec.name(), stage.name());
      List<Leftover> found = leftovers.olderThan(cutoff, Optional.empty());
      for (Leftover l : found) {
        out.printf(
            "%s %s  (%s, stage '%s', last written %s)%n",
            apply ? "removing" : "would remove",
            l.path(),
            l.kind().description(),
            stage.name(),
            l.lastModified());
      }
      if (apply) {
        leftovers.remove(found);
        leftovers.removeEmptyStaging();
      }
      all.addAll(found);
    }
    if (all.isEmpty()) {
      out.printf(
          "Nothing to clean: job '%s' left nothing older than %s in %s.%n",
          jobSpec.name(), OptionType.DURATION.render(age), lake);
    } else if (apply) {
      out.printf("Removed %d folders of job '%s'.%n", all.size(), jobSpec.name());
    } else {
      out.printf(
          "%d folders of job '%s' would be removed; run again with --apply to remove them.%n",
          all.size(), jobSpec.name());
    }
    return Ferry.OK;
  }

  /** A duration as HOCON writes one: 24h, 90m, 7d. */
  private static Duration age(String text) {
    try {
      Duration age =
          ConfigFactory.empty()
              .withValue("d", ConfigValueFactory.fromAnyRef(text))
              .getDuration("d");
      if (age.isNegative()) {
        throw new UsageException("--older-than " + text + ": the age cannot be negative");
      }
      return age;
    } catch (ConfigException e) {
      throw new UsageException(
          "--older-than " + text + ": not a duration; write e.g. --older-than 24h, 90m or 7d");
    }
  }
}
