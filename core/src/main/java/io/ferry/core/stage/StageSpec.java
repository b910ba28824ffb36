package io.ferry.core.stage;

import static java.util.Objects.requireNonNull;

import com.typesafe.config.ConfigOrigin;
import io.ferry.core.connection.ConnectionSpec;
import io.ferry.core.option.OptionValues;
import java.util.Map;
import java.util.Optional;

/**
 * A validated stage entry from the job file: its name, type, input and options. Immutable; the
 * runner hands it to {@link StageFactory#create}.
 *
 * @param index position in {@code stages}, from 0
 * @param input the dataset this stage reads, when it reads one; defaults to the previous stage
 * @param jobLocation where the job file lives (a path or URI), to resolve files the stage names
 *     relative to it (e.g. {@code sql-file}); empty for jobs given as text
 * @param connections the job's connections by name, for checks that depend on what a connection
 *     reaches (e.g. which warehouse its URL names); a factory reads only the ones its options name
 */
public record StageSpec(
    int index,
    String name,
    String type,
    Optional<String> input,
    String description,
    OptionValues options,
    ConfigOrigin origin,
    Optional<String> jobLocation,
    Map<String, ConnectionSpec> connections) {

  public StageSpec {
    requireNonNull(name, "name");
    requireNonNull(type, "type");
    requireNonNull(input, "input");
    requireNonNull(description, "description");
    requireNonNull(options, "options");
    requireNonNull(jobLocation, "jobLocation");
    connections = Map.copyOf(connections);
  }

  /**
   * Resolves a path written in this stage against the job file's folder: absolute paths and URIs
   * ({@code s3://...}) stay as they are.
   */
  public String resolve(String path) {
    if (path.startsWith("/")
        || path.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")
        || jobLocation.isEmpty()) {
      return path;
    }
    String base = jobLocation.get();
    int slash = base.lastIndexOf('/');
    return slash < 0 ? path : base.substring(0, slash + 1) + path;
  }

  /** The key path of this stage in the job file, e.g. {@code stages[2]}. */
  public String path() {
    return "stages[" + index + "]";
  }
}
