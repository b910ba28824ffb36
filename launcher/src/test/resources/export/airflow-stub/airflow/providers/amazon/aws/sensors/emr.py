from ferry_stub import SENSOR, operator

EmrStepSensor = operator(
    "EmrStepSensor",
    required=("job_flow_id", "step_id"),
    optional=("target_states", "failed_states", "max_attempts", "deferrable"),
    template_fields=("job_flow_id", "step_id", "target_states", "failed_states"),
    extra=SENSOR,
)
