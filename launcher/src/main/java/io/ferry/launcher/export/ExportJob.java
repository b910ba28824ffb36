package io.ferry.launcher.export;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;

/**
 * Everything a target renders from: the job's name, its checked deploy block, the Ferry command
 * line, and the run date of a one-off request ({@code emr-step}, {@code emr-serverless}).
 */
record ExportJob(String jobName, DeploySpec deploy, FerryInvocation ferry, LocalDate runDate) {
  ExportJob {
    requireNonNull(jobName, "jobName");
    requireNonNull(deploy, "deploy");
    requireNonNull(ferry, "ferry");
    requireNonNull(runDate, "runDate");
  }

  /** {@code ferry-<job>}: the name of clusters, DAGs, pipelines and job runs. */
  String name() {
    return EmrCluster.name(jobName);
  }
}
