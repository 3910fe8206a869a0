"""pbflow's commands as Python functions, with the command line's defaults.

Each takes a Scenario (or a path, loaded for you) and keyword options named
as the command line's flags (`--block-size` is block_size). Options are
checked with the command line's messages (pbflow.InputError). Long calls
release the GIL and stop within about a second on Ctrl-C, raising
KeyboardInterrupt (a sweep keeps the points it finished in its store).
"""
from __future__ import annotations

import os
import tempfile
from typing import Any, Optional, Union

from . import _pbflow
from .results import (CompareResults, DiffResults, DiscoveryResults, Results, SensitivityResults,
                      SweepResults, TraceResults, read_store_tables)
from .scenario import Scenario, load

__all__ = ["run", "diff", "compare", "trace", "sweep", "sensitivity", "discover"]

ScenarioLike = Union[Scenario, str, "os.PathLike[str]"]


def _scenario(s: ScenarioLike) -> Scenario:
    if isinstance(s, Scenario):
        return s
    if isinstance(s, (str, os.PathLike)):
        return load(s)
    raise TypeError(f"expected a pbflow.Scenario or a scenario file's path, got {type(s).__name__}")


def _run_options(replicas, seed, threads, block_size, trajectories, record_flows, max_memory_gb):
    return dict(replicas=replicas, seed=seed, threads=threads, block_size=block_size,
                trajectories=trajectories, record_flows=record_flows,
                max_memory_bytes=float(max_memory_gb or 0) * 2**30)


def run(scenario: ScenarioLike, *, replicas: Optional[int] = None, seed: Optional[int] = None, threads: int = 0,
        block_size: int = 16, trajectories: bool = False, record_flows: bool = True, trace: bool = False,
        max_memory_gb: Optional[float] = None) -> Results:
    """Run the Monte Carlo (`pbflow run`).

    replicas, seed: default the scenario's simulation.replicas and .seed.
    threads: 0 uses every core. block_size: replicas advanced together (the
    results do not depend on it, nor on threads). trajectories: keep every
    replica's monthly country states. trace: also follow the money route by
    route for every country (Results.trace then needs no second run).
    max_memory_gb: refuse a run that would need more (default 80% of memory).

    Returns Results; the same scenario and seed give the same numbers as the
    command line, for any threads and block size.
    """
    s = _scenario(scenario)
    options = _run_options(replicas, seed, threads, block_size, trajectories, record_flows, max_memory_gb)
    if trace:
        traced = _pbflow.trace(s._engine, [], None, **options)
        return Results(traced.run, s, dict(options, trace=True), traced)
    return Results(_pbflow.run(s._engine, **options), s, options)


def diff(whatif: ScenarioLike, baseline: ScenarioLike, *, replicas: Optional[int] = None,
         seed: Optional[int] = None, threads: int = 0, block_size: int = 16,
         max_memory_gb: Optional[float] = None) -> DiffResults:
    """What a what-if changes against a baseline (`pbflow run WHATIF --against BASELINE`).

    Both run on the same seed and replicas (by default the what-if's), so
    replica r sees the same future in both and each difference is taken
    replica by replica; rows carry the 95% interval of the mean difference.
    """
    w, b = _scenario(whatif), _scenario(baseline)
    options = _run_options(replicas, seed, threads, block_size, False, True, max_memory_gb)
    if options["replicas"] is None:
        options["replicas"] = w.replicas
    if options["seed"] is None:
        options["seed"] = w.seed
    w_run = _pbflow.run(w._engine, **options)
    b_run = _pbflow.run(b._engine, **options)
    return DiffResults(_pbflow.difference(w_run, b_run), Results(w_run, w, options), Results(b_run, b, options))


def compare(scenario: ScenarioLike, *, replicas: Optional[int] = None, seed: Optional[int] = None,
            threads: int = 0, block_size: int = 16, max_memory_gb: Optional[float] = None) -> CompareResults:
    """Compare the scenario's strategies (its `compare:` block) on the same
    replicas, and across its `uncertainties:` futures if it has them
    (`pbflow compare`). replicas defaults to compare.replicas."""
    s = _scenario(scenario)
    options = _run_options(replicas, seed, threads, block_size, False, True, max_memory_gb)
    return CompareResults(_pbflow.compare(s._engine, **options))


def trace(scenario: ScenarioLike, country: Optional[str] = None, pillar: Optional[str] = None, *,
          replicas: Optional[int] = 200, seed: Optional[int] = None, threads: int = 0, block_size: int = 16,
          max_memory_gb: Optional[float] = None) -> TraceResults:
    """Where the money for a country's programmes went, route by route
    (`pbflow trace`). country: ISO3 (None: every country); pillar:
    humanitarian, development or peace (None: all three). replicas defaults
    to 200, as on the command line."""
    s = _scenario(scenario)
    options = _run_options(replicas, seed, threads, block_size, False, True, max_memory_gb)
    countries = [country] if country else []
    return TraceResults(_pbflow.trace(s._engine, countries, pillar, **options), country, pillar)


