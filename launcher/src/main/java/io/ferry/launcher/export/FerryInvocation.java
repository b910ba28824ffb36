package io.ferry.launcher.export;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code spark-submit ... ferry-launcher.jar run JOB --env E --set k=v --run-id ID} that every
 * export starts, as an argument list; each target places the parts where its API wants them.
 *
 * @param jar the app jar's S3 URI
 * @param jobFile the job file's S3 URI
 * @param env what the cluster passes to {@code --env}, if anything
 * @param sets the {@code --set KEY=VALUE} overrides given to {@code ferry export}, in order, less
 *     those of the {@code deploy} block
 * @param sparkConf {@code spark-submit --conf} settings
 */
record FerryInvocation(
    String jar,
    String jobFile,
    Optional<String> env,
    List<String> sets,
    Map<String, String> sparkConf) {
  static final String MAIN_CLASS = "io.ferry.launcher.Ferry";

  /** EMR's limit on the total length of one step's arguments. */
  static final int MAX_STEP_ARGUMENTS = 10_240;

  /** EMR Serverless's limit on a job driver's entry point. */
  static final int MAX_ENTRY_POINT = 4_096;

  FerryInvocation {
    requireNonNull(jar, "jar");
    requireNonNull(jobFile, "jobFile");
    requireNonNull(env, "env");
    sets = List.copyOf(sets);
    sparkConf = Map.copyOf(new java.util.TreeMap<>(sparkConf));
  }

  static FerryInvocation of(DeploySpec deploy, List<String> sets) {
    return new FerryInvocation(
        deploy.jar(), deploy.jobFile(), deploy.env(), sets, deploy.sparkConf());
  }

  /** {@code run JOB [--env E] [--set k=v]... --run-id ID}: the launcher's own arguments. */
  List<String> ferryArguments(String runId) {
    List<String> args = new ArrayList<>(List.of("run", jobFile));
    env.ifPresent(
        e -> {
          args.add("--env");
          args.add(e);
        });
    for (String set : sets) {
      args.add("--set");
      args.add(set);
    }
    args.add("--run-id");
    args.add(runId);
    return args;
  }

  /** {@code --class io.ferry.launcher.Ferry [--conf k=v]...}, sorted by key. */
  List<String> sparkSubmitOptions() {
    List<String> args = new ArrayList<>(List.of("--class", MAIN_CLASS));
    new java.util.TreeMap<>(sparkConf)
        .forEach(
            (k, v) -> {
              args.add("--conf");
              args.add(k + "=" + v);
            });
    return args;
  }

  /** The arguments of a command-runner.jar step: {@code spark-submit OPTIONS JAR FERRY_ARGS}. */
  List<String> stepArguments(String runId) {
    List<String> args = new ArrayList<>(List.of("spark-submit"));
    args.addAll(sparkSubmitOptions());
    args.add(jar);
    args.addAll(ferryArguments(runId));
    return args;
  }

  /** The total length EMR counts for a step whose run id is at most {@code runId.maxLength()}. */
  int stepArgumentsLength(RunId runId) {
    return stepArguments("").stream().mapToInt(String::length).sum() + runId.maxLength();
  }
}
