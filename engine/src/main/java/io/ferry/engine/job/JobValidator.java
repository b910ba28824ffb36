package io.ferry.engine.job;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.ferry.core.connection.ConnectionSpec;
import io.ferry.core.option.ConfigLocation;
import io.ferry.core.option.InvalidOptionValue;
import io.ferry.core.option.OptionRule;
import io.ferry.core.option.OptionType;
import io.ferry.core.option.OptionValues;
import io.ferry.core.option.StageOption;
import io.ferry.core.option.Suggestions;
import io.ferry.core.secret.Secret;
import io.ferry.core.stage.SparkChecks;
import io.ferry.core.stage.StageFactory;
import io.ferry.core.stage.StageProblems;
import io.ferry.core.stage.StageSpec;
import io.ferry.core.state.StateSpec;
import io.ferry.engine.secret.SecretsManagerSecrets;
import io.ferry.engine.stage.StageRegistry;
import io.ferry.engine.state.WatermarkStores;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Checks a resolved job completely before Spark starts and builds its {@link JobSpec}. Every
 * problem is collected, located ({@code file:line}) and reported at once; unknown keys get a "did
 * you mean".
 */
public final class JobValidator {
  static final Set<String> STAGE_RESERVED = Set.of("name", "type", "input", "description");

  private static final Pattern JOB_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,99}");
  private static final Pattern STAGE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
  private static final Pattern URL_CREDENTIALS =
      Pattern.compile("(?i)([?&;:](password|pwd)=)|(//[^/@]*:[^/@]*@)");

  /** Which checks run: all, or all but those that need Spark ({@link SparkChecks}). */
  public enum Checks {
    /** Every check; loads Spark's parser (seconds of CPU) when a stage type needs it. */
    ALL,
    /** Every check that needs no Spark class: validation loads none. */
    WITHOUT_SPARK
  }

  private final StageRegistry registry;
  private final Checks checks;
  private final List<Problem> problems = new ArrayList<>();
  private final List<Problem> warnings = new ArrayList<>();
  private final Map<String, Problem> environment = new LinkedHashMap<>();
  private Optional<String> jobLocation = Optional.empty();

  private JobValidator(StageRegistry registry, Checks checks) {
    this.registry = registry;
    this.checks = checks;
  }

  /**
   * Every check, those that need Spark included.
   *
   * @throws InvalidJobException listing every problem found
   */
  public static JobSpec validate(Config resolved, JobSource source, StageRegistry registry) {
    return validate(resolved, source, registry, Checks.ALL);
  }

  /**
   * @throws InvalidJobException listing every problem found
   */
  public static JobSpec validate(
      Config resolved, JobSource source, StageRegistry registry, Checks checks) {
    return new JobValidator(registry, checks).run(resolved, source);
  }

  private JobSpec run(Config root, JobSource source) {
    jobLocation = source.location();
    unknownKeys(root.root(), "", JobKeys.TOP.names());

    String name = jobName(root);
    String description =
        root.hasPath("job") && root.getValue("job").valueType() == ConfigValueType.OBJECT
            ? this.<String>read(JobKeys.JOB, "description", root.getConfig("job"), "job").orElse("")
            : "";
    Config params = objectOrEmpty(root, "params");
    SparkSpec spark = spark(root);
    LakeSpec lake = lake(root);
    Map<String, ConnectionSpec> connections = connections(root);
    StateSpec state = state(root, connections.keySet());
    List<StageSpec> stages = stages(root, connections);

    if (!problems.isEmpty()) {
      throw new InvalidJobException(problems);
    }
    return new JobSpec(
        name,
        description,
        params,
        spark,
        lake,
        state,
        connections,
        stages,
        source,
        root,
        warnings.stream().sorted().toList(),
        environment);
  }

  private StateSpec state(Config root, Set<String> connectionNames) {
    if (!isObject(root, "state", false)) {
      return StateSpec.LAKE;
    }
    unknownKeys(root.getObject("state"), "state", JobKeys.STATE.names());
    Config block = root.getConfig("state");
    String store =
        this.<String>read(JobKeys.STATE, "store", block, "state").orElse(StateSpec.LAKE.store());
    Set<String> known = WatermarkStores.names();
    if (!known.contains(store)) {
      add(
          root.getValue("state.store").origin(),
          "state.store",
          "unknown state store '"
              + store
              + "'"
              + Suggestions.didYouMean(store, known)
              + "; known: "
              + String.join(", ", known));
    }
    Optional<String> connection = read(JobKeys.STATE, "connection", block, "state");
    connection.ifPresent(
        c -> {
          if (!connectionNames.contains(c)) {
            add(
                root.getValue("state.connection").origin(),
                "state.connection",
                "unknown connection '" + c + "'" + Suggestions.didYouMean(c, connectionNames));
          }
        });
    if (!store.equals(StateSpec.LAKE.store()) && connection.isEmpty()) {
      add(
          root.getValue("state").origin(),
          "state.connection",
          "missing: the '" + store + "' state store needs the connection to keep watermarks in");
    }
    return new StateSpec(store, connection, read(JobKeys.STATE, "schema", block, "state"));
  }

  private String jobName(Config root) {
    if (!isObject(root, "job", true)) {
      return "";
    }
    unknownKeys(root.getObject("job"), "job", JobKeys.JOB.names());
    Optional<String> name =
        required(JobKeys.JOB, "name", root.getConfig("job"), "job", root.getValue("job").origin());
    if (name.isPresent() && !JOB_NAME.matcher(name.get()).matches()) {
      add(
          root.getValue("job.name").origin(),
          "job.name",
          "'"
              + name.get()
              + "' is not a valid job name: use lower-case letters, digits, '-' and '_' (it names"
              + " lake folders)");
    }
    return name.orElse("");
  }

  private SparkSpec spark(Config root) {
    if (!isObject(root, "spark", false)) {
      return new SparkSpec(Optional.empty(), Optional.empty(), Map.of());
    }
    unknownKeys(root.getObject("spark"), "spark", JobKeys.SPARK.names());
    Map<String, String> conf = new TreeMap<>();
    if (isObject(root, "spark.conf", false)) {
      for (var e : root.getConfig("spark.conf").entrySet()) {
        ConfigValue v = e.getValue();
        if (v.valueType() == ConfigValueType.LIST || v.valueType() == ConfigValueType.OBJECT) {
          add(v.origin(), "spark.conf." + e.getKey(), "expected a string, number or boolean");
        } else {
          // entrySet() gives path expressions: a quoted key ("spark.sql.x") keeps its quotes.
          conf.put(
              String.join(".", ConfigUtil.splitPath(e.getKey())), String.valueOf(v.unwrapped()));
        }
      }
    }
    return new SparkSpec(
        read(JobKeys.SPARK, "app-name", root.getConfig("spark"), "spark"),
        read(JobKeys.SPARK, "master", root.getConfig("spark"), "spark"),
        conf);
  }

  private LakeSpec lake(Config root) {
    if (!isObject(root, "lake", true)) {
      return new LakeSpec(
          "",
          Optional.empty(),
          Optional.empty(),
          false,
          Optional.empty(),
          Optional.empty(),
          LakeSpec.DEFAULT_CLEAN_AFTER);
    }
    unknownKeys(root.getObject("lake"), "lake", JobKeys.LAKE.names());
    String lakeRoot =
        required(
                JobKeys.LAKE,
                "root",
                root.getConfig("lake"),
                "lake",
                root.getValue("lake").origin())
            .orElse("");
    if (!lakeRoot.isEmpty()
        && !lakeRoot.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*")
        && !lakeRoot.startsWith("/")) {
      add(
          root.getValue("lake.root").origin(),
          "lake.root",
          "'"
              + lakeRoot
              + "' is neither a URI (s3://bucket/prefix, file:///path) nor an absolute path");
    }
    if (lakeRoot.startsWith("/")) {
      lakeRoot = "file://" + lakeRoot;
    }
    Optional<String> endpoint = Optional.empty();
    Optional<String> region = Optional.empty();
    boolean pathStyle = false;
    Optional<String> accessKey = Optional.empty();
    Optional<Secret> secretKey = Optional.empty();
    if (isObject(root, "lake.s3", false)) {
      unknownKeys(root.getObject("lake.s3"), "lake.s3", JobKeys.LAKE_S3.names());
      Config s3 = root.getConfig("lake.s3");
      endpoint = read(JobKeys.LAKE_S3, "endpoint", s3, "lake.s3");
      region = read(JobKeys.LAKE_S3, "region", s3, "lake.s3");
      pathStyle =
          this.<Boolean>read(JobKeys.LAKE_S3, "path-style-access", s3, "lake.s3").orElse(false);
      accessKey = read(JobKeys.LAKE_S3, "access-key", s3, "lake.s3");
      secretKey =
          this.<String>read(JobKeys.LAKE_S3, "secret-key", s3, "lake.s3")
              .map(v -> Secret.of("lake.s3.secret-key", v));
      if (accessKey.isPresent() != secretKey.isPresent()) {
        add(
            root.getValue("lake.s3").origin(),
            "lake.s3",
            "set both access-key and secret-key, or neither (then the AWS default credential chain"
                + " is used)");
      }
    }
    return new LakeSpec(
        lakeRoot, endpoint, region, pathStyle, accessKey, secretKey, cleanAfter(root));
  }

  private Duration cleanAfter(Config root) {
    return declared(root.getConfig("lake"), "lake", JobKeys.LAKE_CLEAN_AFTER)
        .orElse(JobKeys.LAKE_CLEAN_AFTER.defaultValue().orElseThrow());
  }

  /**
   * Reads a job-level key of a block through its declaration in {@link JobKeys}, reporting a value
   * of the wrong type at its line; empty when the key is absent or its value is wrong.
   */
  private <T> Optional<T> declared(Config block, String blockPath, StageOption<T> key) {
    if (!block.hasPath(key.name())) {
      return Optional.empty();
    }
    String shown = blockPath + "." + key.name();
    try {
      return Optional.of(key.type().read(block, key.name()));
    } catch (InvalidOptionValue e) {
      e.faults().forEach(f -> add(f.origin(), blockPath + "." + f.key(), f.reason()));
    } catch (ConfigException e) {
      add(
          block.getValue(key.name()).origin(),
          shown,
          typeMessage(key, block.getValue(key.name()), e));
    }
    return Optional.empty();
  }

  private Map<String, ConnectionSpec> connections(Config root) {
    Map<String, ConnectionSpec> out = new LinkedHashMap<>();
    if (!isObject(root, "connections", false)) {
      return out;
    }
    ConfigObject all = root.getObject("connections");
    for (String name : new TreeMap<>(all).keySet()) {
      String path = "connections." + quoteKey(name);
      String shown = "connections." + name;
      ConfigValue value = all.get(name);
      if (value.valueType() != ConfigValueType.OBJECT) {
        add(value.origin(), shown, "expected an object with url, user and password");
        continue;
      }
      Config c = root.getConfig(path);
      unknownKeys((ConfigObject) value, shown, JobKeys.CONNECTION.names());
      Optional<String> url = required(JobKeys.CONNECTION, "url", c, shown, value.origin());
      url.ifPresent(
          u -> {
            if (!u.startsWith("jdbc:")) {
              add(c.getValue("url").origin(), shown + ".url", "expected a JDBC URL (jdbc:...)");
            }
            if (URL_CREDENTIALS.matcher(u).find()) {
              add(
                  c.getValue("url").origin(),
                  shown + ".url",
                  "the URL carries credentials; remove them and set "
                      + shown
                      + ".user and "
                      + shown
                      + ".password (from an environment variable or Secrets Manager)");
            }
          });
      Optional<String> user = read(JobKeys.CONNECTION, "user", c, shown);
      Optional<Secret> password = password(c, shown);
      Optional<String> driver = read(JobKeys.CONNECTION, "driver", c, shown);
      Map<String, String> properties =
          new TreeMap<>(
              this.<Map<String, String>>read(JobKeys.CONNECTION, "properties", c, shown)
                  .orElse(Map.of()));
      out.put(name, new ConnectionSpec(name, url.orElse(""), user, password, driver, properties));
    }
    return out;
  }

  private Optional<Secret> password(Config c, String shown) {
    if (!c.hasPath("password")) {
      return Optional.empty();
    }
    String path = shown + ".password";
    ConfigValue value = c.getValue("password");
    if (value.valueType() != ConfigValueType.OBJECT) {
      if (value.valueType() == ConfigValueType.LIST) {
        add(value.origin(), path, "expected a string or an object (env or secrets-manager)");
        return Optional.empty();
      }
      return Optional.of(Secret.of(path, String.valueOf(value.unwrapped())));
    }
    unknownKeys((ConfigObject) value, path, JobKeys.PASSWORD.names());
    Config p = c.getConfig("password");
    if (p.hasPath("env") == p.hasPath("secrets-manager")) {
      add(value.origin(), path, "set exactly one of 'env' and 'secrets-manager'");
      return Optional.empty();
    }
    if (p.hasPath("env")) {
      String variable = p.getString("env");
      environment.putIfAbsent(
          variable,
          Problem.at(
              p.getValue("env").origin(),
              path + ".env",
              "environment variable "
                  + variable
                  + " is not set; export it where ferry runs (on EMR, in the step's or the"
                  + " cluster's environment), or read the password from AWS Secrets Manager"
                  + " with password { secrets-manager = ... }"));
      return Optional.of(
          Secret.lazy(
              "environment variable " + variable,
              () -> {
                String v = System.getenv(variable);
                if (v == null) {
                  throw new IllegalStateException(
                      path + ": environment variable " + variable + " is not set");
                }
                return v;
              }));
    }
    String secretId = p.getString("secrets-manager");
    return Optional.of(
        Secret.lazy(
            "AWS Secrets Manager " + secretId,
            SecretsManagerSecrets.resolver(
                secretId,
                read(JobKeys.PASSWORD, "key", p, path),
                read(JobKeys.PASSWORD, "region", p, path),
                read(JobKeys.PASSWORD, "endpoint", p, path))));
  }

  private List<StageSpec> stages(Config root, Map<String, ConnectionSpec> connections) {
    List<StageSpec> out = new ArrayList<>();
    if (!root.hasPath("stages")) {
      add(root.origin(), "stages", "missing: a job needs at least one stage");
      return out;
    }
    ConfigValue value = root.getValue("stages");
    if (value.valueType() != ConfigValueType.LIST) {
      add(value.origin(), "stages", "expected a list of stage objects [ {...}, {...} ]");
      return out;
    }
    ConfigList list = (ConfigList) value;
    if (list.isEmpty()) {
      add(value.origin(), "stages", "empty: a job needs at least one stage");
    }
    Set<String> seen = new HashSet<>();
    List<String> earlier = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      ConfigValue entry = list.get(i);
      String path = "stages[" + i + "]";
      if (entry.valueType() != ConfigValueType.OBJECT) {
        add(entry.origin(), path, "expected a stage object { name = ..., type = ... }");
        continue;
      }
      Config stage = ((ConfigObject) entry).toConfig();
      Optional<StageSpec> spec = stage(i, stage, entry.origin(), connections, seen, earlier);
      spec.ifPresent(out::add);
      optionalString(stage, "name", path + ".name").ifPresent(earlier::add);
    }
    return out;
  }

  private Optional<StageSpec> stage(
      int index,
      Config stage,
      ConfigOrigin origin,
      Map<String, ConnectionSpec> connections,
      Set<String> seen,
      List<String> earlier) {
    String path = "stages[" + index + "]";
    Optional<String> name = requiredString(stage, "name", origin, path + ".name");
    name.ifPresent(
        n -> {
          if (!STAGE_NAME.matcher(n).matches()) {
            add(
                stage.getValue("name").origin(),
                path + ".name",
                "'"
                    + n
                    + "' is not a valid stage name: use letters, digits and '_', not starting with"
                    + " a digit (it becomes a SQL view name)");
          } else if (!seen.add(n.toLowerCase())) {
            add(
                stage.getValue("name").origin(),
                path + ".name",
                "duplicate stage name '" + n + "'; stage names must be unique (case-insensitive)");
          }
        });
    Optional<String> type = requiredString(stage, "type", origin, path + ".type");
    Optional<StageFactory> factory = type.flatMap(registry::find);
    if (type.isPresent() && factory.isEmpty()) {
      add(
          stage.getValue("type").origin(),
          path + ".type",
          "unknown stage type '"
              + type.get()
              + "'"
              + Suggestions.didYouMean(type.get(), registry.types())
              + "; known types: "
              + String.join(", ", registry.types())
              + " (a stage module missing from the classpath?)");
    }
    Optional<String> input = optionalString(stage, "input", path + ".input");
    input.ifPresent(
        in -> {
          if (earlier.stream().noneMatch(e -> e.equalsIgnoreCase(in))) {
            String why =
                seen.contains(in.toLowerCase())
                    ? "stage '"
                        + in
                        + "' runs at or after this one; a stage can only read earlier stages"
                    : "no earlier stage is named '"
                        + in
                        + "'"
                        + Suggestions.didYouMean(in, earlier);
            add(stage.getValue("input").origin(), path + ".input", why);
          }
        });
    String description = optionalString(stage, "description", path + ".description").orElse("");
    if (factory.isEmpty()) {
      return Optional.empty();
    }
    Optional<OptionValues> values = options(path, stage, origin, factory.get(), connections);
    StageSpec spec =
        new StageSpec(
            index,
            name.orElse(""),
            type.get(),
            input,
            description,
            values.orElseGet(() -> new OptionValues(Map.of(), Map.of(), stage)),
            origin,
            jobLocation,
            connections);
    if (input.isPresent() && !factory.get().readsInput()) {
      add(
          stage.getValue("input").origin(),
          path + ".input",
          "stages of type '" + type.get() + "' read no input; remove 'input'");
    }
    if (values.isPresent()) {
      StageProblems stageProblems = stageProblems(path, values.get());
      factory.get().validate(spec, stageProblems);
      if (checks == Checks.ALL && factory.get() instanceof SparkChecks spark) {
        spark.checkWithSpark(spec, stageProblems);
      }
    }
    return Optional.of(spec);
  }

  /**
   * Reads every declared option of a stage once, reporting unknown keys, missing and malformed
   * values and broken rules. Returns the typed values, or empty when a declared option failed to
   * read (then the stage's own validation, which relies on them, does not run).
   */
  private Optional<OptionValues> options(
      String path,
      Config stage,
      ConfigOrigin origin,
      StageFactory factory,
      Map<String, ConnectionSpec> connections) {
    Set<String> connectionNames = connections.keySet();
    List<StageOption<?>> declared = factory.options();
    unknownOptions(path, stage, factory);
    Map<StageOption<?>, Object> values = new LinkedHashMap<>();
    Map<StageOption<?>, String> writtenKeys = new LinkedHashMap<>();
    boolean readFailed = false;
    Set<StageOption<?>> failed = new HashSet<>();
    for (StageOption<?> option : declared) {
      List<String> written = option.keys().stream().filter(stage::hasPath).toList();
      if (written.isEmpty()) {
        if (option.required()) {
          add(
              origin,
              path + "." + option.name(),
              "missing required option: " + option.description());
          readFailed = true;
        }
        continue;
      }
      String key = written.get(0);
      if (written.size() > 1) {
        String alias = written.get(written.size() - 1);
        add(
            stage.getValue(alias).origin(),
            path + "." + alias,
            "'"
                + alias
                + "' is the old name of '"
                + option.name()
                + "'; keep '"
                + option.name()
                + "' only");
      } else if (!key.equals(option.name())) {
        warnings.add(
            Problem.at(
                stage.getValue(key).origin(),
                path + "." + key,
                "'" + key + "' is deprecated; write '" + option.name() + "'"));
        writtenKeys.put(option, key);
      }
      try {
        Object value = option.type().read(stage, key);
        values.put(option, value);
        if (option.type() == OptionType.CONNECTION && !connectionNames.contains(value)) {
          add(
              stage.getValue(key).origin(),
              path + "." + key,
              "unknown connection '"
                  + value
                  + "'"
                  + Suggestions.didYouMean((String) value, connectionNames)
                  + "; define it under 'connections'"
                  + (connectionNames.isEmpty()
                      ? ""
                      : " (defined: " + String.join(", ", connectionNames) + ")"));
        }
      } catch (InvalidOptionValue e) {
        e.faults().forEach(f -> add(f.origin(), path + "." + f.key(), f.reason()));
        failed.add(option);
      } catch (ConfigException e) {
        add(
            e.origin() != null ? e.origin() : stage.getValue(key).origin(),
            path + "." + key,
            typeMessage(option, stage.getValue(key), e));
        failed.add(option);
      }
    }
    OptionValues typed = new OptionValues(values, writtenKeys, stage, connections);
    for (OptionRule rule : factory.rules()) {
      if (rule.options().stream().anyMatch(failed::contains)
          || rule.when().stream().anyMatch(c -> failed.contains(c.option()))) {
        continue;
      }
      for (OptionRule.Violation v : rule.check(typed)) {
        if (v.at().isPresent()) {
          add(typed.location(v.at().get()), path + "." + v.at().get().name(), v.message());
        } else {
          add(origin, path, v.message());
        }
      }
    }
    return readFailed || !failed.isEmpty() ? Optional.empty() : Optional.of(typed);
  }

  private void unknownOptions(String path, Config stage, StageFactory factory) {
    List<StageOption<?>> declared = factory.options();
    Set<String> known = new LinkedHashSet<>(STAGE_RESERVED);
    declared.forEach(o -> known.add(o.name()));
    for (var entry : stage.entrySet()) {
      String key = entry.getKey();
      if (STAGE_RESERVED.contains(key)) {
        continue;
      }
      boolean ok =
          declared.stream()
              .anyMatch(
                  o ->
                      o.keys().stream()
                          .anyMatch(
                              k ->
                                  k.equals(key)
                                      || (o.type().freeForm() && key.startsWith(k + "."))));
      if (!ok) {
        add(
            entry.getValue().origin(),
            path + "." + key,
            "unknown option for stage type '"
                + factory.type()
                + "'"
                + Suggestions.didYouMean(key, known)
                + "; run 'ferry stages "
                + factory.type()
                + "' to list its options");
      }
    }
  }

  private static String typeMessage(StageOption<?> option, ConfigValue v, ConfigException e) {
    if (e instanceof ConfigException.BadValue) {
      String m = JobLoader.cleanMessage(e);
      int idx = m.indexOf(": ");
      return idx >= 0 && m.startsWith("Invalid value at") ? m.substring(idx + 2) : m;
    }
    String found =
        v.valueType() == ConfigValueType.STRING
            ? "'" + v.unwrapped() + "'"
            : v.valueType().name().toLowerCase();
    return "expected " + option.type().expectation() + ", found " + found;
  }

  private StageProblems stageProblems(String path, OptionValues values) {
    return new StageProblems() {
      @Override
      public void add(StageOption<?> option, String message) {
        JobValidator.this.add(values.location(option), path + "." + option.name(), message);
      }

      @Override
      public void add(String key, String message) {
        JobValidator.this.add(values.location(key), path + "." + key, message);
      }
    };
  }

  private void unknownKeys(ConfigObject object, String parent, Set<String> allowed) {
    for (var e : object.entrySet()) {
      if (!allowed.contains(e.getKey())) {
        String path = parent.isEmpty() ? e.getKey() : parent + "." + e.getKey();
        add(
            e.getValue().origin(),
            path,
            "unknown key"
                + Suggestions.didYouMean(e.getKey(), allowed)
                + "; allowed here: "
                + String.join(", ", new java.util.TreeSet<>(allowed)));
      }
    }
  }

  private boolean isObject(Config root, String path, boolean required) {
    if (!root.hasPath(path)) {
      if (required) {
        add(root.origin(), path, "missing: add a '" + path + "' block");
      }
      return false;
    }
    ConfigValue v = root.getValue(path);
    if (v.valueType() != ConfigValueType.OBJECT) {
      add(
          v.origin(),
          path,
          "expected an object { ... }, found " + v.valueType().name().toLowerCase());
      return false;
    }
    return true;
  }

  private Config objectOrEmpty(Config root, String path) {
    return isObject(root, path, false) ? root.getConfig(path) : ConfigFactory.empty();
  }

  /**
   * A job-level key of {@code block}, read through its declaration in {@link JobKeys} (which types
   * and documents it); a value of the wrong type is reported at its line.
   *
   * @param c the block's object
   * @param shown the block's path in messages, e.g. {@code connections.app}
   */
  private <T> Optional<T> read(JobKeys.Block block, String name, Config c, String shown) {
    return declared(c, shown, block.<T>key(name));
  }

  /** A required string key of {@code block}: missing (at {@code parent}) or blank is a problem. */
  private Optional<String> required(
      JobKeys.Block block, String name, Config c, String shown, ConfigOrigin parent) {
    if (!c.hasPath(name)) {
      add(parent, shown + "." + name, "missing");
      return Optional.empty();
    }
    Optional<String> v = read(block, name, c, shown);
    if (v.isPresent() && v.get().isBlank()) {
      add(c.getValue(name).origin(), shown + "." + name, "must not be empty");
      return Optional.empty();
    }
    return v;
  }

  private Optional<String> requiredString(Config c, String key, ConfigOrigin parent, String shown) {
    if (!c.hasPath(key)) {
      add(parent, shown, "missing");
      return Optional.empty();
    }
    Optional<String> v = optionalString(c, key, shown);
    if (v.isPresent() && v.get().isBlank()) {
      add(c.getValue(key).origin(), shown, "must not be empty");
      return Optional.empty();
    }
    return v;
  }

  private Optional<String> optionalString(Config c, String key, String shown) {
    if (!c.hasPath(key)) {
      return Optional.empty();
    }
    ConfigValue v = c.getValue(key);
    if (v.valueType() == ConfigValueType.OBJECT || v.valueType() == ConfigValueType.LIST) {
      add(v.origin(), shown, "expected a string, found " + v.valueType().name().toLowerCase());
      return Optional.empty();
    }
    return Optional.of(String.valueOf(v.unwrapped()));
  }

  private void add(ConfigOrigin origin, String path, String message) {
    problems.add(Problem.at(origin, path, message));
  }

  private void add(ConfigLocation location, String path, String message) {
    problems.add(new Problem(location.file(), location.line(), path, message));
  }

  private static String quoteKey(String key) {
    return key.matches("[A-Za-z0-9_-]+") ? key : "\"" + key.replace("\"", "\\\"") + "\"";
  }
}
