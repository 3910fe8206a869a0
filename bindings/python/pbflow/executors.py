"""A sweep's points on a concurrent.futures.Executor's workers.

The engine's sweep keeps the design, the store, resume and failures; it
hands the points still to run to the runner made here, which sends them
to the executor in batches and gives each point's outputs back as they
arrive. A worker runs a point with the engine's own Engine.sweep_point,
the function the sweep runs here, so the numbers are the same.
"""
from __future__ import annotations

import concurrent.futures as cf
import math
import os
from typing import Any, Dict, List, Optional, Sequence, Tuple

from . import _pbflow

__all__ = ["batch_runner", "run_batch"]

# A worker loads a sweep's scenario once, not once per batch.
_loaded: Dict[Tuple[str, str], Any] = {}


def run_batch(scenario_text: str, scenario_name: str, points: Sequence[Tuple[int, List[Tuple[str, str]]]],
              replicas: Optional[int], seed: Optional[int], threads: int,
              fail_fast: bool) -> List[Tuple[int, List[float], str]]:
    """Run a batch of sweep points on a worker: (point, outputs, failure) each."""
    key = (scenario_text, scenario_name)
    engine = _loaded.get(key)
    if engine is None:
        _loaded.clear()
        engine = _loaded[key] = _pbflow.Engine.load_text(scenario_text, scenario_name, [])
    out = []
    for index, assignments in points:
        point = _pbflow.sweep_point(engine, assignments, replicas, seed, threads, fail_fast)
        out.append((index, list(point.outputs), point.failure))
    return out


def batch_runner(scenario, design_points, executor: cf.Executor, *, replicas: Optional[int], seed: Optional[int],
                 threads: int = 1, batch_size: Optional[int] = None, fail_fast: bool = False):
    """The runner Engine.sweep calls with the points still to run."""
    assignments = {index: [tuple(a) for a in point] for index, point, _ in design_points}
    text, name = scenario.to_yaml(), scenario.file

    def runner(points: List[int], done, stopped) -> None:
        size = batch_size or max(1, math.ceil(len(points) / (4 * (os.cpu_count() or 1))))
        batches = [points[i:i + size] for i in range(0, len(points), size)]
        pending = {executor.submit(run_batch, text, name, [(i, assignments[i]) for i in batch], replicas, seed,
                                   threads, fail_fast) for batch in batches}
        try:
            while pending:
                if stopped():
                    return
                finished, pending = cf.wait(pending, timeout=0.2, return_when=cf.FIRST_COMPLETED)
                for future in finished:
                    for index, outputs, failure in future.result():
                        done(index, outputs, failure)
        finally:
            for future in pending:  # stopped or failed: the rest are not wanted
                future.cancel()

    return runner
