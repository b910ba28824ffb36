package io.ferry.launcher.export;

import static java.util.Objects.requireNonNull;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.ferry.core.option.Suggestions;
import io.ferry.engine.job.InvalidJobException;
import io.ferry.engine.job.Problem;
import io.ferry.launcher.export.DeployKey.Kind;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The job's {@code deploy { ... }} block, checked for one export target: where the app jar and the
 * job files are in S3, and the cluster, roles and limits a scheduler starts the job with. The block
 * may sit in the job file or the env file; the env file's keys win over the job's (one job, a
 * deploy block per environment), {@code --set deploy.KEY=VALUE} wins over both.
 *
 * <p>Every key is declared in {@link #KEYS}. {@link #read} reports every problem at once, each
 * located ({@code file:line: deploy.KEY: ...}): unknown keys with a "did you mean", wrong types,
 * and every key the target needs that is missing.
 *
 * @param jobFile the job file's S3 URI, as the cluster reads it
 * @param env the value the cluster's {@code ferry run} gets for {@code --env}: the env file's S3
 *     URI or an environment name, resolved beside the job's folder
 * @param origin where the block is, or the job file when there is none; limit errors point here
 */
record DeploySpec(
    String jar,
    String jobFile,
    Optional<String> env,
    Optional<String> region,
    Optional<String> releaseLabel,
    Optional<String> serviceRole,
    Optional<String> instanceProfile,
    Optional<String> pipelineRole,
    Optional<String> logUri,
    Optional<String> masterInstanceType,
    Optional<String> coreInstanceType,
    int coreInstanceCount,
    Optional<String> subnetId,
    Optional<String> clusterId,
    Optional<String> applicationId,
    Optional<String> executionRoleArn,
    Duration timeout,
    int retries,
    String schedule,
    Optional<LocalDate> startDate,
    Map<String, String> sparkConf,
    ConfigOrigin origin) {

  static final String JAR = "jar";
  static final String JOB_FILE = "job-file";
  static final String ENV_FILE = "env-file";
  static final String REGION = "region";
  static final String RELEASE_LABEL = "release-label";
  static final String SERVICE_ROLE = "service-role";
  static final String INSTANCE_PROFILE = "instance-profile";
  static final String PIPELINE_ROLE = "pipeline-role";
  static final String LOG_URI = "log-uri";
  static final String MASTER_INSTANCE_TYPE = "master-instance-type";
  static final String CORE_INSTANCE_TYPE = "core-instance-type";
  static final String CORE_INSTANCE_COUNT = "core-instance-count";
  static final String SUBNET_ID = "subnet-id";
  static final String CLUSTER_ID = "cluster-id";
  static final String APPLICATION_ID = "application-id";
  static final String EXECUTION_ROLE_ARN = "execution-role-arn";
  static final String TIMEOUT = "timeout";
  static final String RETRIES = "retries";
  static final String SCHEDULE = "schedule";
  static final String START_DATE = "start-date";
  static final String SPARK_CONF = "spark-conf";

  static final Duration DEFAULT_TIMEOUT = Duration.ofHours(6);
  static final int DEFAULT_RETRIES = 2;
  static final int DEFAULT_CORE_INSTANCE_COUNT = 2;
  static final String DEFAULT_SCHEDULE = "@daily";

  /** Every key the block takes, in the order docs list them. */
  static final List<DeployKey> KEYS =
      List.of(
          new DeployKey(JAR, Kind.S3_URI, "The Ferry app jar, ferry-launcher-<version>.jar."),
          new DeployKey(
              JOB_FILE,
              Kind.S3_URI,
              "The job file as the cluster reads it. Default: the job's own location when it is"
                  + " exported from s3://."),
          new DeployKey(
              ENV_FILE,
              Kind.S3_URI,
              "The env file as the cluster reads it. Default: --env NAME is passed on and found"
                  + " beside the job's folder (s3://bucket/env/NAME.conf for"
                  + " s3://bucket/jobs/x.conf)."),
          new DeployKey(REGION, Kind.TEXT, "AWS region, e.g. eu-west-1. Default: the scheduler's."),
          new DeployKey(RELEASE_LABEL, Kind.TEXT, "Amazon EMR release, e.g. emr-7.12.0."),
          new DeployKey(SERVICE_ROLE, Kind.TEXT, "EMR service role, e.g. EMR_DefaultRole_V2."),
          new DeployKey(
              INSTANCE_PROFILE,
              Kind.TEXT,
              "EC2 instance profile of the cluster's nodes (S3, Secrets Manager access), e.g."
                  + " EMR_EC2_DefaultRole."),
          new DeployKey(
              PIPELINE_ROLE,
              Kind.TEXT,
              "AWS Data Pipeline's role, e.g. DataPipelineDefaultRole (data-pipeline only)."),
          new DeployKey(
              LOG_URI,
              Kind.S3_URI,
              "Where EMR (or EMR Serverless) writes step, driver and executor logs."),
          new DeployKey(MASTER_INSTANCE_TYPE, Kind.TEXT, "Primary node type, e.g. m5.xlarge."),
          new DeployKey(
              CORE_INSTANCE_TYPE, Kind.TEXT, "Core node type. Default: master-instance-type."),
          new DeployKey(
              CORE_INSTANCE_COUNT,
              Kind.COUNT,
              "Number of core nodes. Default: " + DEFAULT_CORE_INSTANCE_COUNT + "."),
          new DeployKey(SUBNET_ID, Kind.TEXT, "EC2 subnet of the cluster. Default: EMR's choice."),
          new DeployKey(
              CLUSTER_ID, Kind.TEXT, "Running cluster to add the step to, j-... (emr-step only)."),
          new DeployKey(
              APPLICATION_ID, Kind.TEXT, "EMR Serverless application id (serverless targets)."),
          new DeployKey(
              EXECUTION_ROLE_ARN,
              Kind.TEXT,
              "EMR Serverless job runtime role ARN (serverless targets)."),
          new DeployKey(
              TIMEOUT,
              Kind.DURATION,
              "Longest a run may take before the scheduler stops it, e.g. 90m (all targets but"
                  + " emr-step). Default: 6h."),
          new DeployKey(
              RETRIES,
              Kind.COUNT,
              "Times the scheduler retries a failed run, with the same run id so nothing loads"
                  + " twice (step-functions, step-functions-serverless, airflow-serverless,"
                  + " data-pipeline). Default: "
                  + DEFAULT_RETRIES
                  + "."),
          new DeployKey(
              SCHEDULE,
              Kind.TEXT,
              "When runs start (airflow: a cron expression or preset; data-pipeline: @hourly,"
                  + " @daily or @weekly). Default: "
                  + DEFAULT_SCHEDULE
                  + "."),
          new DeployKey(START_DATE, Kind.DATE, "First logical date (airflow and data-pipeline)."),
          new DeployKey(
              SPARK_CONF,
              Kind.TEXT_MAP,
              "Extra spark-submit --conf settings, e.g. { \"spark.executor.memory\" = 8g }."));

  DeploySpec {
    requireNonNull(jar, "jar");
    requireNonNull(jobFile, "jobFile");
    requireNonNull(env, "env");
    requireNonNull(region, "region");
    requireNonNull(releaseLabel, "releaseLabel");
    requireNonNull(serviceRole, "serviceRole");
    requireNonNull(instanceProfile, "instanceProfile");
    requireNonNull(pipelineRole, "pipelineRole");
    requireNonNull(logUri, "logUri");
    requireNonNull(masterInstanceType, "masterInstanceType");
    requireNonNull(coreInstanceType, "coreInstanceType");
    requireNonNull(subnetId, "subnetId");
    requireNonNull(clusterId, "clusterId");
    requireNonNull(applicationId, "applicationId");
    requireNonNull(executionRoleArn, "executionRoleArn");
    requireNonNull(timeout, "timeout");
    requireNonNull(schedule, "schedule");
    requireNonNull(startDate, "startDate");
    sparkConf = Map.copyOf(sparkConf);
    requireNonNull(origin, "origin");
  }

  static Optional<DeployKey> key(String name) {
    return KEYS.stream().filter(k -> k.name().equals(name)).findFirst();
  }

  /**
   * Reads and checks the block for {@code target}.
   *
   * @param root the resolved job, the env file's keys over the job file's (see {@link ExportJob})
   * @param jobName where the job was read from, e.g. {@code s3://b/jobs/x.conf}
   * @param envGiven what {@code --env} named, if anything
   * @throws InvalidJobException listing every problem
   */
  static DeploySpec read(
      Config root, String jobName, Optional<String> envGiven, ExportTarget target) {
    return new Reader(root, target).read(jobName, envGiven);
  }

  /** One pass over the block, collecting problems. */
  private static final class Reader {
    private final Config block;
    private final ConfigOrigin origin;
    private final ExportTarget target;
    private final List<Problem> problems = new ArrayList<>();

    Reader(Config root, ExportTarget target) {
      this.target = target;
      ConfigValue value = root.hasPath("deploy") ? root.getValue("deploy") : null;
      if (value != null && value.valueType() != ConfigValueType.OBJECT) {
        problems.add(
            Problem.at(
                value.origin(),
                "deploy",
                "expected an object { ... }, found " + value.valueType().name().toLowerCase()));
        value = null;
      }
      this.block = value == null ? ConfigFactory.empty() : ((ConfigObject) value).toConfig();
      this.origin = value == null ? root.origin() : located((ConfigObject) value);
    }

    /**
     * A block merged from the env and the job file has a {@code merge of a: 3,b: 7} origin, which
     * names no one file; its problems point at the first of its keys' files and lines instead.
     */
    private static ConfigOrigin located(ConfigObject block) {
      if (!block.origin().description().startsWith("merge of ")) {
        return block.origin();
      }
      return block.values().stream()
          .map(ConfigValue::origin)
          .filter(o -> !o.description().startsWith("merge of "))
          .min(
              java.util.Comparator.comparing(ConfigOrigin::description)
                  .thenComparingInt(ConfigOrigin::lineNumber))
          .orElse(block.origin());
    }

    DeploySpec read(String jobName, Optional<String> envGiven) {
      unknownKeys();
      Optional<String> jobFile = text(JOB_FILE).or(() -> s3Location(jobName));
      Optional<String> master = text(MASTER_INSTANCE_TYPE);
      String schedule = text(SCHEDULE).orElse(DEFAULT_SCHEDULE);
      DeploySpec spec =
          new DeploySpec(
              text(JAR).orElse(""),
              jobFile.orElse(""),
              env(envGiven),
              text(REGION),
              text(RELEASE_LABEL),
              text(SERVICE_ROLE),
              text(INSTANCE_PROFILE),
              text(PIPELINE_ROLE),
              text(LOG_URI),
              master,
              text(CORE_INSTANCE_TYPE).or(() -> master),
              count(CORE_INSTANCE_COUNT, 1).orElse(DEFAULT_CORE_INSTANCE_COUNT),
              text(SUBNET_ID),
              text(CLUSTER_ID),
              text(APPLICATION_ID),
              text(EXECUTION_ROLE_ARN),
              duration(TIMEOUT).orElse(DEFAULT_TIMEOUT),
              count(RETRIES, 0).orElse(DEFAULT_RETRIES),
              schedule,
              date(START_DATE),
              textMap(SPARK_CONF),
              origin);
      for (String needed : target.needs()) {
        boolean given = needed.equals(JOB_FILE) ? jobFile.isPresent() : block.hasPath(needed);
        if (!given) {
          problems.add(
              Problem.at(
                  origin,
                  "deploy." + needed,
                  "missing: --to "
                      + target.id()
                      + " needs it. "
                      + key(needed).orElseThrow().description()
                      + (needed.equals(JOB_FILE)
                          ? " The job was read from '"
                              + jobName
                              + "': upload it and set deploy.job-file, or export it from its"
                              + " s3:// location."
                          : "")));
        }
      }
      target.checkSchedule(schedule).ifPresent(m -> problems.add(at(SCHEDULE, m)));
      if (!problems.isEmpty()) {
        throw new InvalidJobException(problems);
      }
      return spec;
    }

    private static Optional<String> s3Location(String jobName) {
      return jobName.startsWith("s3://") ? Optional.of(jobName) : Optional.empty();
    }

    /** The env file's S3 URI, or the environment name for the cluster to find beside the job. */
    private Optional<String> env(Optional<String> envGiven) {
      Optional<String> file = text(ENV_FILE);
      if (file.isPresent() || envGiven.isEmpty()) {
        return file;
      }
      String given = envGiven.get();
      if (given.startsWith("s3://")) {
        return envGiven;
      }
      if (given.contains("/") || given.endsWith(".conf")) {
        problems.add(
            Problem.at(
                origin,
                "deploy." + ENV_FILE,
                "missing: --env '"
                    + given
                    + "' is a local file the cluster cannot read; upload it and set"
                    + " deploy.env-file to its s3:// URI, or pass --env NAME"));
        return Optional.empty();
      }
      return envGiven;
    }

    private void unknownKeys() {
      List<String> names = KEYS.stream().map(DeployKey::name).toList();
      for (var entry : block.root().entrySet()) {
        if (!names.contains(entry.getKey())) {
          problems.add(
              Problem.at(
                  entry.getValue().origin(),
                  "deploy." + entry.getKey(),
                  "unknown key"
                      + Suggestions.didYouMean(entry.getKey(), names)
                      + "; allowed here: "
                      + String.join(", ", new TreeSet<>(names))));
        }
      }
    }

    private Optional<String> text(String name) {
      if (!block.hasPath(name)) {
        return Optional.empty();
      }
      ConfigValue value = block.getValue(name);
      if (value.valueType() == ConfigValueType.OBJECT
          || value.valueType() == ConfigValueType.LIST) {
        add(name, "expected a string, found " + value.valueType().name().toLowerCase());
        return Optional.empty();
      }
      String text = String.valueOf(value.unwrapped()).trim();
      if (text.isEmpty()) {
        add(name, "must not be empty");
        return Optional.empty();
      }
      if (key(name).orElseThrow().kind() == Kind.S3_URI && !text.matches("s3://[^/]+/.*")) {
        add(name, "expected an s3:// URI (s3://bucket/key), found '" + text + "'");
        return Optional.empty();
      }
      return Optional.of(text);
    }

    private Optional<Integer> count(String name, int min) {
      if (!block.hasPath(name)) {
        return Optional.empty();
      }
      try {
        int value = block.getInt(name);
        if (value < min) {
          add(name, "must be at least " + min + ", found " + value);
          return Optional.empty();
        }
        return Optional.of(value);
      } catch (ConfigException e) {
        add(name, "expected an integer, found " + found(name));
        return Optional.empty();
      }
    }

    private Optional<Duration> duration(String name) {
      if (!block.hasPath(name)) {
        return Optional.empty();
      }
      try {
        Duration value = block.getDuration(name);
        if (value.toMinutes() < 1) {
          add(name, "must be at least 1 minute, found " + value);
          return Optional.empty();
        }
        return Optional.of(value);
      } catch (ConfigException e) {
        add(name, "expected a duration (e.g. 90m, 6h), found " + found(name));
        return Optional.empty();
      }
    }

    private Optional<LocalDate> date(String name) {
      Optional<String> text = text(name);
      try {
        return text.map(LocalDate::parse);
      } catch (DateTimeParseException e) {
        add(name, "expected a date YYYY-MM-DD, found '" + text.get() + "'");
        return Optional.empty();
      }
    }

    private Map<String, String> textMap(String name) {
      Map<String, String> out = new TreeMap<>();
      if (!block.hasPath(name)) {
        return out;
      }
      ConfigValue value = block.getValue(name);
      if (value.valueType() != ConfigValueType.OBJECT) {
        add(name, "expected an object of strings { \"key\" = value }, found " + found(name));
        return out;
      }
      for (var entry : ((ConfigObject) value).entrySet()) {
        ConfigValue v = entry.getValue();
        if (v.valueType() == ConfigValueType.OBJECT || v.valueType() == ConfigValueType.LIST) {
          problems.add(
              Problem.at(
                  v.origin(),
                  "deploy." + name + "." + entry.getKey(),
                  "expected a string; quote dotted keys: \"spark.executor.memory\" = 8g"));
        } else {
          out.put(entry.getKey(), String.valueOf(v.unwrapped()));
        }
      }
      return out;
    }

    private String found(String name) {
      ConfigValue v = block.getValue(name);
      return v.valueType() == ConfigValueType.STRING
          ? "'" + v.unwrapped() + "'"
          : v.valueType().name().toLowerCase();
    }

    private void add(String name, String message) {
      problems.add(at(name, message));
    }

    private Problem at(String name, String message) {
      ConfigOrigin where = block.hasPath(name) ? block.getValue(name).origin() : origin;
      return Problem.at(where, "deploy." + name, message);
    }
  }

  /** The declared keys as a Markdown table, for docs/deploy.md. */
  static String markdownTable() {
    return "| key | type | what |\n|---|---|---|\n"
        + KEYS.stream()
            .map(k -> "| `" + k.name() + "` | " + k.kind().shown() + " | " + k.description() + " |")
            .collect(Collectors.joining("\n"))
        + "\n";
  }
}
