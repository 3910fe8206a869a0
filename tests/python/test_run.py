"""pbflow.run from Python: the command line's numbers, NumPy views that
outlive their owner, pickling, errors that say where, the GIL released,
and Ctrl-C."""
import gc
import json
import os
import pickle
import signal
import subprocess
import sys
import threading
import time

import numpy as np
import pytest

import pbflow
from conftest import CLI, PACKAGE_DIR, ROOT

BASELINE = ROOT / "scenarios" / "japan_baseline.yaml"
SHORT = {"horizon.months": 24}


def same_numbers(ours, file_frame):
    """The same columns and values, exactly (a CSV file's whole numbers read back as integers)."""
    import pandas as pd
    pd.testing.assert_frame_equal(ours, file_frame, check_dtype=False, check_exact=True)


def without_run(summary):
    summary = dict(summary)
    summary.pop("run")
    return summary


def test_the_package_under_test_is_the_one_asked_for():
    assert os.path.realpath(pbflow.__file__).startswith(os.path.realpath(PACKAGE_DIR))
    assert pbflow.__version__ == pbflow.version()


def test_run_matches_the_command_line(tmp_path):
    result = pbflow.run(pbflow.load(BASELINE, SHORT), replicas=30, threads=2)
    subprocess.run([str(CLI), "run", str(BASELINE), "--replicas", "30", "--set", "horizon.months=24",
                    "--out", str(tmp_path), "--quiet", "--no-trace"], check=True)
    assert without_run(result.summary) == without_run(json.loads((tmp_path / "summary.json").read_text()))
    for name, frame in [("outcomes", result.outcomes()), ("timeseries", result.timeseries()),
                        ("flows", result.flows()), ("countries_monthly", result.countries_monthly())]:
        cli = pbflow.results._frame((tmp_path / f"{name}.csv").read_text())
        same_numbers(frame, cli)
    # A scenario changed in code runs as the command line's --set does.
    changed = pbflow.run(pbflow.load(BASELINE, SHORT).set("donors.japan.budget.growth", 0.03), replicas=5)
    subprocess.run([str(CLI), "run", str(BASELINE), "-n", "5", "--set", "horizon.months=24", "--set",
                    "donors.japan.budget.growth=0.03", "--out", str(tmp_path / "b"), "--quiet", "--no-trace"],
                   check=True)
    same_numbers(changed.outcomes(), pbflow.results._frame((tmp_path / "b" / "outcomes.csv").read_text()))


def test_arrays_view_the_result_and_outlive_it():
    result = pbflow.run(pbflow.load(BASELINE, SHORT), replicas=12)
    conflict = result.arrays["conflict_months"]
    spent = result.totals["spent"]
    assert conflict.shape == (12, len(result.countries))
    assert not conflict.flags["OWNDATA"] and not spent.flags["OWNDATA"]
    assert result.arrays["spent"].shape == (12, len(result.countries), 3)
    frame = result.outcomes()
    np.testing.assert_array_equal(conflict.ravel(), frame["conflict_months"].to_numpy())
    kept_conflict, kept_spent = conflict.copy(), spent.copy()
    del result, frame
    gc.collect()
    # Reuse the freed memory as hard as we can: the views must not see it.
    others = [pbflow.run(pbflow.load(BASELINE, SHORT), replicas=12, seed=99) for _ in range(3)]
    junk = [np.full(4096, -1.0) for _ in range(2000)]
    np.testing.assert_array_equal(conflict, kept_conflict)
    np.testing.assert_array_equal(spent, kept_spent)
    assert others and junk


def test_results_pickle_with_their_arrays(tmp_path):
    result = pbflow.run(pbflow.load(BASELINE, SHORT), replicas=7, trajectories=True)
    back = pickle.loads(pickle.dumps(result))
    for name, values in result.totals.items():
        np.testing.assert_array_equal(back.totals[name], values)
    for name, values in result.arrays.items():
        np.testing.assert_array_equal(back.arrays[name], values)
    assert back.summary == result.summary
    assert back.trajectories().equals(result.trajectories())
    assert back.scenario == result.scenario
    # The unpickled result writes the same files.
    result.write(tmp_path / "a")
    back.write(tmp_path / "b")
    for name in ("summary.json", "outcomes.csv", "flows.csv", "timeseries.csv"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name
    state = result.run_result.__getstate__()
    with pytest.raises(pbflow.RuntimeFailure, match="damaged"):
        pbflow._pbflow.RunResult.__new__(pbflow._pbflow.RunResult).__setstate__(state[:-5])


def test_same_numbers_for_any_thread_count_and_block_size():
    s = pbflow.load(BASELINE, SHORT)
    one = pbflow.run(s, replicas=20, threads=1, block_size=64)
    two = pbflow.run(s, replicas=20, threads=2, block_size=3)
    assert one.outcomes().equals(two.outcomes())


def test_options_are_checked_with_the_command_lines_messages():
    s = pbflow.load(ROOT / "tests" / "data" / "small.yaml")
    with pytest.raises(pbflow.InputError, match="--replicas must be from 1"):
        pbflow.run(s, replicas=0)
    with pytest.raises(pbflow.InputError, match="--block-size must be from 1"):
        pbflow.run(s, replicas=2, block_size=0)
    with pytest.raises(TypeError):
        pbflow.run(s, replicas=2, repilcas=3)


def test_long_runs_release_the_gil_so_two_threads_overlap():
    s = pbflow.load(BASELINE, SHORT)
    results = [None, None]

    def work(i):
        results[i] = pbflow.run(s, replicas=300, threads=1)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    a, b = results
    # By the engine's own clock: each began before the other finished.
    assert a.started_at < b.finished_at and b.started_at < a.finished_at
    overlap = min(a.finished_at, b.finished_at) - max(a.started_at, b.started_at)
    assert overlap > 0.5 * min(a.seconds, b.seconds)
    assert a.outcomes().equals(b.outcomes())


INTERRUPTED = """
import sys, time
sys.path.insert(0, {path!r})
import pbflow
s = pbflow.load({file!r})
print("running", flush=True)
try:
    pbflow.run(s, replicas=50000, threads=1)
    print("finished", flush=True)
except KeyboardInterrupt:
    print("interrupted", flush=True)
"""


def test_ctrl_c_interrupts_a_run_within_about_a_second():
    child = subprocess.Popen([sys.executable, "-c", INTERRUPTED.format(path=str(PACKAGE_DIR), file=str(BASELINE))],
                             stdout=subprocess.PIPE, text=True)
    assert child.stdout.readline().strip() == "running"
    time.sleep(1.0)  # well into the run (tens of seconds on one thread)
    sent = time.monotonic()
    child.send_signal(signal.SIGINT)
    out, _ = child.communicate(timeout=60)
    waited = time.monotonic() - sent
    assert out.strip() == "interrupted"
    assert waited < 2.5, f"took {waited:.1f} s to stop"
