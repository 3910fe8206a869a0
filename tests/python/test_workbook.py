"""results.xlsx of a run, a what-if, a comparison and a sweep, read back with
openpyxl and checked against the JSON and CSV files written beside it: one
money unit (millions of the base currency) named in every heading, months as
real dates, number formats, an autofilter and a frozen header on every table,
and per-replica rows capped (with a note)."""
import csv
import datetime
import json
import subprocess

import openpyxl
import pytest

from conftest import BUILD, ROOT

PBFLOW = BUILD / "engine" / "pbflow"
SCENARIOS = ROOT / "scenarios"
CAP = 1000  # kWorkbookReplicas


def pbflow(*args):
    done = subprocess.run([str(PBFLOW), *map(str, args), "--quiet"], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.fixture(scope="module")
def folders(tmp_path_factory):
    base = tmp_path_factory.mktemp("workbooks")
    pbflow("run", SCENARIOS / "japan_baseline.yaml", "-n", CAP + 60, "--set", "horizon.months=36", "--out", base / "run")
    pbflow("run", SCENARIOS / "whatif" / "budget_cut_20.yaml", "--against", SCENARIOS / "japan_baseline.yaml",
           "-n", "20", "--set", "horizon.months=36", "--out", base / "whatif")
    pbflow("compare", SCENARIOS / "compare" / "robustness.yaml", "-n", "6", "--set", "horizon.months=24",
           "--out", base / "compare")
    pbflow("sweep", SCENARIOS / "sweep_lhs.yaml", "-n", "2", "--set", "sweep.design.samples=8", "--out", base / "sweep")
    return base


def rows(sheet, first=1):
    """The table of a sheet as dicts by heading (the heading row is `first`)."""
    values = list(sheet.iter_rows(min_row=first, values_only=True))
    header = values[0]
    return [dict(zip(header, row)) for row in values[1:] if any(v is not None for v in row)]


def close(a, b, rel=1e-9):
    return a == pytest.approx(b, rel=rel, abs=1e-9)


def check_table(sheet):
    """A table sheet: a frozen heading row and an autofilter over it."""
    assert sheet.freeze_panes == "A2", sheet.title
    assert sheet.auto_filter.ref, f"{sheet.title} has no autofilter"
    for cell in next(sheet.iter_rows(min_row=1, max_row=1)):
        assert cell.value, f"an empty heading in {sheet.title}"


def test_run_workbook_holds_every_sheet_with_units_and_matches_the_json(folders):
    folder = folders / "run"
    book = openpyxl.load_workbook(folder / "results.xlsx")
    assert book.sheetnames == ["Summary", "Assumptions", "Countries", "Flows", "Trace", "Monthly", "Country months",
                               "Outcomes"]
    summary = json.loads((folder / "summary.json").read_text())
    for name in book.sheetnames[1:]:
        check_table(book[name])
    # Summary: the money table in USD m, the provenance, the note on the cap.
    cells = {row[0]: row[1:] for row in book["Summary"].iter_rows(values_only=True) if row[0]}
    assert close(cells["spent by country programmes"][0], summary["totals"]["spent"] / 1e6)
    assert close(cells["kept as overhead by intermediaries"][0], summary["totals"]["overhead"] / 1e6)
    assert cells["scenario SHA-256"][0] == summary["scenario_sha256"]
    assert f"first {CAP} of {CAP + 60} replicas" in cells["units"][0]
    assert "USD m" in [c for c in cells["the money over the horizon"] if c]
    # Countries, with names and money in USD m.
    countries = rows(book["Countries"])
    assert [c["country"] for c in countries] == list(summary["countries"])
    for c in countries:
        s = summary["countries"][c["country"]]
        assert c["name"] == s["name"]
        assert close(c["humanitarian, USD m"], s["spent"]["humanitarian"] / 1e6)
        assert close(c["conflict months, mean"], s["conflict_months"]["mean"])
    money = book["Countries"]["C2"]
    assert money.number_format == "#,##0.0"
    # Flows: the same money as flows.csv, in millions.
    with open(folder / "flows.csv") as f:
        flows_total = sum(float(r["amount"]) for r in csv.DictReader(f))
    assert close(sum(r["amount, USD m"] for r in rows(book["Flows"])), flows_total / 1e6, rel=1e-6)
    # Trace: a programme's routes add up to what trace.json says it spent.
    trace = json.loads((folder / "trace.json").read_text())
    sdn = next(p for p in trace["programmes"] if p["country"] == "SDN" and p["pillar"] == "humanitarian")
    spent = sum(r["spent, USD m"] for r in rows(book["Trace"]) if r["country"] == "SDN" and r["pillar"] == "humanitarian")
    assert close(spent, sdn["routes_spent"] / 1e6, rel=1e-6)
    # Monthly: months are dates, money in USD m.
    monthly = rows(book["Monthly"])
    assert isinstance(monthly[0]["month"], datetime.datetime)
    assert monthly[0]["month"].strftime("%Y-%m") == summary["start"]
    with open(folder / "timeseries.csv") as f:
        first = next(csv.DictReader(f))
    assert close(monthly[0]["released p50, USD m"], float(first["released_p50"]) / 1e6)
    assert book["Monthly"]["A2"].number_format == "yyyy-mm"
    # Outcomes: capped.
    assert len(rows(book["Outcomes"])) == CAP * len(summary["countries"])
    # Assumptions: each budget line's appropriation by fiscal year.
    budget = [r for r in rows(book["Assumptions"]) if r["group"] == "budget"]
    assert any(r["item"] == "japan/core_contributions" and r["detail"] == "FY2025" and r["value"] > 0 for r in budget)
    assert any(r["group"] == "channel" and r["item"] == "unhcr" and r["detail"] == "overhead"
               for r in rows(book["Assumptions"]))


def test_whatif_workbook_has_the_difference(folders):
    folder = folders / "whatif"
    book = openpyxl.load_workbook(folder / "results.xlsx")
    assert "Diff" in book.sheetnames
    check_table(book["Diff"])
    diff = json.loads((folder / "diff.json").read_text())
    table = rows(book["Diff"])
    assert len(table) == len(diff["rows"])
    spent = next(r for r in table if r["measure"] == "spent" and r["country"] == "all")
    expected = next(r for r in diff["rows"] if r["measure"] == "spent" and r["country"] is None)
    assert spent["unit"] == "USD m"
    assert close(spent["change (what-if - baseline)"], expected["difference"]["mean"] / 1e6)
    assert spent["interval excludes 0"] == ("yes" if expected["clear"] else "no")


def test_compare_workbook_ranks_the_strategies(folders):
    folder = folders / "compare"
    book = openpyxl.load_workbook(folder / "results.xlsx")
    assert book.sheetnames == ["Summary", "Strategies", "Regret", "Futures"]
    for name in book.sheetnames[1:]:
        check_table(book[name])
    compare = json.loads((folder / "compare.json").read_text())
    table = rows(book["Strategies"])
    best = min(compare["strategies"], key=lambda n: compare["strategies"][n]["objective"]["mean"])
    assert table[0]["rank"] == 1 and table[0]["strategy"] == best
    assert close(table[0]["objective, mean, m"], compare["strategies"][best]["objective"]["mean"] / 1e6)
    regret = {r["strategy"]: r for r in rows(book["Regret"])}
    for name, s in compare["robustness"]["strategies"].items():
        assert close(regret[name]["largest regret, m"], s["max_regret"] / 1e6)


def test_sweep_workbook_holds_every_point(folders):
    folder = folders / "sweep"
    book = openpyxl.load_workbook(folder / "results.xlsx")
    assert book.sheetnames == ["Summary", "Points"]
    check_table(book["Points"])
    with open(folder / "sweep.csv") as f:
        points = list(csv.DictReader(f))
    table = rows(book["Points"])
    assert len(table) == len(points)
    for column in points[0]:
        assert close(float(table[0][column]), float(points[0][column]), rel=1e-11)


def test_purposes_sheet_and_report_section_match_purposes_csv(tmp_path):
    pbflow("run", ROOT / "tests" / "data" / "purposes.yaml", "-n", "12", "--out", tmp_path / "run")
    book = openpyxl.load_workbook(tmp_path / "run" / "results.xlsx")
    assert "Purposes" in book.sheetnames
    sheet = book["Purposes"]
    check_table(sheet)
    with open(tmp_path / "run" / "purposes.csv", newline="") as f:
        expected = list(csv.DictReader(f))
    got = rows(sheet)
    assert len(got) == len(expected) == 8
    for g, e in zip(got, expected):
        assert (g["country"], g["purpose code"], g["acts on"]) == (e["country"], e["purpose"], e["acts_on"])
        assert close(g["spent mean, USD m"], float(e["spent_mean"]) / 1e6)
    flows = rows(book["Flows"])
    assert {f["purpose code"] for f in flows if f["from"] == "unmas"} == {"15250"}
    report = (tmp_path / "run" / "report.html").read_text()
    assert "<h2>By purpose code</h2>" in report and "Removal of land mines" in report
