package io.ferry.examples.mask;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.testkit.S3Server;
import io.ferry.testkit.S3ServerExtension;
import io.ferry.testkit.SparkExtension;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.s3.model.S3Object;

@ExtendWith({SparkExtension.class, S3ServerExtension.class})
class LakeWriteTest {
  @BeforeAll
  static void s3(SparkSession spark, S3Server s3) {
    s3.applyTo(spark);
  }

  @Test
  void writesParquet(SparkSession spark, S3Server s3) {
    String bucket = s3.newBucket();
    spark.range(100).write().parquet("s3://" + bucket + "/raw/numbers");

    assertEquals(100, spark.read().parquet("s3a://" + bucket + "/raw/numbers").count());
    List<String> keys =
        s3.client().listObjectsV2(b -> b.bucket(bucket).prefix("raw/numbers/")).contents().stream()
            .map(S3Object::key)
            .toList();
    assertTrue(keys.contains("raw/numbers/_SUCCESS"));
  }
}
