"""pbflow for Python: load a scenario, run it, compare strategies.

    import pbflow
    engine = pbflow.load("scenarios/japan_baseline.yaml", overrides={"horizon.months": 36})
    result = engine.run(replicas=500)
    result.outcomes()["conflict_months"]    # NumPy view, shape (replicas, countries)
    pbflow.outcomes_frame(result)           # the same as a pandas DataFrame

The arrays view the C++ result's memory without copying; they keep it alive.
Runs release the GIL, so threads in Python can run scenarios side by side.
"""
import io
import json

from ._pbflow import Engine, InputError, RunResult, RuntimeFailure, schema

__all__ = ["Engine", "InputError", "RunResult", "RuntimeFailure", "load", "schema", "summary", "compare",
           "outcomes_frame", "totals_frame", "timeseries_frame"]


def load(path, overrides=None):
    """Load and check a scenario. overrides: {"dotted.key": value} or ["dotted.key=value", ...]."""
    if overrides is None:
        overrides = []
    elif isinstance(overrides, dict):
        overrides = [f"{key}={value}" for key, value in overrides.items()]
    return Engine.load(str(path), list(overrides))


def summary(result):
    """summary.json of a run, as a dict."""
    return json.loads(result.summary_json())


def compare(engine, replicas=None, seed=None, threads=0):
    """Compare the scenario's strategies (its compare: block); compare.json as a dict."""
    return json.loads(engine.compare_json(replicas=replicas, seed=seed, threads=threads))


def totals_frame(result):
    """Per-replica totals as a pandas DataFrame (one row a replica)."""
    import pandas as pd
    return pd.DataFrame(result.totals())


def outcomes_frame(result):
    """outcomes.csv as a pandas DataFrame (one row a replica and country)."""
    import pandas as pd
    return pd.read_csv(io.StringIO(result.outcomes_csv()))


def timeseries_frame(result):
    """timeseries.csv as a pandas DataFrame (one row a month)."""
    import pandas as pd
    return pd.read_csv(io.StringIO(result.timeseries_csv()))
