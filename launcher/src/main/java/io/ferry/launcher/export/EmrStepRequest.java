package io.ferry.launcher.export;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code --to emr-step}: an AddJobFlowSteps request that runs the job once on a running cluster,
 * for {@code aws emr add-job-flow-steps --cli-input-json file://step.json}.
 */
final class EmrStepRequest {
  private EmrStepRequest() {}

  static ObjectNode request(ExportJob job) {
    ObjectNode request = Json.object();
    request.put("JobFlowId", job.deploy().clusterId().orElseThrow());
    request
        .putArray("Steps")
        .add(EmrCluster.step(job.jobName(), job.ferry(), RunId.of(job.runDate()).text()));
    return request;
  }
}
