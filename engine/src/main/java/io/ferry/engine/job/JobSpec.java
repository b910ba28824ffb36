package io.ferry.engine.job;

import static java.util.Objects.requireNonNull;

import com.typesafe.config.Config;
import io.ferry.core.connection.ConnectionSpec;
import io.ferry.core.stage.StageSpec;
import io.ferry.core.state.StateSpec;
import java.util.List;
import java.util.Map;

/**
 * A loaded, resolved and validated job: everything the runner needs, nothing that needs Spark.
 *
 * @param warnings things that work but should change, located like problems (a deprecated option
 *     name)
 * @param resolved the whole resolved configuration, for {@code ferry plan} (render it with {@link
 *     JobRendering}, which masks secrets)
 * @param environment the environment variables the job's secrets read ({@code password { env = X
 *     }}), each with the problem to report, where the variable is written, when it is unset
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
    Config resolved,
    List<Problem> warnings,
    Map<String, Problem> environment) {

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
    warnings = List.copyOf(warnings);
    environment = Map.copyOf(environment);
  }

  /**
   * The environment variables this job's secrets read that are not set in this process, each as a
   * problem at the line that names it: {@code ferry run} reports them before Spark starts, since a
   * secret is otherwise read only when its connection is first used.
   */
  public List<Problem> unsetEnvironmentVariables() {
    return environment.entrySet().stream()
        .filter(e -> System.getenv(e.getKey()) == null)
        .map(Map.Entry::getValue)
        .sorted()
        .toList();
  }
}
