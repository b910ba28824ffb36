package io.ferry.testkit;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Injects the JVM's {@linkplain S3Server#shared() S3-compatible server} into any {@link S3Server}
 * parameter of test constructors, test methods and lifecycle methods. The server starts on the
 * first injection.
 *
 * <pre>{@code
 * @ExtendWith({SparkExtension.class, S3ServerExtension.class})
 * class MyStageTest {
 *   @Test
 *   void writes(SparkSession spark, S3Server s3) {
 *     s3.applyTo(spark);
 *     String bucket = s3.newBucket();
 *     ...
 *   }
 * }
 * }</pre>
 */
public final class S3ServerExtension implements ParameterResolver {

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == S3Server.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return S3Server.shared();
  }
}
