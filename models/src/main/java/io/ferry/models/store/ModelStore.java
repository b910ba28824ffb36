package io.ferry.models.store;

import io.ferry.core.lake.Lake;
import io.ferry.models.metadata.ModelMetadata;
import io.ferry.models.metadata.ModelMetadataJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Where models live, on any Hadoop file system ({@code file://}, {@code s3://}):
 *
 * <pre>
 * &lt;output&gt;/version=&lt;version&gt;/model/              the Spark ML PipelineModel
 * &lt;output&gt;/version=&lt;version&gt;/ferry-model.json    written last: the version's commit marker
 * </pre>
 *
 * A model trained elsewhere can be used as a bare {@code PipelineModel} folder too, optionally with
 * a {@code ferry-model.json} inside it.
 */
public final class ModelStore {
  public static final String VERSION_PREFIX = "version=";
  public static final String MODEL_FOLDER = "model";

  private final Lake lake;

  public ModelStore(Lake lake) {
    this.lake = lake;
  }

  /** A path as written in a stage: relative paths are relative to {@code lake.root}. */
  public Path resolve(String path) {
    if (path.startsWith("/") || path.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
      return new Path(path);
    }
    return new Path(lake.root(), path);
  }

  public static Path versionFolder(Path output, String version) {
    return new Path(output, VERSION_PREFIX + version);
  }

  /**
   * Finds the model at {@code location}: a version folder (holding {@code ferry-model.json} and
   * {@code model/}), a folder of versions (the given one, else the latest committed by {@code
   * trained_at}), or a bare {@code PipelineModel} folder.
   *
   * @throws IllegalArgumentException saying what was looked for when there is no model
   */
  public StoredModel find(Path location, Optional<String> version) {
    if (version.isPresent()) {
      Path folder = versionFolder(location, version.get());
      return committed(folder)
          .orElseThrow(
              () ->
                  new IllegalArgumentException(
                      "no committed model version '"
                          + version.get()
                          + "' at "
                          + location
                          + " (looked for "
                          + new Path(folder, ModelMetadata.FILE)
                          + "); versions there: "
                          + versions(location).stream()
                              .map(v -> v.metadata().orElseThrow().version())
                              .toList()));
    }
    Optional<StoredModel> direct = committed(location);
    if (direct.isPresent()) {
      return direct.get();
    }
    if (lake.exists(new Path(location, "metadata"))) {
      return new StoredModel(location, read(new Path(location, ModelMetadata.FILE)));
    }
    return versions(location).stream()
        .max(
            Comparator.comparing((StoredModel m) -> m.metadata().orElseThrow().trainedAt())
                .thenComparing(m -> m.modelPath().toString()))
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "no model at "
                        + location
                        + ": expected a Spark ML PipelineModel folder, a version folder with "
                        + ModelMetadata.FILE
                        + ", or folders "
                        + VERSION_PREFIX
                        + "<version> written by model-train"));
  }

  private List<StoredModel> versions(Path location) {
    List<StoredModel> out = new ArrayList<>();
    try {
      FileSystem fs = lake.fileSystem(location);
      if (!fs.exists(location)) {
        return out;
      }
      for (FileStatus s : fs.listStatus(location)) {
        if (s.isDirectory() && s.getPath().getName().startsWith(VERSION_PREFIX)) {
          committed(s.getPath()).ifPresent(out::add);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list model versions at " + location, e);
    }
    return out;
  }

  private Optional<StoredModel> committed(Path versionFolder) {
    return read(new Path(versionFolder, ModelMetadata.FILE))
        .map(m -> new StoredModel(new Path(versionFolder, MODEL_FOLDER), Optional.of(m)));
  }

  private Optional<ModelMetadata> read(Path file) {
    return lake.readString(file).map(text -> ModelMetadataJson.parse(text, file.toString()));
  }
}
