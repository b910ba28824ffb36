"""Ferry job 'orders' on a transient EMR cluster, exported by `ferry export`.

Each run creates a cluster, runs the job as one step and terminates the cluster
whatever happened.

The run id is the run's logical date and time ({{ ts_nodash }}): a retry or a cleared
run reuses it, so nothing is loaded twice. Needs apache-airflow-providers-amazon;
AWS credentials come from the aws_default connection.
"""

from __future__ import annotations

import datetime

from airflow.providers.amazon.aws.operators.emr import (
    EmrAddStepsOperator,
    EmrCreateJobFlowOperator,
    EmrTerminateJobFlowOperator,
)
from airflow.providers.amazon.aws.sensors.emr import EmrStepSensor

try:  # Airflow 3
    from airflow.sdk import DAG, task
except ImportError:  # Airflow 2
    from airflow import DAG
    from airflow.decorators import task

JOB_FLOW_OVERRIDES = {
    "Name": "ferry-orders",
    "ReleaseLabel": "emr-7.12.0",
    "Applications": [
        {
            "Name": "Spark",
        },
    ],
    "ServiceRole": "EMR_DefaultRole_V2",
    "JobFlowRole": "EMR_EC2_DefaultRole",
    "LogUri": "s3://acme-logs/emr/",
    "VisibleToAllUsers": True,
    "Instances": {
        "KeepJobFlowAliveWhenNoSteps": True,
        "TerminationProtected": False,
        "Ec2SubnetId": "subnet-0abc123",
        "InstanceGroups": [
            {
                "Name": "Primary",
                "InstanceRole": "MASTER",
                "Market": "ON_DEMAND",
                "InstanceType": "m5.xlarge",
                "InstanceCount": 1,
            },
            {
                "Name": "Core",
                "InstanceRole": "CORE",
                "Market": "ON_DEMAND",
                "InstanceType": "r5.2xlarge",
                "InstanceCount": 3,
            },
        ],
    },
    "AutoTerminationPolicy": {
        "IdleTimeout": 3600,
    },
    "Tags": [
        {
            "Key": "ferry:job",
            "Value": "orders",
        },
    ],
}

STEPS = [
    {
        "Name": "ferry run orders",
        "ActionOnFailure": "CONTINUE",
        "HadoopJarStep": {
            "Jar": "command-runner.jar",
            "Args": [
                "spark-submit",
                "--class",
                "io.ferry.launcher.Ferry",
                "--conf",
                "spark.sql.shuffle.partitions=64",
                "s3://acme-artifacts/ferry/ferry-launcher-0.1.0.jar",
                "run",
                "s3://acme-artifacts/ferry/jobs/orders.conf",
                "--env",
                "prod",
                "--set",
                "params.regions=eu,us",
                "--run-id",
                "{{ ts_nodash }}",
            ],
        },
    },
]

with DAG(
    dag_id="ferry-orders",
    schedule="@daily",
    start_date=datetime.datetime(2026, 11, 1, tzinfo=datetime.timezone.utc),
    catchup=False,
    max_active_runs=1,
    tags=["ferry"],
) as dag:
    create_cluster = EmrCreateJobFlowOperator(
        task_id="create_cluster",
        job_flow_overrides=JOB_FLOW_OVERRIDES,
        emr_conn_id=None,
        region_name="eu-west-1",
    )
    run_job = EmrAddStepsOperator(
        task_id="run_job",
        job_flow_id=create_cluster.output,
        steps=STEPS,
        region_name="eu-west-1",
    )
    watch_job = EmrStepSensor(
        task_id="watch_job",
        job_flow_id=create_cluster.output,
        step_id="{{ task_instance.xcom_pull(task_ids='run_job')[0] }}",
        timeout=10800,
        region_name="eu-west-1",
    )
    terminate_cluster = EmrTerminateJobFlowOperator(
        task_id="terminate_cluster",
        job_flow_id=create_cluster.output,
        trigger_rule="all_done",
        region_name="eu-west-1",
    )

    @task(trigger_rule="one_failed", retries=0)
    def fail_run():
        """Fails the DAG run when a task failed: terminate_cluster (all_done) is the only
        other leaf, and a succeeded leaf alone would mark the run a success."""
        raise RuntimeError("a task of this Ferry run failed; see its log")

    create_cluster >> run_job >> watch_job >> terminate_cluster
    [create_cluster, run_job, watch_job, terminate_cluster] >> fail_run()
