package io.ferry.engine.job;

import static java.util.Objects.requireNonNull;

import com.typesafe.config.Config;
import io.ferry.core.option.OptionType;
import io.ferry.core.option.StageOption;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The keys a job file may hold outside its stages, declared once like stage options: validation
 * takes the allowed keys of each block from here, and the key reference in docs/jobs.md is
 * generated from here (a test keeps the two equal).
 */
public final class JobKeys {
  /** A block of keys: {@code lake}, {@code lake.s3}, {@code connections.<name>}. */
  public record Block(String path, String description, List<StageOption<?>> keys) {
    public Block {
      requireNonNull(path, "path");
      requireNonNull(description, "description");
      keys = List.copyOf(keys);
    }

    /**
     * The declared key {@code name}, typed as the caller reads it.
     *
     * @throws IllegalArgumentException when the block declares no such key
     */
    @SuppressWarnings("unchecked")
    public <T> StageOption<T> key(String name) {
      return (StageOption<T>)
          keys.stream()
              .filter(k -> k.name().equals(name))
              .findFirst()
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "'" + path + "' declares no key '" + name + "'"));
    }

    /** The names allowed directly in this block. */
    public Set<String> names() {
      return keys.stream().map(StageOption::name).collect(Collectors.toSet());
    }
  }

  /** A nested object, validated key by key through its own block. */
  static final OptionType<Config> OBJECT =
      OptionType.of("object", "an object { ... }", Config::getConfig);

  /** A string, or an object saying where the value comes from. */
  static final OptionType<String> SECRET =
      OptionType.of(
          "string|object",
          "a string or an object (env or secrets-manager)",
          (config, path) -> config.getValue(path).render());

  public static final Block TOP =
      new Block(
          "",
          "The top level of a job file.",
          List.of(
              StageOption.of("job", OBJECT, "The job's name and description.").required(),
              StageOption.of(
                      "params",
                      OBJECT,
                      "Free-form values for the job; reference them as ${params.x}.")
                  .optional(),
              StageOption.of("spark", OBJECT, "Spark settings.").optional(),
              StageOption.of("lake", OBJECT, "Where the lake lives.").required(),
              StageOption.of("state", OBJECT, "Where watermarks live.").optional(),
              StageOption.of("connections", OBJECT, "Database connections, by name.").optional(),
              StageOption.of(
                      "deploy",
                      OBJECT,
                      "Where and how a scheduler runs the job on AWS, read by `ferry export`"
                          + " (its keys: deploy.md).")
                  .optional(),
              StageOption.of(
                      "stages",
                      OptionType.OBJECT_LIST,
                      "The stages, in order: a list of { name, type, ... }; see stages.md.")
                  .required()));

  public static final Block JOB =
      new Block(
          "job",
          "The job.",
          List.of(
              StageOption.string(
                      "name",
                      "Lower-case letters, digits, '-' and '_', at most 100 (it names lake"
                          + " folders).")
                  .required(),
              StageOption.string("description", "One line for people.").optional()));

  public static final Block SPARK =
      new Block(
          "spark",
          "Spark settings, applied when Ferry builds the session.",
          List.of(
              StageOption.string("app-name", "The Spark application name.")
                  .withDefault("ferry-<job name>"),
              StageOption.string(
                      "master",
                      "The master for standalone runs (local[4]); spark-submit's master always"
                          + " wins.")
                  .optional(),
              StageOption.stringMap(
                      "conf", "Spark conf entries, e.g. { \"spark.sql.shuffle.partitions\" = 64 }.")
                  .optional()));

  /** {@code lake.clean-after}. */
  public static final StageOption<Duration> LAKE_CLEAN_AFTER =
      StageOption.duration(
              "clean-after",
              "How old what killed runs left (unpublished attempts, uncommitted run folders,"
                  + " staged files) must be before a later run of the same stage removes it;"
                  + " `ferry clean` removes it on demand.")
          .withDefault(LakeSpec.DEFAULT_CLEAN_AFTER);

  public static final Block LAKE =
      new Block(
          "lake",
          "Where the lake lives.",
          List.of(
              StageOption.string(
                      "root",
                      "The lake's root: s3://bucket/prefix, file:///path, s3a://, hdfs://, or an"
                          + " absolute path.")
                  .required(),
              StageOption.of("s3", OBJECT, "S3 settings for S3-compatible servers and laptops.")
                  .optional(),
              LAKE_CLEAN_AFTER));

  public static final Block LAKE_S3 =
      new Block(
          "lake.s3",
          "Only for S3-compatible servers or laptops; on EMR the instance profile is enough.",
          List.of(
              StageOption.string("endpoint", "The S3 endpoint, e.g. http://127.0.0.1:9000.")
                  .optional(),
              StageOption.string("region", "The region.").optional(),
              StageOption.bool("path-style-access", "Path-style requests.").withDefault(false),
              StageOption.string("access-key", "An access key id; set with secret-key, or neither.")
                  .optional(),
              StageOption.string(
                      "secret-key",
                      "The secret key, from an environment variable (${?LAKE_SECRET_KEY}).")
                  .optional()));

  public static final Block STATE =
      new Block(
          "state",
          "Where watermarks live.",
          List.of(
              StageOption.string(
                      "store",
                      "lake keeps files under <lake.root>/_state; other stores come from modules"
                          + " (warehouse, from sink-redshift).")
                  .withDefault("lake"),
              StageOption.connection(
                      "connection", "The connection a store other than lake keeps watermarks in.")
                  .optional(),
              StageOption.string("schema", "The schema of that store's table.").optional()));

  public static final Block CONNECTION =
      new Block(
          "connections.<name>",
          "One database connection; stages and the state store name it.",
          List.of(
              StageOption.string("url", "A JDBC URL without credentials (validation refuses them).")
                  .required(),
              StageOption.string("user", "The user.").optional(),
              StageOption.of(
                      "password",
                      SECRET,
                      "A string (${?APP_DB_PASSWORD}) or an object: { env = NAME } or {"
                          + " secrets-manager = id, key, region, endpoint }.")
                  .optional(),
              StageOption.string("driver", "The JDBC driver class, when not found from the URL.")
                  .optional(),
              StageOption.stringMap(
                      "properties", "JDBC connection properties, e.g. { ssl = true }.")
                  .optional()));

  public static final Block PASSWORD =
      new Block(
          "connections.<name>.password",
          "Where a password comes from; exactly one of env and secrets-manager. `ferry run`"
              + " stops with exit code 2 before Spark starts when an env variable is unset; a"
              + " Secrets Manager entry is read when the connection is first used.",
          List.of(
              StageOption.string("env", "An environment variable's name.").optional(),
              StageOption.string("secrets-manager", "An AWS Secrets Manager secret id.").optional(),
              StageOption.string("key", "For a JSON secret, the field holding the password.")
                  .withDefault("password"),
              StageOption.string("region", "The secret's region; default: the SDK's chain.")
                  .optional(),
              StageOption.string("endpoint", "A Secrets Manager endpoint (VPC endpoints).")
                  .optional()));

  /** Every block, in the order docs list them. */
  public static final List<Block> BLOCKS =
      List.of(TOP, JOB, SPARK, LAKE, LAKE_S3, STATE, CONNECTION, PASSWORD);

  private JobKeys() {}

  /** The key reference of docs/jobs.md. */
  public static String markdown() {
    StringBuilder sb = new StringBuilder();
    for (Block block : BLOCKS) {
      sb.append("\n### ")
          .append(block.path().isEmpty() ? "top level" : "`" + block.path() + "`")
          .append("\n\n")
          .append(block.description())
          .append("\n\n")
          .append(OptionTable.header("key"));
      block.keys().forEach(key -> sb.append(OptionTable.row(key)));
    }
    return sb.toString();
  }
}
