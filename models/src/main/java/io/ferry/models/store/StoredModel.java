package io.ferry.models.store;

import static java.util.Objects.requireNonNull;

import io.ferry.models.metadata.ModelMetadata;
import java.util.Optional;
import org.apache.hadoop.fs.Path;

/**
 * A model found on storage.
 *
 * @param modelPath the Spark ML {@code PipelineModel} folder
 * @param metadata its {@code ferry-model.json}, when there is one
 */
public record StoredModel(Path modelPath, Optional<ModelMetadata> metadata) {
  public StoredModel {
    requireNonNull(modelPath, "modelPath");
    requireNonNull(metadata, "metadata");
  }
}
