package io.ferry.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.testkit.S3Server;
import io.ferry.testkit.S3ServerExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;

/** Job and environment files read from s3:// through the AWS SDK, as on EMR. */
@ExtendWith(S3ServerExtension.class)
class JobFromS3Test {
  private static final Map<String, String> PROPERTIES =
      Map.of(
          "aws.accessKeyId", "",
          "aws.secretAccessKey", "",
          "aws.region", "",
          "ferry.s3.endpoint", "",
          "ferry.s3.path-style", "");

  @AfterEach
  void clearProperties() {
    PROPERTIES.keySet().forEach(System::clearProperty);
  }

  @Test
  void aJobAndItsEnvironmentAreReadFromS3(S3Server s3) throws Exception {
    String bucket = s3.newBucket();
    String job =
        Files.readString(
            Path.of(System.getProperty("ferry.project.root", ".."), "conf/jobs/demo.conf"));
    s3.client().putObject(b -> b.bucket(bucket).key("jobs/demo.conf"), RequestBody.fromString(job));
    s3.client()
        .putObject(
            b -> b.bucket(bucket).key("env/prod.conf"),
            RequestBody.fromString(
                "lake.root = \"s3://"
                    + bucket
                    + "/lake\"\n"
                    + "connections.app.url = \"jdbc:postgresql://db/app\"\n"
                    + "connections.warehouse.url = \"jdbc:postgresql://dw/dw\"\n"));
    System.setProperty("aws.accessKeyId", s3.accessKey());
    System.setProperty("aws.secretAccessKey", s3.secretKey());
    System.setProperty("aws.region", s3.region());
    System.setProperty("ferry.s3.endpoint", s3.endpoint());
    System.setProperty("ferry.s3.path-style", "true");

    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Ferry.execute(
            new PrintWriter(out),
            new PrintWriter(err),
            "plan",
            "s3://" + bucket + "/jobs/demo.conf",
            "--env",
            "prod");

    assertEquals(0, code, out + "\n" + err);
    assertTrue(out.toString().contains("Lake: s3://" + bucket + "/lake"), out.toString());

    int missing =
        Ferry.execute(
            new PrintWriter(new StringWriter()),
            new PrintWriter(err),
            "validate",
            "s3://" + bucket + "/jobs/nope.conf");
    assertEquals(2, missing);
    assertTrue(err.toString().contains("does not exist"), err.toString());
  }
}
