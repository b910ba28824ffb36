package io.ferry.models.train;

import io.ferry.core.option.Suggestions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.FloatParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;

/**
 * Estimator parameters from a job's {@code params} object, by their Spark ML names ({@code
 * maxIter}, {@code regParam}, {@code numTrees}, {@code maxDepth}, ...), converted to each
 * parameter's type and checked by the parameter's own validator. Column parameters are Ferry's to
 * set and cannot be overridden.
 */
final class EstimatorParams {
  static final java.util.Set<String> RESERVED =
      java.util.Set.of(
          "featuresCol", "labelCol", "predictionCol", "probabilityCol", "rawPredictionCol", "seed");

  private EstimatorParams() {}

  /**
   * Applies every parameter to a new estimator of the kind, to check them.
   *
   * @return one message per parameter that is unknown, reserved or invalid; empty when all applied
   */
  static List<String> problems(EstimatorKind kind, Map<String, String> values) {
    return apply(Estimators.create(kind), values);
  }

  /**
   * Applies every parameter to the estimator.
   *
   * @return one message per parameter that is unknown, reserved or invalid; empty when all applied
   */
  static List<String> apply(Params estimator, Map<String, String> values) {
    List<String> problems = new ArrayList<>();
    TreeSet<String> known = new TreeSet<>();
    for (Param<?> p : estimator.params()) {
      if (!RESERVED.contains(p.name())) {
        known.add(p.name());
      }
    }
    for (var e : values.entrySet()) {
      String name = e.getKey();
      if (RESERVED.contains(name)) {
        problems.add(name + ": set by Ferry (columns come from the stage, the seed from 'seed')");
        continue;
      }
      if (!estimator.hasParam(name)) {
        problems.add(
            name
                + ": not a parameter of "
                + estimator.getClass().getSimpleName()
                + Suggestions.didYouMean(name, known)
                + "; parameters: "
                + String.join(", ", known));
        continue;
      }
      Param<Object> param = cast(estimator.getParam(name));
      try {
        Object value = convert(param, e.getValue());
        estimator.set(param, value);
      } catch (IllegalArgumentException ex) {
        problems.add(name + ": " + firstLine(ex.getMessage()) + " (" + param.doc() + ")");
      }
    }
    return problems;
  }

  private static Object convert(Param<?> param, String raw) {
    String v = raw.trim();
    try {
      if (param instanceof IntParam) {
        return Integer.valueOf(v);
      }
      if (param instanceof LongParam) {
        return Long.valueOf(v);
      }
      if (param instanceof DoubleParam) {
        return Double.valueOf(v);
      }
      if (param instanceof FloatParam) {
        return Float.valueOf(v);
      }
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + raw + "' is not a number", e);
    }
    if (param instanceof BooleanParam) {
      if (!v.equals("true") && !v.equals("false")) {
        throw new IllegalArgumentException("'" + raw + "' is not true or false");
      }
      return Boolean.valueOf(v);
    }
    return raw;
  }

  @SuppressWarnings("unchecked")
  private static Param<Object> cast(Param<?> p) {
    return (Param<Object>) p;
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "invalid value";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