def sweep(scenario: ScenarioLike, *, replicas: Optional[int] = None, seed: Optional[int] = None, jobs: int = 1,
          threads: int = 0, db: Optional[Union[str, "os.PathLike[str]"]] = None, resume: bool = False,
          design_only: bool = False, fail_fast: bool = False, shard: Optional[str] = None,
          executor: Any = None, batch_size: Optional[int] = None,
          max_memory_gb: Optional[float] = None) -> SweepResults:
    """Run every point of the scenario's `sweep:` block (`pbflow sweep`).

    Every point runs on the same seed and replicas (common random numbers).
    jobs: points run at once here, each on one thread (1: one at a time on
    `threads`). db: a SQLite store that keeps every finished point the moment
    it finishes; resume=True reuses the points it already holds. shard:
    "I/N" runs every N-th point from the I-th. fail_fast: a failing point
    stops the sweep (else it is recorded and skipped).

    executor: any concurrent.futures.Executor (a ProcessPoolExecutor, or a
    Dask cluster's `Client(...).get_executor()`): the points go to its
    workers in batches of batch_size (default: about 4 batches per CPU
    here, at least 1 point), each worker loading the scenario once per
    batch and running each point exactly as the sweep here would, so the
    outputs are the same numbers. Each point then runs on `threads` threads
    (default 1 with an executor).

    A sobol or morris sweep ends with its sensitivity indices
    (SweepResults.sensitivity), as on the command line.
    """
    s = _scenario(scenario)
    shard_index, shard_count = _shard(shard)
    if db is None and not design_only:  # a scratch store, so that tables are there as with db=
        with tempfile.TemporaryDirectory(prefix="pbflow-sweep-") as scratch:
            kept = sweep(s, replicas=replicas, seed=seed, jobs=jobs, threads=threads,
                         db=os.path.join(scratch, "sweep.sqlite"), fail_fast=fail_fast, shard=shard,
                         executor=executor, batch_size=batch_size, max_memory_gb=max_memory_gb)
            return SweepResults(kept.sweep_result, kept._sensitivity, None, kept.tables)
    db_path = os.fspath(db) if db is not None else ""
    runner = None
    if executor is not None:
        from .executors import batch_runner
        design = _pbflow.sweep(s._engine, replicas=replicas, seed=seed, design_only=True)[0]
        runner = batch_runner(s, design.points, executor, replicas=replicas, seed=seed,
                              threads=threads or 1, batch_size=batch_size, fail_fast=fail_fast)
    result, indices = _pbflow.sweep(s._engine, replicas=replicas, seed=seed, jobs=jobs, threads=threads,
                                    db=db_path, resume=resume, design_only=design_only, fail_fast=fail_fast,
                                    shard_index=shard_index, shard_count=shard_count,
                                    max_memory_bytes=float(max_memory_gb or 0) * 2**30, runner=runner)
    tables = None if design_only else read_store_tables(db_path)
    return SweepResults(result, indices, db_path or None, tables)


def _shard(shard: Optional[str]):
    if shard is None:
        return 0, 1
    text = str(shard)
    index, slash, count = text.partition("/")
    if not slash or not index.strip().isdigit() or not count.strip().isdigit():
        raise _pbflow.InputError(f"--shard: write it I/N (say 0/4), found `{text}`")
    return int(index), int(count)


def _sweep_of(source: Union[SweepResults, str, "os.PathLike[str]"]):
    if isinstance(source, SweepResults):
        return source.sweep_result
    path = os.fspath(source)
    return _pbflow.read_sweep_store(path) if os.path.isfile(path) else _pbflow.read_sweep_folder(path)


def sensitivity(sweep: Union[SweepResults, str, "os.PathLike[str]"], *, second_order: bool = False,
                bootstrap: int = 1000, seed: int = 12345) -> SensitivityResults:
    """Sobol' indices (S1 by Saltelli 2010, ST by Jansen 1999, S2 with
    second_order) or Morris effects of a sobol or morris sweep, with 95%
    intervals from `bootstrap` resamples (`pbflow sensitivity`). sweep:
    SweepResults, a results folder or a store."""
    return SensitivityResults(_pbflow.sensitivity(_sweep_of(sweep), second_order, bootstrap, seed))


def discover(sweep: Union[SweepResults, str, "os.PathLike[str]"], output: str, *,
             above: Optional[float] = None, below: Optional[float] = None, alpha: float = 0.05,
             min_mass: float = 0.05, min_coverage: float = 0.5) -> DiscoveryResults:
    """Which region of the sweep's parameters leads to output above (or
    below) a threshold, by PRIM (`pbflow discover`). Give exactly one of
    above= and below=."""
    if (above is None) == (below is None):
        raise _pbflow.InputError("discover needs exactly one of above= and below= (the threshold)")
    threshold = above if above is not None else below
    return DiscoveryResults(_pbflow.discover(_sweep_of(sweep), output, float(threshold), above is not None,
                                             alpha, min_mass, min_coverage))
