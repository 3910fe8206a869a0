"""A sweep's store read with pandas: one typed (numeric) column per parameter
and output, the sweep's record with its provenance, and the sensitivity
indices of a sobol sweep."""
import sqlite3
import subprocess

import pandas as pd

from conftest import BUILD, ROOT


def test_the_store_reads_into_numeric_columns(tmp_path):
    db = tmp_path / "sweep.sqlite"
    scenario = tmp_path / "s.yaml"
    scenario.write_text(f"pbflow: 1\nextends: {ROOT / 'scenarios' / 'japan_baseline.yaml'}\nname: typed\n"
                        "sweep:\n  design: {kind: sobol, samples: 8}\n  test_function: ishigami\n  parameters:\n"
                        "    x1: {min: -3.14, max: 3.14}\n    x2: {min: -3.14, max: 3.14}\n    x3: {min: -3.14, max: 3.14}\n")
    subprocess.run([str(BUILD / "engine" / "pbflow"), "sweep", str(scenario), "-n", "1", "--db", str(db), "-q"], check=True)
    with sqlite3.connect(db) as connection:
        table = pd.read_sql("SELECT * FROM points JOIN outputs USING (id) ORDER BY point", connection)
        sweep = pd.read_sql("SELECT * FROM sweep", connection)
        indices = pd.read_sql("SELECT * FROM sensitivity", connection)
        layout = pd.read_sql("SELECT value FROM store_info WHERE name = 'layout'", connection)
        parameters = pd.read_sql("SELECT * FROM parameters ORDER BY position", connection)
    assert len(table) == 8 * 8
    for column in ["x1", "x2", "x3", "test_function"]:
        assert pd.api.types.is_float_dtype(table[column]), column
    assert list(table["point"]) == list(range(64))
    assert sweep.loc[0, "design"] == "sobol" and sweep.loc[0, "samples"] == 8 and sweep.loc[0, "points"] == 64
    assert len(sweep.loc[0, "scenario_sha256"]) == 64 and sweep.loc[0, "host"] and sweep.loc[0, "ended"]
    assert set(indices["measure"]) == {"S1", "ST"} and len(indices) == 2 * 3
    assert layout.loc[0, "value"] == "2"
    assert list(parameters["name"]) == ["x1", "x2", "x3"] and set(parameters["kind"]) == {"number"}
    assert list(parameters["distribution"]) == ["uniform"] * 3 and list(parameters["max"]) == [3.14] * 3
