package io.ferry.launcher.export;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * {@code --to emr-serverless}: a StartJobRun request (EMR Serverless API, camelCase fields) for
 * {@code aws emr-serverless start-job-run --cli-input-json file://run.json}. Its {@code
 * clientToken} is derived from the job and the run date, so sending the same file twice starts one
 * job run.
 */
final class EmrServerlessRequest {
  /** The API's limit on clientToken, which must match [A-Za-z0-9._-]+. */
  static final int MAX_CLIENT_TOKEN = 64;

  private EmrServerlessRequest() {}

  static ObjectNode request(ExportJob job) {
    String runId = RunId.of(job.runDate()).text();
    ObjectNode request = Json.object();
    request.put("applicationId", job.deploy().applicationId().orElseThrow());
    request.put("clientToken", clientToken(job.jobName(), runId));
    request.put("executionRoleArn", job.deploy().executionRoleArn().orElseThrow());
    request.put("name", job.name() + "-" + runId);
    ObjectNode sparkSubmit = request.putObject("jobDriver").putObject("sparkSubmit");
    sparkSubmit.put("entryPoint", job.ferry().jar());
    sparkSubmit.set("entryPointArguments", Json.array(job.ferry().ferryArguments(runId)));
    sparkSubmit.put("sparkSubmitParameters", sparkSubmitParameters(job.ferry()));
    request
        .putObject("configurationOverrides")
        .putObject("monitoringConfiguration")
        .putObject("s3MonitoringConfiguration")
        .put("logUri", job.deploy().logUri().orElseThrow());
    request.put("executionTimeoutMinutes", job.deploy().timeout().toMinutes());
    request.putObject("tags").put("ferry:job", job.jobName());
    return request;
  }

  /** spark-submit's options as the one string EMR Serverless takes. */
  static String sparkSubmitParameters(FerryInvocation ferry) {
    return String.join(" ", ferry.sparkSubmitOptions());
  }

  /**
   * {@code ferry-<job>-<run id>}; a job name too long for the 64 characters is replaced by a hash
   * of it, so the token stays one per job and run.
   */
  static String clientToken(String jobName, String runId) {
    String token = "ferry-" + jobName + "-" + runId;
    if (token.length() <= MAX_CLIENT_TOKEN) {
      return token;
    }
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(jobName.getBytes(StandardCharsets.UTF_8));
      return "ferry-" + HexFormat.of().formatHex(hash, 0, 8) + "-" + runId;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM lacks SHA-256", e);
    }
  }
}
