package io.ferry.testkit;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Injects the JVM's {@linkplain SharedSpark shared SparkSession} into any {@link SparkSession}
 * parameter of test constructors, test methods and lifecycle methods ({@code @BeforeAll} included).
 *
 * <pre>{@code
 * @ExtendWith(SparkExtension.class)
 * class MyStageTest {
 *   @Test
 *   void counts(SparkSession spark) { ... }
 * }
 * }</pre>
 */
public final class SparkExtension implements ParameterResolver {

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == SparkSession.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return SharedSpark.session();
  }
}
