"""Runs a DAG file against the stand-in Airflow and prints every recorded call as JSON."""

import json
import runpy
import sys

import ferry_stub

runpy.run_path(sys.argv[1])
print(json.dumps(ferry_stub.CALLS, default=str))
