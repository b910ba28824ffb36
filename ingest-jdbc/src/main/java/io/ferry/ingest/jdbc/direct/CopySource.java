package io.ferry.ingest.jdbc.direct;

import java.util.Map;
import org.apache.spark.sql.connector.catalog.Table;
import org.apache.spark.sql.connector.catalog.TableProvider;
import org.apache.spark.sql.connector.expressions.Transform;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/**
 * The Spark data source of direct mode, named by class; its only option is the id of a plan the
 * stage registered in {@link CopyReads}. Not meant for users' own {@code spark.read} calls.
 */
public final class CopySource implements TableProvider {

  @Override
  public StructType inferSchema(CaseInsensitiveStringMap options) {
    return CopyReads.get(options.get(CopyReads.OPTION)).schema();
  }

  @Override
  public Table getTable(
      StructType schema, Transform[] partitioning, Map<String, String> properties) {
    return new CopyTable(CopyReads.get(properties.get(CopyReads.OPTION)));
  }
}
