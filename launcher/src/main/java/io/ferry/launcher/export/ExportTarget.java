package io.ferry.launcher.export;

import static io.ferry.launcher.export.DeploySpec.APPLICATION_ID;
import static io.ferry.launcher.export.DeploySpec.CLUSTER_ID;
import static io.ferry.launcher.export.DeploySpec.EXECUTION_ROLE_ARN;
import static io.ferry.launcher.export.DeploySpec.INSTANCE_PROFILE;
import static io.ferry.launcher.export.DeploySpec.JAR;
import static io.ferry.launcher.export.DeploySpec.JOB_FILE;
import static io.ferry.launcher.export.DeploySpec.LOG_URI;
import static io.ferry.launcher.export.DeploySpec.MASTER_INSTANCE_TYPE;
import static io.ferry.launcher.export.DeploySpec.PIPELINE_ROLE;
import static io.ferry.launcher.export.DeploySpec.RELEASE_LABEL;
import static io.ferry.launcher.export.DeploySpec.SERVICE_ROLE;
import static io.ferry.launcher.export.DeploySpec.START_DATE;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What {@code ferry export --to TARGET} can write, the deploy keys each one needs, the limits it
 * checks and how it renders.
 */
enum ExportTarget {
  AIRFLOW("airflow", Kind.CLUSTER, START_DATE) {
    @Override
    String render(ExportJob job) {
      return AirflowDag.cluster(job);
    }
  },
  AIRFLOW_SERVERLESS("airflow-serverless", Kind.SERVERLESS, START_DATE) {
    @Override
    String render(ExportJob job) {
      return AirflowDag.serverless(job);
    }
  },
  STEP_FUNCTIONS("step-functions", Kind.CLUSTER) {
    @Override
    String render(ExportJob job) {
      return Json.write(StepFunctionsMachine.cluster(job));
    }
  },
  STEP_FUNCTIONS_SERVERLESS("step-functions-serverless", Kind.SERVERLESS) {
    @Override
    String render(ExportJob job) {
      return Json.write(StepFunctionsMachine.serverless(job));
    }
  },
  EMR_SERVERLESS("emr-serverless", Kind.SERVERLESS) {
    @Override
    String render(ExportJob job) {
      return Json.write(EmrServerlessRequest.request(job));
    }
  },
  EMR_STEP("emr-step", Kind.STEP, CLUSTER_ID) {
    @Override
    String render(ExportJob job) {
      return Json.write(EmrStepRequest.request(job));
    }
  },
  DATA_PIPELINE(
      "data-pipeline",
      Kind.PIPELINE,
      RELEASE_LABEL,
      PIPELINE_ROLE,
      INSTANCE_PROFILE,
      LOG_URI,
      MASTER_INSTANCE_TYPE,
      START_DATE) {
    @Override
    String render(ExportJob job) {
      return Json.write(DataPipelineDefinition.definition(job));
    }

    @Override
    Optional<String> note() {
      return Optional.of(DataPipelineDefinition.NOTE);
    }
  };

  /** Where the job runs, which decides the keys and limits most targets share. */
  private enum Kind {
    CLUSTER(RELEASE_LABEL, SERVICE_ROLE, INSTANCE_PROFILE, LOG_URI, MASTER_INSTANCE_TYPE),
    SERVERLESS(APPLICATION_ID, EXECUTION_ROLE_ARN, LOG_URI),
    STEP,
    PIPELINE;

    private final List<String> needs;

    Kind(String... needs) {
      this.needs = List.of(needs);
    }
  }

  private static final Pattern CRON =
      Pattern.compile("@(once|hourly|daily|weekly|monthly|quarterly|yearly)|(\\S+\\s+){4}\\S+");

  private final String id;
  private final Kind kind;
  private final List<String> needs;

  ExportTarget(String id, Kind kind, String... extra) {
    this.id = id;
    this.kind = kind;
    List<String> all = new ArrayList<>(List.of(JAR, JOB_FILE));
    all.addAll(kind.needs);
    Arrays.stream(extra).filter(k -> !all.contains(k)).forEach(all::add);
    this.needs = List.copyOf(all);
  }

  /** The export written to standard output. */
  abstract String render(ExportJob job);

  /** A word for standard error beside the export. */
  Optional<String> note() {
    return Optional.empty();
  }

  /** The name {@code --to} takes. */
  String id() {
    return id;
  }

  /** The deploy keys this target cannot do without. */
  List<String> needs() {
    return needs;
  }

  static Optional<ExportTarget> byId(String id) {
    return Arrays.stream(values()).filter(t -> t.id.equals(id)).findFirst();
  }

