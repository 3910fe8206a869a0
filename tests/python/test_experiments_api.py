"""What-ifs, comparisons, traces, sweeps (here, on a process pool, on a Dask
cluster), sensitivity and discovery from Python: the command line's
numbers, typed results with DataFrames, and all of it pickles."""
import concurrent.futures as cf
import json
import pickle
import sqlite3
import subprocess

import pytest

import pbflow
from conftest import CLI, ROOT

SMALL = ROOT / "tests" / "data" / "small.yaml"
SMALL_COMPARE = ROOT / "tests" / "data" / "small_compare.yaml"
SWEEP = ROOT / "scenarios" / "sweep_lhs.yaml"
SWEEP_SMALL = ["sweep.design.samples=10", "sweep.replicas=6", "horizon.months=18"]


def cli(*args, quiet=True):
    subprocess.run([str(CLI), *map(str, args), *(["--quiet"] if quiet else [])], check=True,
                   stdout=subprocess.DEVNULL)


def test_diff_is_the_command_lines_what_if(tmp_path):
    base = pbflow.load(SMALL)
    whatif = base.with_({"donors.japan.budget.growth": 0.2})
    d = pbflow.diff(whatif, base, replicas=12)
    cli("run", SMALL, "--against", SMALL, "--change", "donors.japan.budget.growth=0.2", "-n", "12", "--out",
        tmp_path)
    assert d.rows.equals(pbflow.results._frame((tmp_path / "diff.csv").read_text()))
    assert len(d.clear()) > 0 and (d.clear()["clear"] == "yes").all()
    assert d.whatif.replicas == d.baseline.replicas == 12
    back = pickle.loads(pickle.dumps(d))
    assert back.rows.equals(d.rows) and back.json == d.json
    d.write(tmp_path / "py")
    assert (tmp_path / "py" / "diff.csv").read_bytes() == (tmp_path / "diff.csv").read_bytes()


def test_compare_returns_typed_results_with_frames(tmp_path):
    c = pbflow.compare(SMALL_COMPARE, replicas=12)
    cli("compare", SMALL_COMPARE, "--replicas", "12", "--out", tmp_path)
    assert c.baseline == "equal" and c.names[0] == "equal"
    assert c.strategies.equals(pbflow.results._frame((tmp_path / "compare.csv").read_text()))
    assert c.futures.equals(pbflow.results._frame((tmp_path / "futures.csv").read_text()))
    assert c.json["strategies"]["equal"]["vs_baseline"]["mean_diff"] == 0.0
    assert c.run("needs").replicas == 12
    back = pickle.loads(pickle.dumps(c))
    assert back.json == c.json and back.run("needs").outcomes().equals(c.run("needs").outcomes())


def test_trace_mirrors_the_command_and_adds_up(tmp_path):
    t = pbflow.trace(SMALL, "SDN", "humanitarian", replicas=5)
    cli("trace", SMALL, "--country", "SDN", "--pillar", "humanitarian", "-n", "5", "--out", tmp_path)
    assert t.routes().equals(pbflow.results._frame((tmp_path / "trace.csv").read_text()))
    routes = t.routes()
    assert set(routes["country"]) == {"SDN"} and set(routes["pillar"]) == {"humanitarian"}
    programme = t.programmes().iloc[0]
    assert routes["spent_USD"].sum() == pytest.approx(programme["spent"], rel=1e-9)
    # A run traced as it runs gives the same routes as a second, traced run.
    r = pbflow.run(SMALL, replicas=5, trace=True)
    assert r.trace("SDN", "humanitarian").routes().equals(routes)
    assert pbflow.run(SMALL, replicas=5).trace("SDN", "humanitarian").routes().equals(routes)
    with pytest.raises(pbflow.InputError, match="pillar"):
        pbflow.trace(SMALL, "SDN", "peacekeeping", replicas=2)


def sweep_scenario():
    return pbflow.load(SWEEP, SWEEP_SMALL)


@pytest.fixture(scope="module")
def cli_sweep(tmp_path_factory):
    out = tmp_path_factory.mktemp("cli")
    cli("sweep", SWEEP, *[a for s in SWEEP_SMALL for a in ("--set", s)], "--db", out / "store.sqlite",
        "--out", out / "folder")
    return out


def store_rows(path):
    """Each point with its outputs, by point (row ids follow the order points finished in)."""
    with sqlite3.connect(path) as db:
        db.row_factory = sqlite3.Row
        rows = db.execute("SELECT * FROM points JOIN outputs USING (id) ORDER BY point").fetchall()
        parameters = db.execute("SELECT * FROM parameters ORDER BY position").fetchall()
    return [{k: row[k] for k in row.keys() if k != "id"} for row in rows], [tuple(p) for p in parameters]


def check_same_as_cli(result, cli_sweep, db):
    assert result.sweep_result.csv() == (cli_sweep / "folder" / "sweep.csv").read_text()
    ours, theirs = store_rows(db), store_rows(cli_sweep / "store.sqlite")
    assert len(ours[0]) == 10
    assert ours == theirs


def test_sweep_here_equals_the_command_lines(tmp_path, cli_sweep):
    r = pbflow.sweep(sweep_scenario(), db=tmp_path / "py.sqlite")
    check_same_as_cli(r, cli_sweep, tmp_path / "py.sqlite")
    assert set(r.tables) >= {"points", "outputs", "parameters", "sweep"}
    assert len(r.points) == 10 and list(r.points.columns[-4:]) == r.outputs
    back = pickle.loads(pickle.dumps(r))
    assert back.points.equals(r.points)


