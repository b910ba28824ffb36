package io.ferry.engine.job;

import static java.util.Objects.requireNonNull;

import io.ferry.core.secret.Secret;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code lake}: where the lake lives, and optional S3 settings for S3-compatible servers and
 * laptops (on EMR the instance profile and the cluster's configuration are enough).
 *
 * @param cleanAfter how old a stage's leftovers (what killed runs left) must be before a later run
 *     of the stage removes them
 */
public record LakeSpec(
    String root,
    Optional<String> s3Endpoint,
    Optional<String> s3Region,
    boolean s3PathStyleAccess,
    Optional<String> s3AccessKey,
    Optional<Secret> s3SecretKey,
    Duration cleanAfter) {

  /** The default of {@code lake.clean-after}. */
  public static final Duration DEFAULT_CLEAN_AFTER = Duration.ofHours(24);

  public LakeSpec {
    requireNonNull(root, "root");
    requireNonNull(cleanAfter, "cleanAfter");
  }

  /** Hadoop S3A settings for these options; the secret key is revealed here, for Hadoop only. */
  public Map<String, String> hadoopS3Settings() {
    Map<String, String> out = new LinkedHashMap<>();
    s3Endpoint.ifPresent(
        e -> {
          out.put("fs.s3a.endpoint", e);
          if (e.startsWith("http://")) {
            out.put("fs.s3a.connection.ssl.enabled", "false");
          }
        });
    s3Region.ifPresent(r -> out.put("fs.s3a.endpoint.region", r));
    if (s3PathStyleAccess) {
      out.put("fs.s3a.path.style.access", "true");
    }
    if (s3AccessKey.isPresent() && s3SecretKey.isPresent()) {
      out.put(
          "fs.s3a.aws.credentials.provider",
          "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
      out.put("fs.s3a.access.key", s3AccessKey.get());
      out.put("fs.s3a.secret.key", s3SecretKey.get().reveal());
    }
    return out;
  }
}
