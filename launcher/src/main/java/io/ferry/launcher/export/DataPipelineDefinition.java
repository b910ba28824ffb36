package io.ferry.launcher.export;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code --to data-pipeline}: a legacy AWS Data Pipeline definition for {@code aws datapipeline
 * put-pipeline-definition --pipeline-definition file://pipeline.json}: a schedule, a transient
 * EmrCluster and an EmrActivity running the Ferry step on it.
 *
 * <p>The S3 locations are pipeline parameters ({@code #{myFerryJar}}, declared under {@code
 * parameters} with their {@code values}), so a pipeline can be pointed at a new jar without editing
 * it. The EmrActivity's step is one comma-separated string: a comma inside an argument is written
 * {@code \,}. AWS Data Pipeline is closed to new customers; {@link #NOTE} says so.
 */
final class DataPipelineDefinition {
  static final String NOTE =
      "Note: AWS Data Pipeline is closed to new customers (since 25 July 2024); existing customers"
          + " can keep using it. New schedules: --to step-functions or --to airflow.";

  private static final Map<String, String> PARAMETER_DESCRIPTIONS =
      Map.of(
          "myFerryJar", "Ferry app jar (deploy.jar)",
          "myFerryJobFile", "Job file (deploy.job-file)",
          "myFerryEnv", "Environment: env file or name (--env, deploy.env-file)",
          "myFerryLogUri", "Log folder (deploy.log-uri)");

  private static final Map<String, String> PERIODS =
      Map.of("@hourly", "1 hour", "@daily", "1 day", "@weekly", "1 week");

  private DataPipelineDefinition() {}

  /** The period for a schedule, or null when Data Pipeline cannot express it. */
  static String schedulePeriod(String schedule) {
    return PERIODS.get(schedule);
  }

  static ObjectNode definition(ExportJob job) {
    DeploySpec deploy = job.deploy();
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("myFerryJar", deploy.jar());
    parameters.put("myFerryJobFile", deploy.jobFile());
    deploy.env().ifPresent(e -> parameters.put("myFerryEnv", e));
    parameters.put("myFerryLogUri", deploy.logUri().orElseThrow());

    ObjectNode definition = Json.object();
    ArrayNode objects = definition.putArray("objects");
    ObjectNode defaults = objects.addObject();
    defaults.put("id", "Default");
    defaults.put("name", "Default");
    defaults.put("scheduleType", "cron");
    defaults.put("failureAndRerunMode", "CASCADE");
    defaults.put("role", deploy.pipelineRole().orElseThrow());
    defaults.put("resourceRole", deploy.instanceProfile().orElseThrow());
    defaults.put("pipelineLogUri", "#{myFerryLogUri}");
    defaults.putObject("schedule").put("ref", "FerrySchedule");

    ObjectNode schedule = objects.addObject();
    schedule.put("id", "FerrySchedule");
    schedule.put("name", "Every " + schedulePeriod(deploy.schedule()));
    schedule.put("type", "Schedule");
    schedule.put("period", schedulePeriod(deploy.schedule()));
    schedule.put("startDateTime", deploy.startDate().orElseThrow() + "T00:00:00");

    ObjectNode cluster = objects.addObject();
    cluster.put("id", "FerryCluster");
    cluster.put("name", job.name());
    cluster.put("type", "EmrCluster");
    cluster.put("releaseLabel", deploy.releaseLabel().orElseThrow());
    cluster.set("applications", Json.array(List.of("spark")));
    cluster.put("masterInstanceType", deploy.masterInstanceType().orElseThrow());
    cluster.put("coreInstanceType", deploy.coreInstanceType().orElseThrow());
    cluster.put("coreInstanceCount", String.valueOf(deploy.coreInstanceCount()));
    deploy.region().ifPresent(r -> cluster.put("region", r));
    deploy.subnetId().ifPresent(s -> cluster.put("subnetId", s));
    cluster.put("terminateAfter", period(deploy.timeout().plusHours(1)));

    ObjectNode activity = objects.addObject();
    activity.put("id", "FerryRun");
    activity.put("name", "ferry run " + job.jobName());
    activity.put("type", "EmrActivity");
    activity.putObject("runsOn").put("ref", "FerryCluster");
    activity.put("step", step(job.ferry(), parameters));
    activity.put("maximumRetries", String.valueOf(deploy.retries()));
    activity.put("attemptTimeout", period(deploy.timeout()));

    ArrayNode declared = definition.putArray("parameters");
    parameters
        .keySet()
        .forEach(
            id ->
                declared
                    .addObject()
                    .put("id", id)
                    .put("type", "String")
                    .put("description", PARAMETER_DESCRIPTIONS.get(id)));
    ObjectNode values = definition.putObject("values");
    parameters.forEach(values::put);
    return definition;
  }

  /**
   * {@code command-runner.jar,spark-submit,...}: each S3 location replaced by its parameter, each
   * comma inside an argument escaped as {@code \,}. The run id is an expression Data Pipeline
   * evaluates before it splits the step, into a value without commas; it is left as written.
   */
  static String step(FerryInvocation ferry, Map<String, String> parameters) {
    Map<String, String> byValue = new LinkedHashMap<>();
    parameters.forEach((id, value) -> byValue.putIfAbsent(value, "#{" + id + "}"));
    byValue.put(RunId.DATA_PIPELINE.text(), RunId.DATA_PIPELINE.text());
    List<String> args = new ArrayList<>(List.of("command-runner.jar"));
    for (String arg : ferry.stepArguments(RunId.DATA_PIPELINE.text())) {
      args.add(byValue.getOrDefault(arg, arg.replace(",", "\\,")));
    }
    return args.stream().collect(Collectors.joining(","));
  }

  /** {@code "6 Hours"} or {@code "90 Minutes"}, as Data Pipeline writes periods. */
  static String period(Duration duration) {
    long minutes = duration.toMinutes();
    return minutes % 60 == 0 ? minutes / 60 + " Hours" : minutes + " Minutes";
  }
}
