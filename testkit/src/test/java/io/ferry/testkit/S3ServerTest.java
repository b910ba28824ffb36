package io.ferry.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

@ExtendWith({SparkExtension.class, S3ServerExtension.class})
class S3ServerTest {

  @BeforeAll
  static void pointSparkAtServer(SparkSession spark, S3Server s3) {
    s3.applyTo(spark);
  }

  @ParameterizedTest
  @ValueSource(strings = {"s3a", "s3"})
  void sparkWritesAndReadsParquetThroughScheme(String scheme, SparkSession spark, S3Server s3) {
    String bucket = s3.newBucket();
    String table = scheme + "://" + bucket + "/lake/raw/orders";
    Dataset<Row> rows =
        spark
            .range(100)
            .selectExpr(
                "id",
                "concat('order-', id) AS name",
                "CAST(id * 1.25 AS DECIMAL(12,2)) AS amount",
                "IF(id % 10 = 0, NULL, id) AS maybe");

    rows.write().mode(SaveMode.Overwrite).parquet(table);
    Row totals =
        spark
            .read()
            .parquet(table)
            .selectExpr("count(*)", "sum(amount)", "count(maybe)", "max(name)")
            .first();

    assertEquals(100L, totals.getLong(0));
    assertEquals(new BigDecimal("6187.50"), totals.getDecimal(1));
    assertEquals(90L, totals.getLong(2));
    assertEquals("order-99", totals.getString(3));

    List<String> keys =
        s3
            .client()
            .listObjectsV2(b -> b.bucket(bucket).prefix("lake/raw/orders/"))
            .contents()
            .stream()
            .map(S3Object::key)
            .toList();
    assertTrue(keys.contains("lake/raw/orders/_SUCCESS"), () -> "objects: " + keys);
    assertTrue(
        keys.stream().anyMatch(k -> k.matches("lake/raw/orders/part-.*\\.parquet")),
        () -> "objects: " + keys);
    assertFalse(keys.stream().anyMatch(k -> k.contains("_temporary")), () -> "objects: " + keys);
  }

  @Test
  void newBucketsAreUniqueAndExist(S3Server s3) {
    String first = s3.newBucket();
    String second = s3.newBucket();

    assertNotEquals(first, second);
    List<String> buckets = s3.client().listBuckets().buckets().stream().map(Bucket::name).toList();
    assertTrue(buckets.containsAll(List.of(first, second)), () -> "buckets: " + buckets);
  }

  @Test
  void wrongSecretKeyIsRejected(S3Server s3) {
    try (S3Client wrong =
        S3Client.builder()
            .endpointOverride(URI.create(s3.endpoint()))
            .region(Region.of(s3.region()))
            .forcePathStyle(true)
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(s3.accessKey(), "not-the-secret")))
            .build()) {
      S3Exception e = assertThrows(S3Exception.class, wrong::listBuckets);
      assertEquals(403, e.statusCode());
    }
  }

  @Test
  void hoconLakeS3HasTheKeysFerryAccepts(S3Server s3) {
    Config lakeS3 = ConfigFactory.parseString(s3.hoconLakeS3()).getConfig("lake.s3");

    assertEquals(
        Set.of("endpoint", "region", "path-style-access", "access-key", "secret-key"),
        lakeS3.root().keySet());
    assertEquals(s3.endpoint(), lakeS3.getString("endpoint"));
    assertEquals("us-east-1", lakeS3.getString("region"));
    assertTrue(lakeS3.getBoolean("path-style-access"));
    assertEquals(s3.secretKey(), lakeS3.getString("secret-key"));
  }

  @Test
  void settingsAndToStringKeepTheSecretOutOfSight(S3Server s3) {
    assertEquals(s3.endpoint(), s3.hadoopS3aSettings().get("fs.s3a.endpoint"));
    assertEquals("true", s3.hadoopS3aSettings().get("fs.s3a.path.style.access"));
    assertFalse(s3.toString().contains(s3.secretKey()));
    assertTrue(s3.endpoint().startsWith("http://127.0.0.1:"));
  }

  @Test
  void anOwnedServerStopsAndRestartsOnItsPortWithItsData(@TempDir Path data) {
    S3Server own = S3Server.start(data);
    try {
      String bucket = own.newBucket();
      own.client().putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("kept"));

      own.stop();
      assertThrows(SdkClientException.class, () -> own.client().listBuckets());
      own.restart();

      assertEquals(
          "kept", own.client().getObjectAsBytes(b -> b.bucket(bucket).key("k")).asUtf8String());
    } finally {
      own.stop();
    }
  }

  @Test
  void theSharedServerCannotBeStopped(S3Server s3) {
    IllegalStateException e = assertThrows(IllegalStateException.class, s3::stop);

    assertEquals(
        "cannot stop the JVM's shared S3 server; start one with S3Server.start(dataDir)",
        e.getMessage());
  }

  @Test
  void missingJarFailsSayingHowToFixIt(@TempDir Path emptyHome) {
    String jar = System.getProperty(S3Server.JAR_PROPERTY);
    String home = System.getProperty("user.home");
    try {
      System.setProperty(S3Server.JAR_PROPERTY, emptyHome.resolve("missing.jar").toString());
      System.setProperty("user.home", emptyHome.toString());

      IllegalStateException e = assertThrows(IllegalStateException.class, S3Server::locateJar);

      assertTrue(e.getMessage().contains("<ferry.s3proxy.skip>false</ferry.s3proxy.skip>"));
      assertTrue(e.getMessage().contains("org.gaul:s3proxy:4.1.0:jar:jar-with-dependencies"));
    } finally {
      restore(S3Server.JAR_PROPERTY, jar);
      System.setProperty("user.home", home);
    }
  }

  private static void restore(String key, String value) {
    if (value == null) {
      System.clearProperty(key);
    } else {
      System.setProperty(key, value);
    }
  }
}
