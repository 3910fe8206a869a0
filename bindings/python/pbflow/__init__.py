"""pbflow: follow peacebuilding and humanitarian money from a donor's budget
through budget lines, UN agencies, trust funds and NGOs into country
programmes, month by month, and simulate what it does there.

    import pbflow
    s = pbflow.load("scenarios/japan_baseline.yaml")
    s.set("channels.untfhs.overhead", 0.05)          # checked as --set is
    r = pbflow.run(s, replicas=500, seed=7)          # Results
    r.totals["objective"].mean()                     # NumPy view, no copy
    r.outcomes()                                     # pandas DataFrame
    d = pbflow.diff(s.with_({"donors.japan.budget.growth": -0.05}), s)
    d.clear()                                        # what clearly changed

Every command of the command line is a function here (run, diff, compare,
trace, sweep, sensitivity, discover, import fts / iati, check) with the
same defaults and checks.
Scenarios and results pickle; sweep(executor=...) spreads points over a
process pool or a Dask cluster. Long calls release the GIL and stop on
Ctrl-C. docs/guide-python.md walks through it all.
"""
from ._pbflow import InputError, RuntimeFailure, schema, version
from .commands import compare, diff, discover, run, sensitivity, sweep, trace
from .results import (CompareResults, DiffResults, DiscoveryResults, Results, SensitivityResults, SweepResults,
                      TraceResults)
from .records import CheckResults, FtsRecords, IatiRecords, check, import_fts, import_iati
from .scenario import Assessment, BudgetLine, Channel, Country, Donor, Loan, Mission, Scenario, Strategy, load

__version__ = version()

__all__ = [
    "load", "Scenario", "Donor", "BudgetLine", "Loan", "Mission", "Assessment", "Channel", "Country", "Strategy",
    "run", "diff", "compare", "trace", "sweep", "sensitivity", "discover",
    "Results", "TraceResults", "CompareResults", "DiffResults", "SweepResults", "SensitivityResults",
    "DiscoveryResults", "InputError", "RuntimeFailure", "schema", "version",
    "import_fts", "import_iati", "check", "FtsRecords", "IatiRecords", "CheckResults",
]
