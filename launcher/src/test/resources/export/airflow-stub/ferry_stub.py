"""A stand-in for Airflow and its Amazon provider, for AirflowDagPythonTest (Airflow cannot be
installed here). Operators accept exactly the keyword arguments of the real ones that a Ferry
DAG may pass, and record every call, so the test sees the values the DAG file evaluates to and
a misspelt parameter fails. The parameter lists follow apache/airflow
providers/amazon/src/airflow/providers/amazon/aws/operators/emr.py (EmrCreateJobFlowOperator,
EmrAddStepsOperator, EmrTerminateJobFlowOperator, EmrServerlessStartJobOperator),
sensors/emr.py (EmrStepSensor), operators/base_aws.py (aws_conn_id, region_name, verify,
botocore_config) and Airflow's BaseOperator and BaseSensorOperator.
"""

CALLS = []

BASE = {"task_id", "trigger_rule", "retries", "retry_delay", "execution_timeout"}
AWS = {"aws_conn_id", "region_name", "verify", "botocore_config"}
SENSOR = {"timeout", "poke_interval", "mode", "soft_fail"}


def operator(name, required, optional, template_fields=(), extra=frozenset()):
    allowed = BASE | AWS | set(required) | set(optional) | set(extra)

    def __init__(self, **kwargs):
        unknown = sorted(set(kwargs) - allowed)
        if unknown:
            raise TypeError(f"{name}() got unexpected keyword arguments {unknown}")
        missing = sorted({"task_id", *required} - set(kwargs))
        if missing:
            raise TypeError(f"{name}() missing keyword arguments {missing}")
        self.output = {"xcom": kwargs["task_id"]}
        CALLS.append(
            {
                "operator": type(self).__name__,
                "template_fields": list(type(self).template_fields),
                "kwargs": kwargs,
            }
        )

    return type(
        name,
        (),
        {
            "__init__": __init__,
            "__rshift__": lambda self, other: other,
            "__rrshift__": lambda self, other: self,
            "template_fields": tuple(template_fields),
        },
    )


class DAG:
    ALLOWED = {"dag_id", "schedule", "start_date", "catchup", "max_active_runs", "tags"}

    def __init__(self, **kwargs):
        unknown = sorted(set(kwargs) - self.ALLOWED)
        if unknown:
            raise TypeError(f"DAG() got unexpected keyword arguments {unknown}")
        CALLS.append({"operator": "DAG", "template_fields": [], "kwargs": kwargs})

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def task(**options):
    allowed = {"trigger_rule", "retries", "task_id"}
    unknown = sorted(set(options) - allowed)
    if unknown:
        raise TypeError(f"task() got unexpected keyword arguments {unknown}")

    def decorate(function):
        def call():
            try:
                function()
                raised = None
            except Exception as e:  # the DAG's failing task must raise
                raised = type(e).__name__
            CALLS.append(
                {
                    "operator": "task",
                    "template_fields": [],
                    "kwargs": {**options, "function": function.__name__, "raises": raised},
                }
            )
            return TaskOutput()

        return call

    return decorate


class TaskOutput:
    def __rrshift__(self, other):
        return self
