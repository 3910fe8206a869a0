"""Recorded aid flows from Python: the FTS and IATI imports read what the
command line reads (the same texts), a scenario seeded from them loads and
runs, a scenario is checked against them, and a run's flows exported as IATI
come back with every hop linked."""
import json
import subprocess

import pytest

import pbflow
from conftest import BUILD, ROOT

PBFLOW = BUILD / "engine" / "pbflow"
PURPOSES = ROOT / "tests" / "data" / "purposes.yaml"


def page(tmp_path, flows, name="p.json"):
    path = tmp_path / name
    path.write_text(json.dumps({"data": {"incoming": {"fundingTotal": 3000000}, "flows": flows}}))
    return path


def flow(id, usd, org, country="Afghanistan", status="paid", boundary="incoming", on_boundary="single"):
    return {"id": id, "amountUSD": usd, "status": status, "boundary": boundary, "onBoundary": on_boundary,
            "flowType": "Standard", "date": "2026-03-01T00:00:00Z",
            "sourceObjects": [{"type": "Organization", "name": "Japan, Government of"}],
            "destinationObjects": [{"type": "Organization", "name": org, "organizationTypes": ["UN agency"]},
                                   {"type": "Location", "name": country}, {"type": "UsageYear", "name": "2026"}]}


def test_fts_import_is_the_command_lines(tmp_path):
    p = page(tmp_path, [flow("1", 1000000, "agency"), flow("2", 2000000, "fund"),
                        flow("3", 5, "agency", on_boundary="shared")])
    fts = pbflow.import_fts(p, donor="Japan")
    assert fts.funding_total_usd == 3000000 and fts.donor == "Japan, Government of"
    assert fts.reported_funding_total_usd == 3000000
    frame = fts.flows()
    assert list(frame["counted"]) == [True, True, False]
    out = tmp_path / "cli"
    done = subprocess.run([str(PBFLOW), "import", "fts", str(p), "--donor", "Japan", "--out", str(out)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert (out / "fts_flows.csv").read_text() == fts._fts.flows_csv()
    with pytest.raises(pbflow.InputError) as e:
        pbflow.import_fts(tmp_path / "missing.json")
    assert "no such file" in str(e.value)


def test_seed_check_and_iati_round_trip(tmp_path):
    p = page(tmp_path, [flow("1", 1000000, "agency"), flow("2", 2000000, "fund")])
    fts = pbflow.import_fts([p], donor="XM-DAC-701-2")
    seeded = fts.seed_scenario()
    assert "sha256" in seeded
    s = pbflow.Scenario.from_yaml(seeded, name=str(tmp_path / "seeded.yaml"))
    assert s.donors["japan_recorded"].budget_by_year[2026] == 3000000
    pbflow.run(s, replicas=2)
    # The small scenario with purpose codes, over the calendar year 2026.
    scenario = pbflow.load(PURPOSES, {"horizon.start": "2026-01", "horizon.months": 12})
    c = pbflow.check(scenario, against_fts=[p], replicas=20)
    rows = c.rows()
    country = rows[rows.level == "country"].iloc[0]
    assert country.recorded_usd == 3000000 and country.simulated_year == 2026
    assert country.simulated_p05 <= country.simulated_mean <= country.simulated_p95
    assert set(rows[rows.level == "channel"]["channel"].dropna()) >= {"agency", "fund"}
    c.write(tmp_path / "check")
    assert (tmp_path / "check" / "report.html").exists()
    # A run's flows as IATI, read back.
    r = pbflow.run(scenario, replicas=4)
    xml = tmp_path / "sim.xml"
    xml.write_text(r.iati_xml())
    back = pbflow.import_iati(xml)
    chains = back.chains()
    assert len(chains) > 0 and set(chains["status"]) == {"linked"}
    assert back.summary["transactions"] == 2 * int((r.flows()["amount"] != 0).sum())


def test_check_against_published_figures_is_the_command_lines(tmp_path):
    figures = tmp_path / "figures.csv"
    figures.write_text("organisation,country,year,low_usd,high_usd,source\n"
                       "fund,,,1.0e6,2.0e6,a report\n")
    c = pbflow.check(PURPOSES, against_figures=[figures], replicas=10)
    row = c.rows().iloc[0]
    assert row.channel == "fund" and row.recorded_low_usd == 1.0e6 and row.source == "a report"
    out = tmp_path / "cli"
    done = subprocess.run([str(PBFLOW), "check", str(PURPOSES), "--against-figures", str(figures), "-n", "10",
                           "--out", str(out)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert (out / "check.csv").read_text() == c._check.csv()
    with pytest.raises(pbflow.InputError) as e:
        pbflow.check(PURPOSES, against_figures=[figures], against_fts=[figures])
    assert "one of them" in str(e.value)
