"""What pbflow's commands return: typed results with NumPy views and pandas
DataFrames. Every result pickles (its arrays too) and writes the files the
command line writes. The frames hold the numbers of the command line's
files: read from the text it writes, or (outcomes(), the largest) built
from the arrays with the same columns and values.
"""
from __future__ import annotations

import io
import json
import os
from typing import Any, Dict, List, Optional, Tuple

from . import _pbflow

__all__ = ["Results", "TraceResults", "CompareResults", "DiffResults", "SweepResults",
           "SensitivityResults", "DiscoveryResults"]


def _frame(text: str):
    """A CSV text as a DataFrame, every number exactly as written."""
    import pandas as pd
    if not text.strip():
        return pd.DataFrame()
    return pd.read_csv(io.StringIO(text), float_precision="round_trip", keep_default_na=False,
                       na_values=[""])


class Results:
    """A run's results.

    totals and arrays are NumPy arrays that view the engine's memory (no
    copy); each keeps the results alive, so they stay valid after this
    object is dropped. summary is summary.json as a dict; outcomes(),
    timeseries(), flows(), countries_monthly() and trajectories() are the
    CSV files as pandas DataFrames; trace() follows the money route by route.
    """

    def __init__(self, run: "_pbflow.RunResult", scenario=None, options: Optional[dict] = None,
                 trace: Optional["_pbflow.TraceResult"] = None):
        self._run = run
        self._scenario = scenario
        self._options = dict(options or {})
        self._trace = trace
        self._summary: Optional[dict] = None

    # -- what the run was ---------------------------------------------------
    @property
    def run_result(self) -> "_pbflow.RunResult":
        """The engine's own result object."""
        return self._run

    @property
    def scenario(self):
        """The Scenario that was run (None for a result read back without one)."""
        return self._scenario

    @property
    def scenario_name(self) -> str:
        """The scenario's name."""
        return self._run.scenario

    @property
    def replicas(self) -> int:
        """Replicas run."""
        return self._run.replicas

    @property
    def seed(self) -> int:
        """The seed the replicas' random numbers came from."""
        return self._run.seed

    @property
    def months(self) -> int:
        """Months simulated."""
        return self._run.months

    @property
    def start(self) -> str:
        """The first month, YYYY-MM."""
        return self._run.start

    @property
    def currency(self) -> str:
        """The base currency every amount is in."""
        return self._run.currency

    @property
    def countries(self) -> List[str]:
        """ISO3 codes, in the order of the arrays' country axis."""
        return list(self._run.countries)

    @property
    def channels(self) -> List[str]:
        """Channel ids, in the scenario's order."""
        return list(self._run.channels)

    @property
    def warnings(self) -> List[str]:
        """Harmless oddities of the scenario's network."""
        return list(self._run.warnings)

    @property
    def seconds(self) -> float:
        """How long the replicas took."""
        return self._run.seconds

    @property
    def started_at(self) -> float:
        """When the replicas began, seconds since the Unix epoch."""
        return self._run.started_at

    @property
    def finished_at(self) -> float:
        """When the replicas ended, seconds since the Unix epoch."""
        return self._run.finished_at

    # -- numbers ------------------------------------------------------------
    @property
    def totals(self) -> Dict[str, Any]:
        """Per-replica totals: {name: array of shape (replicas,)}, views."""
        return self._run.totals()

    @property
    def arrays(self) -> Dict[str, Any]:
        """Per replica and country: {name: array of shape (replicas, countries)},
        views; "spent" is (replicas, countries, 3): humanitarian, development, peace."""
        return self._run.outcomes()

    @property
    def summary(self) -> dict:
        """summary.json as a dict."""
        if self._summary is None:
            self._summary = json.loads(self._run.summary_json())
        return self._summary

    def outcomes(self):
        """outcomes.csv: a row per replica and country (the same columns and
        numbers, built from the arrays rather than parsed from text)."""
        import numpy as np
        import pandas as pd
        arrays = self.arrays
        replicas, countries = self.replicas, len(self.countries)
        spent = arrays["spent"]
        return pd.DataFrame({
            "replica": np.repeat(np.arange(replicas, dtype=np.int64), countries),
            "country": np.tile(np.array(self.countries, dtype=object), replicas),
            "conflict_months": arrays["conflict_months"].ravel(),
            "relapses": arrays["relapses"].ravel(),
            "peace_at_horizon": arrays["peace_at_horizon"].ravel().astype(np.int64),
            "unmet_need_person_months": arrays["unmet_need_person_months"].ravel(),
            "people_reached": arrays["people_reached"].ravel(),
            "spent_humanitarian": spent[:, :, 0].ravel(),
            "spent_development": spent[:, :, 1].ravel(),
            "spent_peace": spent[:, :, 2].ravel(),
        })

    def timeseries(self):
        """timeseries.csv: a row per month, means and percentiles over replicas."""
        return _frame(self._run.timeseries_csv())

    def flows(self):
        """flows.csv: money along each edge of the network, mean over replicas."""
        return _frame(self._run.flows_csv())

    def countries_monthly(self):
        """countries_monthly.csv: each country's need and chance of war by month."""
        return _frame(self._run.countries_monthly_csv())

    def trajectories(self):
        """trajectories.csv (runs with trajectories=True): every replica's country states by month."""
        return _frame(self._run.trajectories_csv())

    def iati_xml(self) -> str:
        """The run's flows as IATI 2.03 XML (`run --iati`): read back by pbflow.import_iati."""
        return self._run.iati_xml()

    def loans(self):
        """loans.csv (runs with loan lines): a row per replica and loan line, in the loan's currency.
        summary["loans"] has each line's grant element and means."""
        return _frame(self._run.loans_csv())

    def purposes(self):
        """purposes.csv (runs whose money reaches DAC purpose codes): each country's spending by
        code over the horizon, mean and percentiles; summary["purposes"] has the same."""
        return _frame(self._run.purposes_csv())

    def totals_frame(self):
        """The per-replica totals as a DataFrame (a row a replica)."""
        import pandas as pd
        return pd.DataFrame(self.totals)

    def trace(self, country: Optional[str] = None, pillar: Optional[str] = None) -> "TraceResults":
        """Where the money for a country's programmes (all countries if None;
        one pillar, or all three) went, route by route. A run made with
        trace=True already holds it; otherwise the scenario is run again with
        the trace on, on the same seed and replicas: the same run."""
        if self._trace is not None:
            return TraceResults(self._trace).only(country, pillar)
        if self._scenario is None:
            raise _pbflow.InputError("these results have no scenario to trace (run it with trace=True)")
        options = {k: v for k, v in self._options.items() if k != "trace"}
        options.update(replicas=self.replicas, seed=self.seed)
        countries = [country] if country else []
        return TraceResults(_pbflow.trace(self._scenario._engine, countries, pillar, **options), country, pillar)

    # -- files --------------------------------------------------------------
    def table(self) -> str:
        """The table `pbflow run` prints."""
        return self._run.table()

    def write(self, dir: "os.PathLike[str] | str") -> None:
        """Write what `pbflow run --out DIR` writes (with the trace, if the run has one)."""
        self._run.write(os.fspath(dir), self._trace)

    def __repr__(self) -> str:
        return (f"<pbflow.Results {self.scenario_name!r}: {self.replicas} replicas, seed {self.seed}, "
                f"{len(self.countries)} countries, {self.months} months>")


