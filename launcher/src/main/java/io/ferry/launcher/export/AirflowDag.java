package io.ferry.launcher.export;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;

/**
 * {@code --to airflow} and {@code --to airflow-serverless}: a DAG file for Apache Airflow 2.x and
 * 3.x (Amazon MWAA included) with the Amazon provider. Every value is a Python literal written by
 * {@link PythonLiteral}; the run id is Airflow's {@code {{ ts_nodash }}}, the same for every try
 * and clear of one DAG run.
 *
 * <p>The cluster DAG: {@code EmrCreateJobFlowOperator} (the whole RunJobFlow request in {@code
 * job_flow_overrides}, {@code emr_conn_id=None} so no Airflow connection adds to it), {@code
 * EmrAddStepsOperator}, {@code EmrStepSensor} on the step id the add-steps task returns, {@code
 * EmrTerminateJobFlowOperator} with {@code trigger_rule="all_done"} so the cluster ends whatever
 * happened, and a last task that fails the DAG run when any task failed (otherwise the succeeded
 * terminate task, the only leaf, would mark a failed run a success).
 *
 * <p>The serverless DAG: {@code EmrServerlessStartJobOperator}, whose {@code client_request_token}
 * defaults to a new uuid each time the operator is built; here it is {@code ferry-<job>-{{
 * ts_nodash }}-{{ ti.try_number }}}, rendered by a subclass that adds it to the template fields:
 * one job run per try, retries (deploy.retries) start a new one with the same run id.
 */
final class AirflowDag {
  private static final String IMPORT_DAG_AND_TASK =
      """
      try:  # Airflow 3
          from airflow.sdk import DAG, task
      except ImportError:  # Airflow 2
          from airflow import DAG
          from airflow.decorators import task
      """;

  private static final String IMPORT_DAG =
      """
      try:  # Airflow 3
          from airflow.sdk import DAG
      except ImportError:  # Airflow 2
          from airflow import DAG
      """;

  private AirflowDag() {}

  static String cluster(ExportJob job) {
    DeploySpec deploy = job.deploy();
    ObjectNode overrides = EmrCluster.runJobFlow(job.jobName(), deploy);
    ArrayNode steps = Json.object().arrayNode();
    steps.add(EmrCluster.step(job.jobName(), job.ferry(), RunId.AIRFLOW.text()));
    String region =
        deploy
            .region()
            .map(r -> "        region_name=" + PythonLiteral.string(r) + ",\n")
            .orElse("");
    return docstring(
            job,
            "on a transient EMR cluster",
            "Each run creates a cluster, runs the job as one step and terminates the cluster\n"
                + "whatever happened.")
        + "from __future__ import annotations\n\n"
        + "import datetime\n\n"
        + "from airflow.providers.amazon.aws.operators.emr import (\n"
        + "    EmrAddStepsOperator,\n"
        + "    EmrCreateJobFlowOperator,\n"
        + "    EmrTerminateJobFlowOperator,\n"
        + ")\n"
        + "from airflow.providers.amazon.aws.sensors.emr import EmrStepSensor\n\n"
        + IMPORT_DAG_AND_TASK
        + "\n"
        + "JOB_FLOW_OVERRIDES = "
        + PythonLiteral.of(overrides, 0)
        + "\n\n"
        + "STEPS = "
        + PythonLiteral.of(steps, 0)
        + "\n\n"
        + dag(job)
        + "    create_cluster = EmrCreateJobFlowOperator(\n"
        + "        task_id=\"create_cluster\",\n"
        + "        job_flow_overrides=JOB_FLOW_OVERRIDES,\n"
        + "        emr_conn_id=None,\n"
        + region
        + "    )\n"
        + "    run_job = EmrAddStepsOperator(\n"
        + "        task_id=\"run_job\",\n"
        + "        job_flow_id=create_cluster.output,\n"
        + "        steps=STEPS,\n"
        + region
        + "    )\n"
        + "    watch_job = EmrStepSensor(\n"
        + "        task_id=\"watch_job\",\n"
        + "        job_flow_id=create_cluster.output,\n"
        + "        step_id=\"{{ task_instance.xcom_pull(task_ids='run_job')[0] }}\",\n"
        + "        timeout="
        + deploy.timeout().toSeconds()
        + ",\n"
        + region
        + "    )\n"
        + "    terminate_cluster = EmrTerminateJobFlowOperator(\n"
        + "        task_id=\"terminate_cluster\",\n"
        + "        job_flow_id=create_cluster.output,\n"
        + "        trigger_rule=\"all_done\",\n"
        + region
        + "    )\n\n"
        + "    @task(trigger_rule=\"one_failed\", retries=0)\n"
        + "    def fail_run():\n"
        + "        \"\"\"Fails the DAG run when a task failed: terminate_cluster (all_done) is the"
        + " only\n"
        + "        other leaf, and a succeeded leaf alone would mark the run a success.\"\"\"\n"
        + "        raise RuntimeError(\"a task of this Ferry run failed; see its log\")\n\n"
        + "    create_cluster >> run_job >> watch_job >> terminate_cluster\n"
        + "    [create_cluster, run_job, watch_job, terminate_cluster] >> fail_run()\n";
  }

