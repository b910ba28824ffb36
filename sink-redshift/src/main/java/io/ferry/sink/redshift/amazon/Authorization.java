package io.ferry.sink.redshift.amazon;

/** How Redshift's COPY and UNLOAD authenticate to S3. */
public enum Authorization {
  /** {@code IAM_ROLE '<arn>'}: the cluster assumes the role; no secret leaves the job. */
  IAM_ROLE,
  /**
   * Temporary credentials from the AWS SDK's default provider chain (the EMR instance profile,
   * environment, profile), passed as {@code ACCESS_KEY_ID}, {@code SECRET_ACCESS_KEY} and {@code
   * SESSION_TOKEN}; they are masked everywhere they could be shown.
   */
  PROVIDER_CHAIN
}
