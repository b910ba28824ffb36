package io.ferry.launcher;

import io.ferry.engine.job.JobSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Reads job and environment files from a local path, the classpath ({@code classpath:jobs/x.conf})
 * or S3 ({@code s3://bucket/jobs/x.conf}, through the AWS SDK's default credential and region
 * chains; {@code FERRY_S3_ENDPOINT} (or the SDK's own {@code AWS_ENDPOINT_URL_S3}) points it at an
 * S3-compatible server, and {@code FERRY_S3_PATH_STYLE=true} switches to path-style requests; the
 * system properties {@code ferry.s3.endpoint} and {@code ferry.s3.path-style} do the same).
 */
final class JobFiles {
  static final String CLASSPATH = "classpath:";

  private JobFiles() {}

  /**
   * @throws UsageException when the file cannot be read
   */
  static JobSource read(String ref) {
    if (ref.startsWith(CLASSPATH)) {
      String resource = ref.substring(CLASSPATH.length());
      try (InputStream in = JobFiles.class.getClassLoader().getResourceAsStream(resource)) {
        if (in == null) {
          throw new UsageException("no job file '" + resource + "' on the classpath");
        }
        // The location lets files the job names (sql-file) resolve inside the same jar.
        return new JobSource(
            ref, Optional.of(ref), new String(in.readAllBytes(), StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    if (ref.startsWith("s3://") || ref.startsWith("s3a://")) {
      return new JobSource(ref, Optional.of(ref), readS3(ref));
    }
    Path path = Path.of(ref);
    if (!Files.isRegularFile(path)) {
      throw new UsageException(
          "job file '"
              + ref
              + "' does not exist (working directory: "
              + Path.of("").toAbsolutePath()
              + ")");
    }
    try {
      return new JobSource(ref, Optional.of(ref), Files.readString(path));
    } catch (IOException e) {
      throw new UsageException("cannot read job file '" + ref + "': " + e.getMessage());
    }
  }

  static boolean exists(String ref) {
    if (ref.startsWith(CLASSPATH)) {
      return JobFiles.class.getClassLoader().getResource(ref.substring(CLASSPATH.length())) != null;
    }
    if (ref.contains("://")) {
      return true;
    }
    return Files.isRegularFile(Path.of(ref));
  }

  /**
   * Where {@code --env NAME} is looked for, in order: a path or URI as given; {@code <job
   * dir>/../env/NAME.conf}; {@code conf/env/NAME.conf} under the working directory; {@code
   * classpath:conf/env/NAME.conf}.
   */
  static List<String> envCandidates(String env, String jobRef) {
    if (env.endsWith(".conf") || env.contains("/")) {
      return List.of(env);
    }
    String file = env + ".conf";
    return java.util.stream.Stream.of(
            besideJobs(jobRef, file), "conf/env/" + file, CLASSPATH + "conf/env/" + file)
        .distinct()
        .toList();
  }

  /** {@code conf/jobs/x.conf} gives {@code conf/env/NAME.conf}; URIs keep scheme and bucket. */
  static String besideJobs(String jobRef, String file) {
    String prefix = "";
    String path = jobRef;
    if (path.startsWith(CLASSPATH)) {
      prefix = CLASSPATH;
      path = path.substring(CLASSPATH.length());
    }
    int scheme = path.indexOf("://");
    if (scheme >= 0) {
      int root = path.indexOf('/', scheme + 3);
      prefix += root < 0 ? path + "/" : path.substring(0, root + 1);
      path = root < 0 ? "" : path.substring(root + 1);
    }
    int last = path.lastIndexOf('/');
    if (last < 0) {
      return prefix + (prefix.isEmpty() ? "../" : "") + "env/" + file;
    }
    String dir = path.substring(0, last);
    int parent = dir.lastIndexOf('/');
    return prefix + (parent < 0 ? "" : dir.substring(0, parent + 1)) + "env/" + file;
  }

  private static Optional<String> setting(String envVariable, String systemProperty) {
    return Optional.ofNullable(System.getProperty(systemProperty))
        .or(() -> Optional.ofNullable(System.getenv(envVariable)));
  }

  private static String readS3(String ref) {
    URI uri = URI.create(ref);
    String bucket = uri.getHost();
    String key = uri.getPath().startsWith("/") ? uri.getPath().substring(1) : uri.getPath();
    S3ClientBuilder builder = S3Client.builder();
    setting("FERRY_S3_ENDPOINT", "ferry.s3.endpoint")
        .ifPresent(e -> builder.endpointOverride(URI.create(e)));
    if (setting("FERRY_S3_PATH_STYLE", "ferry.s3.path-style")
        .filter("true"::equalsIgnoreCase)
        .isPresent()) {
      builder.forcePathStyle(true);
    }
    try (S3Client s3 = builder.build()) {
      return s3.getObject(
              GetObjectRequest.builder().bucket(bucket).key(key).build(),
              ResponseTransformer.toBytes())
          .asUtf8String();
    } catch (NoSuchKeyException e) {
      throw new UsageException("job file '" + ref + "' does not exist");
    } catch (RuntimeException e) {
      throw new UsageException(
          "cannot read job file '"
              + ref
              + "' from S3: "
              + e.getMessage()
              + ". Check the path, the region (AWS_REGION) and that the role may s3:GetObject");
    }
  }
}
