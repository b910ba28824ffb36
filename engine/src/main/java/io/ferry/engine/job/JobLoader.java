package io.ferry.engine.job;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigSyntax;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import java.io.File;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a job into one resolved configuration. Layers, lowest first: the environment file ({@code
 * --env}), the job file, then {@code --set key=value} overrides. Substitutions such as {@code
 * ${params.run_date}} and {@code ${?APP_DB_PASSWORD}} resolve over the merged result, falling back
 * to environment variables.
 */
public final class JobLoader {
  private JobLoader() {}

  /**
   * @throws InvalidJobException for syntax errors and unresolved substitutions, located
   */
  public static Config load(JobSource job, Optional<JobSource> env, Map<String, String> overrides) {
    Config merged = parse(job);
    if (env.isPresent()) {
      merged = merged.withFallback(parse(env.get()));
    }
    Config sets = ConfigFactory.empty("--set");
    for (var e : overrides.entrySet()) {
      if (e.getKey().equals("stages") || e.getKey().startsWith("stages.")) {
        merged = StageOverride.apply(merged, e.getKey(), e.getValue());
      } else {
        sets = withSet(sets, e.getKey(), e.getValue());
      }
    }
    merged = sets.withFallback(merged);
    try {
      return merged.resolve(ConfigResolveOptions.defaults().setUseSystemEnvironment(true));
    } catch (ConfigException.UnresolvedSubstitution e) {
      throw new InvalidJobException(
          List.of(
              Problem.at(
                  e.origin(),
                  "",
                  cleanMessage(e)
                      + ". Define it in the job or env file, pass --set, or use ${?NAME} for an"
                      + " optional environment variable")));
    } catch (ConfigException e) {
      throw new InvalidJobException(List.of(Problem.at(e.origin(), "", cleanMessage(e))));
    }
  }

  /**
   * The {@code --set} layer with one more value. The objects that hold it are made here, with the
   * key as their origin, so a problem about one of them points at the {@code --set} that made it.
   */
  private static Config withSet(Config sets, String key, String value) {
    try {
      List<String> path = ConfigUtil.splitPath(key);
      ConfigValue nested = StageOverride.value(key, value);
      for (int i = path.size() - 1; i >= 0; i--) {
        nested = ConfigValueFactory.fromMap(Map.of(path.get(i), nested), "--set " + key);
      }
      return ((ConfigObject) nested).toConfig().withFallback(sets);
    } catch (ConfigException.BadPath e) {
      throw StageOverride.mistake(
          key,
          "'"
              + key
              + "' is not a key path; write dotted names, quoting a name that holds dots or"
              + " spaces, e.g. --set params.run_date=2026-11-23 or --set"
              + " 'spark.conf.\"spark.sql.shuffle.partitions\"=64'");
    }
  }

  /** Parses one file; a syntax error becomes a located problem. */
  static Config parse(JobSource source) {
    ConfigParseOptions options =
        ConfigParseOptions.defaults().setSyntax(ConfigSyntax.CONF).setAllowMissing(false);
    try {
      Optional<File> local = source.location().filter(l -> !l.contains("://")).map(File::new);
      if (local.isPresent() && local.get().isFile()) {
        return ConfigFactory.parseFile(local.get(), options);
      }
      return ConfigFactory.parseString(source.text(), options.setOriginDescription(source.name()));
    } catch (ConfigException e) {
      throw new InvalidJobException(List.of(Problem.at(e.origin(), "", cleanMessage(e))));
    }
  }

  /** Typesafe messages start with the origin; problems print it already. */
  static String cleanMessage(ConfigException e) {
    String message = e.getMessage();
    if (e.origin() != null) {
      String prefix = e.origin().description() + ": ";
      if (message.startsWith(prefix)) {
        message = message.substring(prefix.length());
      }
    }
    return message;
  }
}