class TraceResults:
    """Where the money went, route by route (`pbflow trace`): routes() and
    programmes() as DataFrames, and the run it followed."""

    def __init__(self, trace: "_pbflow.TraceResult", country: Optional[str] = None, pillar: Optional[str] = None):
        self._trace = trace
        self._country = country.upper() if country else None
        self._pillar = pillar

    def only(self, country: Optional[str], pillar: Optional[str]) -> "TraceResults":
        """The same trace, showing one country and pillar (None: all)."""
        return TraceResults(self._trace, country, pillar)

    def _keep(self, frame):
        if self._country is not None and not frame.empty:
            if self._country not in set(frame["country"]):
                raise _pbflow.InputError(f"the trace holds no programme in {self._country}")
            frame = frame[frame["country"] == self._country]
        if self._pillar is not None and not frame.empty:
            frame = frame[frame["pillar"] == self._pillar]
        return frame.reset_index(drop=True)

    @property
    def json(self) -> dict:
        """trace.json as a dict (every traced country)."""
        return json.loads(self._trace.json())

    def routes(self):
        """trace.csv: a row per route, from its budget line through its channels."""
        return self._keep(_frame(self._trace.csv()))

    def programmes(self):
        """A row per programme: spent, entered, overhead, in pipelines, lag, local share."""
        import pandas as pd
        rows = []
        for p in self.json["programmes"]:
            row = {k: v for k, v in p.items() if k != "spent_by_intermediaries"}
            for k, v in p.get("spent_by_intermediaries", {}).items():
                row[f"spent_via_{k}_intermediaries"] = v
            rows.append(row)
        return self._keep(pd.DataFrame(rows))

    @property
    def run(self) -> Results:
        """The run the trace followed."""
        return Results(self._trace.run, trace=self._trace)

    def table(self, top: int = 10) -> str:
        """The table `pbflow trace` prints."""
        return self._trace.table(top)

    def write(self, dir: "os.PathLike[str] | str") -> None:
        """Write trace.json and trace.csv."""
        self._trace.write(os.fspath(dir))

    def __repr__(self) -> str:
        return f"<pbflow.TraceResults: {len(self.routes())} routes>"


