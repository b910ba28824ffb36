package io.ferry.core.job;

import static java.util.Objects.requireNonNull;

import com.typesafe.config.Config;
import io.ferry.core.stage.StageSpec;
import io.ferry.core.state.StateSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A loaded, resolved and validated job: everything the runner needs, nothing that needs Spark.
 *
 * @param resolved the whole resolved configuration, for {@code ferry plan} (render it with {@link
 *     JobRendering}, which masks secrets)
 */
public record JobSpec(
    String name,
    String description,
    Config params,
    SparkSpec spark,
    LakeSpec lake,
    StateSpec state,
    Map<String, ConnectionSpec> connections,
    List<StageSpec> stages,
    JobSource source,
    Config resolved) {

  public JobSpec {
    requireNonNull(name, "name");
    requireNonNull(description, "description");
    requireNonNull(params, "params");
    requireNonNull(spark, "spark");
    requireNonNull(lake, "lake");
    requireNonNull(state, "state");
    connections = Map.copyOf(connections);
    stages = List.copyOf(stages);
    requireNonNull(source, "source");
    requireNonNull(resolved, "resolved");
  }

  public Optional<StageSpec> stage(String stageName) {
    return stages.stream().filter(s -> s.name().equals(stageName)).findFirst();
  }
}