  static String serverless(ExportJob job) {
    DeploySpec deploy = job.deploy();
    ObjectNode driver = Json.object();
    ObjectNode sparkSubmit = driver.putObject("sparkSubmit");
    sparkSubmit.put("entryPoint", job.ferry().jar());
    sparkSubmit.set(
        "entryPointArguments", Json.array(job.ferry().ferryArguments(RunId.AIRFLOW.text())));
    sparkSubmit.put(
        "sparkSubmitParameters", EmrServerlessRequest.sparkSubmitParameters(job.ferry()));
    ObjectNode overrides = Json.object();
    overrides
        .putObject("monitoringConfiguration")
        .putObject("s3MonitoringConfiguration")
        .put("logUri", deploy.logUri().orElseThrow());
    ObjectNode config = Json.object();
    config.put("executionTimeoutMinutes", deploy.timeout().toMinutes());
    config.putObject("tags").put("ferry:job", job.jobName());
    String region =
        deploy
            .region()
            .map(r -> "        region_name=" + PythonLiteral.string(r) + ",\n")
            .orElse("");
    String token =
        EmrServerlessRequest.clientToken(
            job.jobName(), RunId.AIRFLOW.text() + "-{{ ti.try_number }}");
    return docstring(
            job,
            "on EMR Serverless",
            "Each run starts one job run on the application and waits for it.")
        + "from __future__ import annotations\n\n"
        + "import datetime\n\n"
        + "from airflow.providers.amazon.aws.operators.emr import EmrServerlessStartJobOperator\n\n"
        + IMPORT_DAG
        + "\n\n"
        + "class FerryStartJobOperator(EmrServerlessStartJobOperator):\n"
        + "    \"\"\"EmrServerlessStartJobOperator with client_request_token templated too.\n\n"
        + "    The provider leaves client_request_token out of template_fields and defaults it"
        + " to a\n"
        + "    new uuid each time the DAG file is parsed; rendered from the run and try, the"
        + " token\n"
        + "    makes a re-executed try attach to the job run it started instead of starting"
        + " another.\n"
        + "    \"\"\"\n\n"
        + "    template_fields = (*EmrServerlessStartJobOperator.template_fields,"
        + " \"client_request_token\")\n\n\n"
        + "JOB_DRIVER = "
        + PythonLiteral.of(driver, 0)
        + "\n\n"
        + "CONFIGURATION_OVERRIDES = "
        + PythonLiteral.of(overrides, 0)
        + "\n\n"
        + "CONFIG = "
        + PythonLiteral.of(config, 0)
        + "\n\n"
        + dag(job)
        + "    FerryStartJobOperator(\n"
        + "        task_id=\"run_job\",\n"
        + "        application_id="
        + PythonLiteral.string(deploy.applicationId().orElseThrow())
        + ",\n"
        + "        execution_role_arn="
        + PythonLiteral.string(deploy.executionRoleArn().orElseThrow())
        + ",\n"
        + "        job_driver=JOB_DRIVER,\n"
        + "        configuration_overrides=CONFIGURATION_OVERRIDES,\n"
        + "        config=CONFIG,\n"
        + "        client_request_token="
        + PythonLiteral.string(token)
        + ",\n"
        + "        name="
        + PythonLiteral.string(job.name() + "-" + RunId.AIRFLOW.text())
        + ",\n"
        + "        waiter_delay=60,\n"
        + "        waiter_max_attempts="
        + (deploy.timeout().toMinutes() + 10)
        + ",\n"
        + "        retries="
        + deploy.retries()
        + ",\n"
        + "        retry_delay=datetime.timedelta(minutes=5),\n"
        + region
        + "    )\n";
  }

  private static String docstring(ExportJob job, String where, String what) {
    return "\"\"\"Ferry job '"
        + job.jobName()
        + "' "
        + where
        + ", exported by `ferry export`.\n\n"
        + what
        + "\n\nThe run id is the run's logical date and time ({{ ts_nodash }}): a retry or a"
        + " cleared\nrun reuses it, so nothing is loaded twice. Needs"
        + " apache-airflow-providers-amazon;\nAWS credentials come from the aws_default"
        + " connection.\n\"\"\"\n\n";
  }

  private static String dag(ExportJob job) {
    LocalDate start = job.deploy().startDate().orElseThrow();
    return "with DAG(\n"
        + "    dag_id="
        + PythonLiteral.string(job.name())
        + ",\n"
        + "    schedule="
        + PythonLiteral.string(job.deploy().schedule())
        + ",\n"
        + "    start_date=datetime.datetime("
        + start.getYear()
        + ", "
        + start.getMonthValue()
        + ", "
        + start.getDayOfMonth()
        + ", tzinfo=datetime.timezone.utc),\n"
        + "    catchup=False,\n"
        + "    max_active_runs=1,\n"
        + "    tags=[\"ferry\"],\n"
        + ") as dag:\n";
  }
}