class CompareResults:
    """Strategies compared on the same replicas (`pbflow compare`).

    strategies: compare.csv (a row a strategy: objective, paired difference
    from the baseline with its interval, regret); futures: futures.csv (a row
    a strategy and future) or None; json: compare.json; run(name): one
    strategy's run as Results."""

    def __init__(self, result: "_pbflow.CompareResult"):
        self._result = result

    @property
    def baseline(self) -> str:
        """The strategy the others are compared with."""
        return self._result.baseline

    @property
    def names(self) -> List[str]:
        """The strategies, in the file's order."""
        return list(self._result.strategy_names)

    @property
    def json(self) -> dict:
        """compare.json as a dict."""
        return json.loads(self._result.json())

    @property
    def strategies(self):
        """compare.csv: a row a strategy (objective, paired difference from the baseline, regret)."""
        return _frame(self._result.csv())

    @property
    def futures(self):
        """futures.csv (a row a strategy and future), or None without uncertainties."""
        return _frame(self._result.futures_csv()) if self._result.has_futures else None

    def run(self, strategy: str) -> Results:
        """One strategy's run on the compared replicas."""
        return Results(self._result.run(strategy))

    def table(self) -> str:
        """The ranking table `pbflow compare` prints."""
        return self._result.table()

    def write(self, dir: "os.PathLike[str] | str") -> None:
        """Write what `pbflow compare --out DIR` writes."""
        self._result.write(os.fspath(dir))

    def __repr__(self) -> str:
        return f"<pbflow.CompareResults: {len(self.names)} strategies, baseline {self.baseline!r}>"


class DiffResults:
    """What a what-if changes (`pbflow run WHATIF --against BASELINE`): rows
    is diff.csv (a row per measure and country: baseline, what-if, paired
    difference with its 95% interval, share of replicas better)."""

    def __init__(self, difference: "_pbflow.DifferenceResult", whatif: Results, baseline: Results):
        self._difference = difference
        self.whatif = whatif
        self.baseline = baseline

    @property
    def json(self) -> dict:
        """diff.json as a dict."""
        return json.loads(self._difference.json())

    @property
    def rows(self):
        """diff.csv: a row per measure and country (baseline, what-if, difference, 95% interval)."""
        return _frame(self._difference.csv())

    def clear(self):
        """The rows whose interval excludes zero."""
        rows = self.rows
        return rows[rows["clear"] == "yes"].reset_index(drop=True)

    def table(self, rows: int = 25) -> str:
        """The table `pbflow run --against` prints: what changed most first."""
        return self._difference.table(rows)

    def write(self, dir: "os.PathLike[str] | str") -> None:
        """Write what `pbflow run --against --out DIR` writes."""
        _pbflow.write_difference(self.whatif.run_result, self._difference, os.fspath(dir))

    def __repr__(self) -> str:
        return f"<pbflow.DiffResults {self._difference.whatif!r} against {self._difference.baseline!r}>"


class SensitivityResults:
    """Sobol' indices (S1, ST, S2) or Morris effects (mu_star, mu, sigma)
    with bootstrap intervals: indices is sensitivity.csv."""

    def __init__(self, result: "_pbflow.SensitivityResult"):
        self._result = result

    @property
    def method(self) -> str:
        """sobol or morris."""
        return self._result.method

    @property
    def warnings(self) -> List[str]:
        """Where the indices are not to be trusted, why, and what to do."""
        return list(self._result.warnings)

    @property
    def indices(self):
        """sensitivity.csv: output, parameter, measure, value and its 95% interval."""
        return _frame(self._result.csv())

    def table(self) -> str:
        """The ranked table `pbflow sensitivity` prints."""
        return self._result.table()

    def __repr__(self) -> str:
        return f"<pbflow.SensitivityResults {self.method}: {len(self.indices)} indices>"


