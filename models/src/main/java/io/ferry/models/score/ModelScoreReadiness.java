package io.ferry.models.score;

import io.ferry.core.stage.PreflightContext;
import io.ferry.models.store.ModelStore;
import java.util.Optional;

/**
 * {@code ferry check} for a {@code model-score} stage: the model (the given version, else the
 * latest committed) must be found where the run will look, unless a {@code model-train} stage of
 * the same job runs earlier and writes it. Reads the model's metadata only, never the model.
 */
final class ModelScoreReadiness {
  private ModelScoreReadiness() {}

  static void check(String model, Optional<String> version, PreflightContext context) {
    if (context.earlierStages().stream().anyMatch(s -> s.type().equals("model-train"))) {
      return;
    }
    ModelStore store = new ModelStore(context.lake());
    try {
      store.find(store.resolve(model), version);
    } catch (IllegalArgumentException e) {
      context
          .problems()
          .add(
              version.isPresent() ? "version" : "model",
              e.getMessage() + "; train the model first or point 'model' at its folder");
    }
  }
}
