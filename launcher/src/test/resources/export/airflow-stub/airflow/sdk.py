from ferry_stub import DAG, task  # noqa: F401
