package io.ferry.examples.mask;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ferry.core.option.OptionValues;
import io.ferry.testkit.JobHarness;
import io.ferry.testkit.SparkExtension;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SparkExtension.class)
class MaskColumnsTransformTest {
  @Test
  void keepsTheRowsAndTheOtherColumns(SparkSession spark) {
    Dataset<Row> in = spark.sql("SELECT * FROM VALUES (1, 'a'), (2, 'b') AS t(id, email)");
    OptionValues options = JobHarness.options(new MaskColumnsFactory(), "columns = [email]");

    Dataset<Row> out = new MaskColumnsFactory().transform(in, options);

    assertEquals(List.of("id", "email"), List.of(out.columns()));
    assertEquals(2, out.count());
  }
}
