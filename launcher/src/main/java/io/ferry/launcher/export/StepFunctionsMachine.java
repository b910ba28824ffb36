package io.ferry.launcher.export;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code --to step-functions} and {@code --to step-functions-serverless}: an Amazon States Language
 * state machine.
 *
 * <p>The cluster machine: create a cluster that waits ({@code createCluster.sync}, no steps), add
 * the Ferry step and wait for it ({@code addStep.sync}, retried), terminate the cluster ({@code
 * terminateCluster.sync}). Step Functions does not terminate a cluster when a later state fails, so
 * the step's {@code Catch} on {@code States.ALL} leads to a terminate state before the machine
 * fails. The run id is the execution's name: retries and redrives of one execution keep it, so a
 * load commits once.
 */
final class StepFunctionsMachine {
  static final String CREATE_CLUSTER = "arn:aws:states:::elasticmapreduce:createCluster.sync";
  static final String ADD_STEP = "arn:aws:states:::elasticmapreduce:addStep.sync";
  static final String TERMINATE_CLUSTER = "arn:aws:states:::elasticmapreduce:terminateCluster.sync";
  static final String START_JOB_RUN = "arn:aws:states:::emr-serverless:startJobRun.sync";

  private static final String CREATE = "Create cluster";
  private static final String RUN = "Run Ferry job";
  private static final String TERMINATE = "Terminate cluster";
  private static final String TERMINATE_AFTER_FAILURE = "Terminate cluster after failure";
  private static final String FAILED = "Job failed";
  private static final String CLUSTER_ID = "$.cluster.ClusterId";

  private StepFunctionsMachine() {}

  static ObjectNode cluster(ExportJob job) {
    ObjectNode machine = machine(job, CREATE);
    ObjectNode states = machine.putObject("States");

    ObjectNode create = task(states, CREATE, CREATE_CLUSTER);
    create.set("Parameters", EmrCluster.runJobFlow(job.jobName(), job.deploy()));
    create.put("ResultPath", "$.cluster");
    catchAll(create, FAILED);
    create.put("Next", RUN);

    ObjectNode run = task(states, RUN, ADD_STEP);
    ObjectNode parameters = run.putObject("Parameters");
    parameters.put("ClusterId.$", CLUSTER_ID);
    ObjectNode step = EmrCluster.step(job.jobName(), job.ferry(), "");
    ObjectNode jarStep = (ObjectNode) step.get("HadoopJarStep");
    jarStep.remove("Args");
    jarStep.put("Args.$", statesArray(job.ferry().stepArguments(RunId.STEP_FUNCTIONS.text())));
    parameters.set("Step", step);
    run.put("TimeoutSeconds", job.deploy().timeout().toSeconds());
    run.put("ResultPath", "$.step");
    retry(run, job.deploy().retries());
    catchAll(run, TERMINATE_AFTER_FAILURE);
    run.put("Next", TERMINATE);

    terminate(states, TERMINATE).put("End", true);
    terminate(states, TERMINATE_AFTER_FAILURE).put("Next", FAILED);
    fail(states);
    return machine;
  }

  static ObjectNode serverless(ExportJob job) {
    ObjectNode machine = machine(job, RUN);
    ObjectNode states = machine.putObject("States");
    ObjectNode run = task(states, RUN, START_JOB_RUN);
    ObjectNode parameters = run.putObject("Parameters");
    parameters.put("ApplicationId", job.deploy().applicationId().orElseThrow());
    parameters.put("ExecutionRoleArn", job.deploy().executionRoleArn().orElseThrow());
    parameters.put("Name", job.name());
    ObjectNode sparkSubmit = parameters.putObject("JobDriver").putObject("SparkSubmit");
    sparkSubmit.put("EntryPoint", job.ferry().jar());
    sparkSubmit.put(
        "EntryPointArguments.$",
        statesArray(job.ferry().ferryArguments(RunId.STEP_FUNCTIONS.text())));
    sparkSubmit.put(
        "SparkSubmitParameters", EmrServerlessRequest.sparkSubmitParameters(job.ferry()));
    parameters
        .putObject("ConfigurationOverrides")
        .putObject("MonitoringConfiguration")
        .putObject("S3MonitoringConfiguration")
        .put("LogUri", job.deploy().logUri().orElseThrow());
    parameters.put("ExecutionTimeoutMinutes", job.deploy().timeout().toMinutes());
    run.put("TimeoutSeconds", job.deploy().timeout().toSeconds() + 600);
    retry(run, job.deploy().retries());
    run.put("End", true);
    return machine;
  }

  private static ObjectNode machine(ExportJob job, String startAt) {
    ObjectNode machine = Json.object();
    machine.put(
        "Comment",
        "Ferry job '"
            + job.jobName()
            + "', exported by ferry export. The execution name is the run id: start executions"
            + " with names of letters, digits, '-' and '_'.");
    machine.put("StartAt", startAt);
    return machine;
  }

  private static ObjectNode task(ObjectNode states, String name, String resource) {
    ObjectNode task = states.putObject(name);
    task.put("Type", "Task");
    task.put("Resource", resource);
    return task;
  }

  private static ObjectNode terminate(ObjectNode states, String name) {
    ObjectNode task = task(states, name, TERMINATE_CLUSTER);
    task.putObject("Parameters").put("ClusterId.$", CLUSTER_ID);
    task.putNull("ResultPath");
    ObjectNode retry = task.putArray("Retry").addObject();
    retry.set("ErrorEquals", Json.array(List.of("States.ALL")));
    retry.put("IntervalSeconds", 30);
    retry.put("MaxAttempts", 3);
    retry.put("BackoffRate", 2.0);
    return task;
  }

  private static void fail(ObjectNode states) {
    ObjectNode fail = states.putObject(FAILED);
    fail.put("Type", "Fail");
    fail.put("Error", "FerryJobFailed");
    fail.put(
        "Cause",
        "The cluster or the Ferry step failed: see this execution's history and the step's log"
            + " under the log URI.");
  }

  private static void retry(ObjectNode task, int attempts) {
    ObjectNode retry = task.putArray("Retry").addObject();
    retry.set("ErrorEquals", Json.array(List.of("States.TaskFailed")));
    retry.put("IntervalSeconds", 60);
    retry.put("MaxAttempts", attempts);
    retry.put("BackoffRate", 2.0);
  }

  private static void catchAll(ObjectNode task, String next) {
    ArrayNode catches = task.putArray("Catch");
    ObjectNode all = catches.addObject();
    all.set("ErrorEquals", Json.array(List.of("States.ALL")));
    all.put("ResultPath", "$.error");
    all.put("Next", next);
  }

  /**
   * {@code States.Array('spark-submit', ..., $$.Execution.Name)}: the arguments as intrinsic
   * function literals, the run id as the context path. In such literals {@code ' { } \} are escaped
   * with a backslash.
   */
  static String statesArray(List<String> args) {
    return args.stream()
        .map(a -> a.equals(RunId.STEP_FUNCTIONS.text()) ? a : "'" + escape(a) + "'")
        .collect(Collectors.joining(", ", "States.Array(", ")"));
  }

  private static String escape(String literal) {
    StringBuilder sb = new StringBuilder();
    for (char c : literal.toCharArray()) {
      if (c == '\'' || c == '{' || c == '}' || c == '\\') {
        sb.append('\\');
      }
      sb.append(c);
    }
    return sb.toString();
  }
}