class CountingExecutor(cf.ProcessPoolExecutor):
    """A process pool that counts what it is given."""
    submitted = 0

    def submit(self, *args, **kwargs):
        CountingExecutor.submitted += 1
        return super().submit(*args, **kwargs)


def test_sweep_on_a_process_pool_equals_the_command_lines(tmp_path, cli_sweep):
    CountingExecutor.submitted = 0
    with CountingExecutor(2) as pool:
        r = pbflow.sweep(sweep_scenario(), executor=pool, batch_size=3, db=tmp_path / "pool.sqlite")
    assert CountingExecutor.submitted == 4  # 10 points in batches of 3
    check_same_as_cli(r, cli_sweep, tmp_path / "pool.sqlite")
    # resume: the store's points are reused, none is sent again
    CountingExecutor.submitted = 0
    with CountingExecutor(2) as pool:
        again = pbflow.sweep(sweep_scenario(), executor=pool, db=tmp_path / "pool.sqlite", resume=True)
    assert CountingExecutor.submitted == 0 and again.sweep_result.reused == 10


def test_sweep_on_a_dask_cluster_equals_the_command_lines(tmp_path, cli_sweep):
    import distributed
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        r = pbflow.sweep(sweep_scenario(), executor=client.get_executor(), db=tmp_path / "dask.sqlite")
        # the workers ran the points: each loaded the scenario in its own process
        workers = client.run(lambda: __import__("pbflow.executors").executors._loaded.__len__())
    assert sum(workers.values()) >= 1
    check_same_as_cli(r, cli_sweep, tmp_path / "dask.sqlite")


FAILING = """pbflow: 1
extends: small.yaml
name: fails
channels:
  agency: {passes: {ngo: 0.2, fund: 0.1}}
sweep:
  design: {kind: grid}
  replicas: 3
  parameters:
    channels.agency.passes.ngo: {values: [0.1, 0.8]}
    channels.agency.passes.fund: {values: [0.05, 0.7]}
"""


def test_failed_points_come_back_from_the_workers(tmp_path):
    # Each value is valid alone; 0.8 and 0.7 together pass on more than all.
    scenario = pbflow.Scenario.from_yaml(FAILING, name="fails.yaml", base_dir=SMALL.parent)
    here = pbflow.sweep(scenario)  # no db: its tables from a scratch store
    assert len(here.tables["failures"]) == 1 and here.db is None
    with cf.ProcessPoolExecutor(2) as pool:
        there = pbflow.sweep(scenario, executor=pool, db=tmp_path / "there.sqlite")
    assert len(here.failures) == 1 and there.failures == here.failures
    assert "sub-grant shares must sum to less than 1" in there.failures[0][1]
    assert there.sweep_result.csv() == here.sweep_result.csv()
    assert len(there.tables["failures"]) == 1
    with cf.ProcessPoolExecutor(2) as pool, pytest.raises(pbflow.InputError, match="sub-grant shares"):
        pbflow.sweep(scenario, executor=pool, fail_fast=True)


def test_sensitivity_and_discovery_from_python(tmp_path):
    text = ("pbflow: 1\nextends: small.yaml\nname: g\nsweep:\n  test_function: ishigami\n"
            "  design: {kind: sobol, samples: 256}\n  parameters:\n"
            "    x1: {min: -3.141592653589793, max: 3.141592653589793}\n"
            "    x2: {min: -3.141592653589793, max: 3.141592653589793}\n"
            "    x3: {min: -3.141592653589793, max: 3.141592653589793}\n")
    s = pbflow.Scenario.from_yaml(text, name="g.yaml", base_dir=SMALL.parent)
    r = pbflow.sweep(s, db=tmp_path / "g.sqlite", batch_size=None)
    assert r.sensitivity is not None and r.sensitivity.method == "sobol"
    r.write(tmp_path / "out")
    indices = pbflow.sensitivity(r, bootstrap=200)
    cli("sensitivity", tmp_path / "out", "--bootstrap", "200", "--out", tmp_path / "s.csv", quiet=False)
    assert indices.indices.equals(pbflow.results._frame((tmp_path / "s.csv").read_text()))
    # Ishigami's S1 for x2 is about 0.44 and for x3 zero.
    s1 = indices.indices.set_index(["parameter", "measure"])["value"]
    assert 0.3 < s1[("x2", "S1")] < 0.6 and abs(s1[("x3", "S1")]) < 0.1
    assert pbflow.sensitivity(tmp_path / "g.sqlite", bootstrap=200).indices.equals(indices.indices)
    found = pbflow.discover(r, "test_function", above=10.0)
    cli("discover", tmp_path / "out", "--output", "test_function", "--above", "10", "--out", tmp_path / "d", quiet=False)
    assert found.json == json.loads((tmp_path / "d" / "discovery.json").read_text())
    assert found.trajectory.equals(pbflow.results._frame((tmp_path / "d" / "discovery_trajectory.csv").read_text()))
    assert set(found.box["parameter"]) == {"x1", "x2", "x3"}
    assert pickle.loads(pickle.dumps(found)).json == found.json
    assert pickle.loads(pickle.dumps(indices)).indices.equals(indices.indices)
    with pytest.raises(pbflow.InputError, match="--bootstrap must be from 10 to 100000"):
        pbflow.sensitivity(r, bootstrap=5)
    with pytest.raises(pbflow.InputError, match="exactly one of above= and below="):
        pbflow.discover(r, "test_function")
