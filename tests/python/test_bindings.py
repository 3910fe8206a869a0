"""The Python bindings: same numbers as the command line, arrays that view
the result without copying, errors that say where, and determinism."""
import gc
import json
import subprocess
import threading
from pathlib import Path

import numpy as np
import pytest

import pbflow
from conftest import BUILD, ROOT

BASELINE = ROOT / "scenarios" / "japan_baseline.yaml"
SHORT = {"horizon.months": 24}


def without_run(summary_text):
    summary = json.loads(summary_text)
    summary.pop("run")
    return summary


def test_run_matches_the_command_line(tmp_path):
    result = pbflow.load(BASELINE, SHORT).run(replicas=30, threads=2)
    cli = BUILD / "engine" / "pbflow"
    subprocess.run([str(cli), "run", str(BASELINE), "--replicas", "30", "--set", "horizon.months=24",
                    "--out", str(tmp_path), "--quiet"], check=True)
    assert without_run(result.summary_json()) == without_run((tmp_path / "summary.json").read_text())
    assert result.outcomes_csv() == (tmp_path / "outcomes.csv").read_text()


def test_arrays_view_the_result_without_copying():
    result = pbflow.load(BASELINE, SHORT).run(replicas=12)
    outcomes = result.outcomes()
    conflict = outcomes["conflict_months"]
    assert conflict.shape == (12, len(result.countries))
    assert not conflict.flags["OWNDATA"]
    assert outcomes["spent"].shape == (12, len(result.countries), 3)
    frame = pbflow.outcomes_frame(result)
    np.testing.assert_array_equal(frame["conflict_months"].to_numpy().reshape(12, -1), conflict)
    np.testing.assert_allclose(frame["spent_peace"].to_numpy().reshape(12, -1), outcomes["spent"][:, :, 2], rtol=1e-15)
    # The array keeps the result alive after the Python name is gone: its
    # numbers are still the run's, not freed memory.
    expected = conflict.copy()
    del result, outcomes, frame
    gc.collect()
    pbflow.load(BASELINE, SHORT).run(replicas=12, seed=99)  # reuse of freed memory would show
    np.testing.assert_array_equal(conflict, expected)
    assert expected.sum() > 0


def test_totals_conserve_money():
    totals = pbflow.load(BASELINE, SHORT).run(replicas=8).totals()
    assert totals["conservation_error"].max() < 1e-9
    assert (totals["spent"] > 0).all()


def test_bad_scenario_raises_input_error_naming_the_place(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text((ROOT / "tests" / "data" / "small.yaml").read_text().replace("overhead: 0.08", "overhed: 0.08"))
    with pytest.raises(pbflow.InputError, match=r"bad\.yaml:\d+:\d+: channels\.agency\.overhed: .*did you mean `overhead`"):
        pbflow.load(bad)
    assert issubclass(pbflow.InputError, ValueError)


def test_same_numbers_for_any_thread_count():
    engine = pbflow.load(BASELINE, SHORT)
    one = engine.run(replicas=20, threads=1, block_size=64)
    two = engine.run(replicas=20, threads=2, block_size=3)
    assert one.outcomes_csv() == two.outcomes_csv()


def test_runs_release_the_gil_and_agree_when_run_side_by_side():
    engine = pbflow.load(BASELINE, SHORT)
    results = [None, None]

    def work(i):
        results[i] = engine.run(replicas=40, threads=1).outcomes_csv()

    threads = [threading.Thread(target=work, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results[0] == results[1] == engine.run(replicas=40, threads=1).outcomes_csv()


def test_compare_returns_the_compare_json():
    result = pbflow.compare(pbflow.load(ROOT / "scenarios" / "compare_hdp.yaml", SHORT), replicas=20)
    assert result["baseline"] == "status_quo"
    assert set(result["strategies"]) == {"status_quo", "needs_first", "nexus_phase", "pba", "reserve_heavy"}
    assert result["strategies"]["status_quo"]["vs_baseline"]["mean_diff"] == 0.0


def test_schema_is_json():
    assert json.loads(pbflow.schema())["type"] == "object"


def test_workbook_holds_the_run(tmp_path):
    import pandas as pd
    result = pbflow.load(BASELINE, SHORT).run(replicas=6)
    result.write(str(tmp_path))
    sheets = pd.read_excel(tmp_path / "results.xlsx", sheet_name=None)
    assert list(sheets) == ["Summary", "Assumptions", "Countries", "Flows", "Monthly", "Country months", "Outcomes"]
    assert len(sheets["Monthly"]) == 24
    outcomes = sheets["Outcomes"]
    assert len(outcomes) == 6 * len(result.countries)
    np.testing.assert_allclose(outcomes["conflict months"].to_numpy().reshape(6, -1), result.outcomes()["conflict_months"])