def read_store_tables(path: str) -> Dict[str, Any]:
    """Every table of a sweep store, as DataFrames."""
    import sqlite3
    import pandas as pd
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        names = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return {name: pd.read_sql_query(f'SELECT * FROM "{name}"', db) for name in names}
    finally:
        db.close()


class SweepResults:
    """A sweep's points (`pbflow sweep`): points is sweep.csv (a row a point:
    its parameters, then its outputs); tables is the store's tables as
    DataFrames (a store in a scratch file when no db= was given); sensitivity holds the
    indices of a sobol or morris sweep; db is the store's path if one was
    asked for."""

    def __init__(self, result: "_pbflow.SweepResult", sensitivity: Optional["_pbflow.SensitivityResult"] = None,
                 db: Optional[str] = None, tables: Optional[Dict[str, Any]] = None):
        self._result = result
        self._sensitivity = sensitivity
        self.db = db
        self._tables = tables

    @property
    def sweep_result(self) -> "_pbflow.SweepResult":
        """The engine's own sweep result."""
        return self._result

    @property
    def design(self) -> str:
        """The design: lhs, grid, random, sobol, morris or file."""
        return self._result.design

    @property
    def parameters(self) -> List[str]:
        """The swept key paths."""
        return list(self._result.parameters)

    @property
    def outputs(self) -> List[str]:
        """The outputs, dotted paths into summary.json."""
        return list(self._result.outputs)

    @property
    def failures(self) -> List[Tuple[int, str]]:
        """(point, why) for each point whose run failed."""
        return list(self._result.failures)

    @property
    def points(self):
        """sweep.csv: a row a point, its parameters then its outputs."""
        return _frame(self._result.csv())

    @property
    def sensitivity(self) -> Optional[SensitivityResults]:
        """A sobol or morris sweep's indices, else None."""
        return SensitivityResults(self._sensitivity) if self._sensitivity is not None else None

    @property
    def tables(self) -> Optional[Dict[str, Any]]:
        """The store's tables as the sweep left them, {name: DataFrame}
        (points, outputs, parameters, failures, sweep, ...; docs/guide-sweeps.md).
        None only for a design_only sweep."""
        return self._tables

    def table(self) -> str:
        """The table `pbflow sweep` prints."""
        return self._result.table()

    def write(self, dir: "os.PathLike[str] | str") -> None:
        """Write what `pbflow sweep --out DIR` writes."""
        self._result.write(os.fspath(dir), self._sensitivity)

    def __repr__(self) -> str:
        return (f"<pbflow.SweepResults {self.design}: {len(self._result.points)} points, "
                f"{len(self.failures)} failed>")


class DiscoveryResults:
    """PRIM's box (`pbflow discover`): box (a row a parameter: the box's
    limits, the sweep's range, restricted or not, quasi-p-value),
    trajectory (coverage, density and mass of each peeling step) and the
    step chosen."""

    def __init__(self, result: "_pbflow.DiscoveryResult"):
        self._result = result

    @property
    def json(self) -> dict:
        """discovery.json as a dict."""
        return json.loads(self._result.json())

    @property
    def box(self):
        """A row a parameter: the box's limits, the sweep's range, restricted or not, quasi-p-value."""
        import pandas as pd
        return pd.DataFrame(self.json["box"])

    @property
    def trajectory(self):
        """discovery_trajectory.csv: coverage, density and mass of each peeling step."""
        return _frame(self._result.csv())

    @property
    def chosen(self) -> int:
        """The step whose box is reported."""
        return self._result.chosen

    @property
    def notes(self) -> List[str]:
        """Parameters left out, and why."""
        return list(self._result.notes)

    def table(self) -> str:
        """The table `pbflow discover` prints."""
        return self._result.table()

    def write(self, dir: "os.PathLike[str] | str") -> None:
        """Write what `pbflow discover --out DIR` writes."""
        self._result.write(os.fspath(dir))

    def __repr__(self) -> str:
        return f"<pbflow.DiscoveryResults {self._result.output}: step {self.chosen}>"
