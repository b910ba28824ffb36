from ferry_stub import operator

EmrCreateJobFlowOperator = operator(
    "EmrCreateJobFlowOperator",
    required=(),
    optional=(
        "emr_conn_id",
        "job_flow_overrides",
        "wait_for_completion",
        "wait_policy",
        "waiter_max_attempts",
        "waiter_delay",
        "deferrable",
    ),
    template_fields=("job_flow_overrides", "waiter_delay", "waiter_max_attempts"),
)
EmrAddStepsOperator = operator(
    "EmrAddStepsOperator",
    required=(),
    optional=(
        "job_flow_id",
        "job_flow_name",
        "cluster_states",
        "steps",
        "wait_for_completion",
        "waiter_delay",
        "waiter_max_attempts",
        "execution_role_arn",
        "deferrable",
    ),
    template_fields=("job_flow_id", "job_flow_name", "cluster_states", "steps", "execution_role_arn"),
)
EmrTerminateJobFlowOperator = operator(
    "EmrTerminateJobFlowOperator",
    required=("job_flow_id",),
    optional=("waiter_delay", "waiter_max_attempts", "deferrable"),
    template_fields=("job_flow_id",),
)
EmrServerlessStartJobOperator = operator(
    "EmrServerlessStartJobOperator",
    required=("application_id", "execution_role_arn", "job_driver"),
    optional=(
        "configuration_overrides",
        "client_request_token",
        "config",
        "wait_for_completion",
        "name",
        "waiter_max_attempts",
        "waiter_delay",
        "deferrable",
        "enable_application_ui_links",
    ),
    template_fields=(
        "application_id",
        "config",
        "execution_role_arn",
        "job_driver",
        "configuration_overrides",
        "name",
    ),
)
