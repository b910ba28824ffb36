"""Ferry job 'orders' on EMR Serverless, exported by `ferry export`.

Each run starts one job run on the application and waits for it.

The run id is the run's logical date and time ({{ ts_nodash }}): a retry or a cleared
run reuses it, so nothing is loaded twice. Needs apache-airflow-providers-amazon;
AWS credentials come from the aws_default connection.
"""

from __future__ import annotations

import datetime

from airflow.providers.amazon.aws.operators.emr import EmrServerlessStartJobOperator

try:  # Airflow 3
    from airflow.sdk import DAG
except ImportError:  # Airflow 2
    from airflow import DAG


class FerryStartJobOperator(EmrServerlessStartJobOperator):
    """EmrServerlessStartJobOperator with client_request_token templated too.

    The provider leaves client_request_token out of template_fields and defaults it to a
    new uuid each time the DAG file is parsed; rendered from the run and try, the token
    makes a re-executed try attach to the job run it started instead of starting another.
    """

    template_fields = (*EmrServerlessStartJobOperator.template_fields, "client_request_token")


JOB_DRIVER = {
    "sparkSubmit": {
        "entryPoint": "s3://acme-artifacts/ferry/ferry-launcher-0.1.0.jar",
        "entryPointArguments": [
            "run",
            "s3://acme-artifacts/ferry/jobs/orders.conf",
            "--env",
            "prod",
            "--set",
            "params.regions=eu,us",
            "--run-id",
            "{{ ts_nodash }}",
        ],
        "sparkSubmitParameters": "--class io.ferry.launcher.Ferry --conf spark.sql.shuffle.partitions=64",
    },
}

CONFIGURATION_OVERRIDES = {
    "monitoringConfiguration": {
        "s3MonitoringConfiguration": {
            "logUri": "s3://acme-logs/emr/",
        },
    },
}

CONFIG = {
    "executionTimeoutMinutes": 180,
    "tags": {
        "ferry:job": "orders",
    },
}

with DAG(
    dag_id="ferry-orders",
    schedule="@daily",
    start_date=datetime.datetime(2026, 11, 1, tzinfo=datetime.timezone.utc),
    catchup=False,
    max_active_runs=1,
    tags=["ferry"],
) as dag:
    FerryStartJobOperator(
        task_id="run_job",
        application_id="00fabc123def4567",
        execution_role_arn="arn:aws:iam::123456789012:role/ferry-serverless",
        job_driver=JOB_DRIVER,
        configuration_overrides=CONFIGURATION_OVERRIDES,
        config=CONFIG,
        client_request_token="ferry-orders-{{ ts_nodash }}-{{ ti.try_number }}",
        name="ferry-orders-{{ ts_nodash }}",
        waiter_delay=60,
        waiter_max_attempts=190,
        retries=2,
        retry_delay=datetime.timedelta(minutes=5),
        region_name="eu-west-1",
    )
