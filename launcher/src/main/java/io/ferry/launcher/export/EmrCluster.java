package io.ferry.launcher.export;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The EMR API bodies the cluster targets share, in the API's own field names (Amazon EMR API
 * Reference: RunJobFlow, StepConfig): a transient cluster that waits for its step, and the Ferry
 * step.
 */
final class EmrCluster {
  /** A safety net: a cluster left idle this long (a terminate that never ran) ends itself. */
  static final int IDLE_TIMEOUT_SECONDS = 3600;

  private EmrCluster() {}

  /** The name clusters, steps and DAGs of a job get: {@code ferry-<job>}. */
  static String name(String jobName) {
    return "ferry-" + jobName;
  }

  /**
   * A RunJobFlow request for a Spark cluster that stays up with no steps, so that the scheduler
   * adds the Ferry step and terminates the cluster itself.
   */
  static ObjectNode runJobFlow(String jobName, DeploySpec deploy) {
    ObjectNode request = Json.object();
    request.put("Name", name(jobName));
    request.put("ReleaseLabel", deploy.releaseLabel().orElseThrow());
    request.putArray("Applications").addObject().put("Name", "Spark");
    request.put("ServiceRole", deploy.serviceRole().orElseThrow());
    request.put("JobFlowRole", deploy.instanceProfile().orElseThrow());
    request.put("LogUri", deploy.logUri().orElseThrow());
    request.put("VisibleToAllUsers", true);
    ObjectNode instances = request.putObject("Instances");
    instances.put("KeepJobFlowAliveWhenNoSteps", true);
    instances.put("TerminationProtected", false);
    deploy.subnetId().ifPresent(s -> instances.put("Ec2SubnetId", s));
    ArrayNode groups = instances.putArray("InstanceGroups");
    groups
        .addObject()
        .put("Name", "Primary")
        .put("InstanceRole", "MASTER")
        .put("Market", "ON_DEMAND")
        .put("InstanceType", deploy.masterInstanceType().orElseThrow())
        .put("InstanceCount", 1);
    groups
        .addObject()
        .put("Name", "Core")
        .put("InstanceRole", "CORE")
        .put("Market", "ON_DEMAND")
        .put("InstanceType", deploy.coreInstanceType().orElseThrow())
        .put("InstanceCount", deploy.coreInstanceCount());
    request.putObject("AutoTerminationPolicy").put("IdleTimeout", IDLE_TIMEOUT_SECONDS);
    ArrayNode tags = request.putArray("Tags");
    tags.addObject().put("Key", "ferry:job").put("Value", jobName);
    return request;
  }

  /**
   * The Ferry step: command-runner.jar running spark-submit. On failure the cluster carries on
   * (CONTINUE): the scheduler, not the step, decides to terminate it.
   */
  static ObjectNode step(String jobName, FerryInvocation ferry, String runId) {
    ObjectNode step = Json.object();
    step.put("Name", "ferry run " + jobName);
    step.put("ActionOnFailure", "CONTINUE");
    ObjectNode jar = step.putObject("HadoopJarStep");
    jar.put("Jar", "command-runner.jar");
    jar.set("Args", Json.array(ferry.stepArguments(runId)));
    return step;
  }
}