  static List<String> ids() {
    return Arrays.stream(values()).map(ExportTarget::id).toList();
  }

  /** What is wrong with {@code deploy.schedule} for this target, if anything. */
  Optional<String> checkSchedule(String schedule) {
    if (this == AIRFLOW || this == AIRFLOW_SERVERLESS) {
      return CRON.matcher(schedule.trim()).matches()
          ? Optional.empty()
          : Optional.of(
              "expected a cron expression (5 fields) or a preset such as @daily, found '"
                  + schedule
                  + "'");
    }
    if (this == DATA_PIPELINE && DataPipelineDefinition.schedulePeriod(schedule) == null) {
      return Optional.of(
          "AWS Data Pipeline runs @hourly, @daily or @weekly here, found '" + schedule + "'");
    }
    return Optional.empty();
  }

  /**
   * What the export would break of the AWS limits and of its own syntax: EMR's 10,240 characters of
   * step arguments, EMR Serverless's 4,096-character entry point, spark-submit parameters that EMR
   * Serverless would split at a space, values that Airflow would render as templates or that split
   * a Data Pipeline step.
   */
  List<String> limitProblems(DeploySpec deploy, FerryInvocation ferry) {
    List<String> problems = new ArrayList<>();
    RunId runId =
        switch (this) {
          case AIRFLOW, AIRFLOW_SERVERLESS -> RunId.AIRFLOW;
          case STEP_FUNCTIONS, STEP_FUNCTIONS_SERVERLESS -> RunId.STEP_FUNCTIONS;
          case DATA_PIPELINE -> RunId.DATA_PIPELINE;
          case EMR_SERVERLESS, EMR_STEP -> new RunId("", 15);
        };
    if (kind != Kind.SERVERLESS) {
      int length = ferry.stepArgumentsLength(runId);
      if (length > FerryInvocation.MAX_STEP_ARGUMENTS) {
        problems.add(
            "the step's arguments come to "
                + length
                + " characters; EMR takes at most "
                + FerryInvocation.MAX_STEP_ARGUMENTS
                + ". Shorten deploy.spark-conf, the --set values or the S3 paths");
      }
    } else {
      if (ferry.jar().length() > FerryInvocation.MAX_ENTRY_POINT) {
        problems.add(
            "deploy.jar is "
                + ferry.jar().length()
                + " characters; EMR Serverless takes an entry point of at most "
                + FerryInvocation.MAX_ENTRY_POINT);
      }
      ferry
          .sparkConf()
          .forEach(
              (k, v) -> {
                if ((k + v).chars().anyMatch(Character::isWhitespace)) {
                  problems.add(
                      "deploy.spark-conf."
                          + k
                          + ": EMR Serverless takes spark-submit parameters as one string split"
                          + " at spaces; remove the whitespace");
                }
              });
    }
    if (this == AIRFLOW || this == AIRFLOW_SERVERLESS) {
      userValues(deploy, ferry)
          .filter(v -> v.contains("{{") || v.contains("{%") || v.contains("{#"))
          .forEach(
              v ->
                  problems.add(
                      "'"
                          + v
                          + "' holds '{{', '{%' or '{#', which Airflow would render as a"
                          + " template; remove it"));
    }
    if (this == DATA_PIPELINE) {
      userValues(deploy, ferry)
          .filter(v -> v.contains("#{"))
          .forEach(
              v ->
                  problems.add(
                      "'" + v + "' holds '#{', which AWS Data Pipeline would evaluate; remove it"));
      Stream.of(
              Optional.of(deploy.jar()),
              Optional.of(deploy.jobFile()),
              deploy.env(),
              deploy.logUri())
          .flatMap(Optional::stream)
          .filter(v -> v.contains(","))
          .forEach(
              v ->
                  problems.add(
                      "'"
                          + v
                          + "' is a pipeline parameter and holds a comma, which would split the"
                          + " EmrActivity step; rename the S3 object"));
    }
    return problems;
  }

  private static Stream<String> userValues(DeploySpec deploy, FerryInvocation ferry) {
    return Stream.concat(
            ferry.stepArguments("").stream(),
            Stream.of(
                    deploy.releaseLabel(),
                    deploy.serviceRole(),
                    deploy.instanceProfile(),
                    deploy.logUri(),
                    deploy.masterInstanceType(),
                    deploy.coreInstanceType(),
                    deploy.subnetId(),
                    deploy.applicationId(),
                    deploy.executionRoleArn(),
                    deploy.pipelineRole(),
                    deploy.region())
                .flatMap(Optional::stream))
        .distinct();
  }
}
