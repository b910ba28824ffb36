package io.ferry.models.score;

import io.ferry.models.metadata.Feature;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PredictionModel;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.feature.StringIndexerModel;
import org.apache.spark.ml.param.Params;

/**
 * The input columns of a pipeline without {@code ferry-model.json}, read from its stages'
 * parameters: every input column no earlier stage produces. Inputs of a string indexer are
 * categorical, all others numeric.
 */
final class ModelInputs {
  private static final List<String> INPUTS = List.of("inputCol", "inputCols");
  private static final List<String> OUTPUTS =
      List.of("outputCol", "outputCols", "predictionCol", "probabilityCol", "rawPredictionCol");

  private ModelInputs() {}

  static List<Feature> of(PipelineModel model) {
    Set<String> produced = new HashSet<>();
    Set<String> seen = new HashSet<>();
    List<Feature> out = new ArrayList<>();
    for (Transformer stage : model.stages()) {
      Feature.Kind kind =
          stage instanceof StringIndexerModel ? Feature.Kind.CATEGORICAL : Feature.Kind.NUMERIC;
      List<String> inputs = new ArrayList<>(columns(stage, INPUTS));
      if (stage instanceof PredictionModel) {
        inputs.addAll(columns(stage, List.of("featuresCol")));
      }
      for (String c : inputs) {
        if (!produced.contains(c) && seen.add(c)) {
          out.add(new Feature(c, kind));
        }
      }
      produced.addAll(columns(stage, OUTPUTS));
    }
    return out;
  }

  private static List<String> columns(Params stage, List<String> params) {
    List<String> out = new ArrayList<>();
    for (String p : params) {
      if (stage.hasParam(p) && stage.isDefined(stage.getParam(p))) {
        Object v = stage.getOrDefault(stage.getParam(p));
        if (v instanceof String s) {
          out.add(s);
        } else if (v instanceof String[] a) {
          out.addAll(List.of(a));
        }
      }
    }
    return out;
  }
}
