package io.ferry.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SparkExtension.class)
class SharedSparkTest {

  @Test
  void oneSessionWithTheTestSettings(SparkSession spark) {
    assertSame(SharedSpark.session(), spark);
    assertEquals("local[2]", spark.sparkContext().master());
    assertEquals("false", spark.conf().get("spark.ui.enabled"));
    assertEquals("2", spark.conf().get("spark.sql.shuffle.partitions"));
    assertEquals("UTC", spark.conf().get("spark.sql.session.timeZone"));
    assertEquals("127.0.0.1", spark.conf().get("spark.driver.host"));
  }

  @Test
  void s3SchemeIsServedByS3a(SparkSession spark) {
    var conf = spark.sparkContext().hadoopConfiguration();

    assertEquals("org.apache.hadoop.fs.s3a.S3AFileSystem", conf.get("fs.s3.impl"));
    assertEquals("org.apache.hadoop.fs.s3a.S3A", conf.get("fs.AbstractFileSystem.s3.impl"));
  }
}
