"""Scenarios as Python objects: inspected, changed with the command line's
dotted paths and messages, written back, pickled."""
import pickle

import pytest

import pbflow
from conftest import ROOT

BASELINE = ROOT / "scenarios" / "japan_baseline.yaml"
SMALL = ROOT / "tests" / "data" / "small.yaml"


def test_inspect_donors_lines_channels_countries_and_strategy():
    s = pbflow.load(SMALL)
    assert s.name == "small" and s.start == "2025-04" and s.months == 24
    japan = s.donors["japan"]
    assert japan.currency == "JPY" and japan.fiscal_year_start == 4 and japan.budget_by_year[2025] == 1.5e10
    assert [line.id for line in japan.lines] == ["programmes", "core"]
    line = s.lines["japan/programmes"]
    assert line.share == 0.7 and line.release == "quarterly" and line.allocate_by_strategy
    assert dict(line.deliver["development"]) == {"agency": 0.5, "ngo": 0.5}
    agency = s.channels["agency"]
    assert (agency.kind, agency.overhead, agency.lag_months, agency.stages) == ("un_agency", 0.08, 3.0, 2)
    assert agency.pillars == ("humanitarian", "development") and dict(agency.passes) == {"ngo": 0.2}
    assert list(s.countries) == ["SDN", "AFG"]
    assert s.countries["SDN"].phase == "conflict" and s.countries["SDN"].capacity == 0.15
    assert dict(s.countries["SDN"].need_level) == {}  # the model's levels
    own = s.with_({"countries.SDN.need_level.conflict": 0.05})
    assert dict(own.countries["SDN"].need_level) == {"conflict": 0.05}
    assert s.strategy.kind == "nexus_phase"
    # Read-only: records are frozen and mappings cannot be written.
    with pytest.raises(Exception):
        agency.overhead = 0.5
    with pytest.raises(TypeError):
        s.channels["agency"] = agency


def test_set_and_with_use_the_command_lines_paths_and_checks():
    s = pbflow.load(SMALL)
    assert s.set("channels.agency.overhead", 0.05) is s
    assert s.channels["agency"].overhead == 0.05
    other = s.with_(**{"channels.fund.overhead": 0.02, "strategy.kind": "needs"})
    assert other.channels["fund"].overhead == 0.02 and other.strategy.kind == "needs"
    assert s.channels["fund"].overhead == 0.01 and s.strategy.kind == "nexus_phase"  # left as it was
    assert s.with_({"channels.ngo.local": True}).channels["ngo"].local
    before = s.to_yaml()
    with pytest.raises(pbflow.InputError) as bad:
        s.set("channels.agency.overhead", 1.5)
    assert bad.value.key_path == "channels.agency.overhead"
    assert "[0, 1)" in bad.value.detail
    assert s.to_yaml() == before  # a refused change leaves it unchanged
    with pytest.raises(pbflow.InputError, match="did you mean `overhead`"):
        s.set("channels.agency.overhed", 0.1)
    with pytest.raises(TypeError):
        s.set("channels.agency.overhead", object())


def test_errors_carry_file_line_column_and_key_path(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(SMALL.read_text().replace("overhead: 0.08", "overhed: 0.08"))
    with pytest.raises(pbflow.InputError, match=r"bad\.yaml:\d+:\d+: channels\.agency\.overhed: .*did you mean") as e:
        pbflow.load(bad)
    assert e.value.file == str(bad) and e.value.line == 33 and e.value.column > 0
    assert e.value.key_path == "channels.agency.overhed"
    assert isinstance(e.value, ValueError)
    with pytest.raises(pbflow.InputError) as e:
        pbflow.Scenario.from_yaml("pbflow: 1\nname: x\nchannels:\n  a: {kind: un_agncy}\n", name="mine.yaml")
    assert (e.value.file, e.value.line, e.value.key_path) == ("mine.yaml", 4, "channels.a.kind")


def test_to_yaml_round_trips():
    s = pbflow.load(BASELINE).set("channels.untfhs.overhead", 0.05)
    again = pbflow.Scenario.from_yaml(s.to_yaml())
    assert again.to_yaml() == s.to_yaml() and again == s
    assert again.channels["untfhs"].overhead == 0.05
    assert s.as_dict()["channels"]["untfhs"]["overhead"] == 0.05
    # from text that extends a file, relative to base_dir
    child = pbflow.Scenario.from_yaml("pbflow: 1\nextends: small.yaml\nname: child\n", base_dir=SMALL.parent)
    assert child.name == "child" and list(child.countries) == ["SDN", "AFG"]


def test_scenarios_pickle_and_run_the_same():
    s = pbflow.load(SMALL).set("channels.agency.overhead", 0.06)
    back = pickle.loads(pickle.dumps(s))
    assert back == s and back.channels["agency"].overhead == 0.06
    a, b = pbflow.run(s, replicas=4), pbflow.run(back, replicas=4)
    assert a.outcomes().equals(b.outcomes())
    assert a.run_result.scenario_sha256 == b.run_result.scenario_sha256 != ""


def test_a_loan_lines_terms_and_its_results():
    iraq = pbflow.load(ROOT / "scenarios" / "cases" / "iraq_2003.yaml")
    loan = iraq.lines["japan/iraq_yen_loans"].loan
    assert (loan.borrower, loan.interest, loan.grace_years, loan.income_group) == ("IRQ", 0.0075, 10.0, "lmic")
    assert sum(loan.commitments.values()) == pytest.approx(385.7e9)
    assert iraq.lines["japan/iraq_grants"].loan is None
    cheaper = iraq.with_({"donors.japan.lines.iraq_yen_loans.loan.interest": 0.0})
    r, c = pbflow.run(iraq, replicas=6), pbflow.run(cheaper, replicas=6)
    frame = r.loans()
    assert list(frame["line"].unique()) == ["japan/iraq_yen_loans"] and len(frame) == 6
    assert (c.loans()["interest_paid"] == 0).all()
    assert (frame["interest_paid"] + frame["arrears_interest"] > 0).all()  # paid, or owed in months of war
    assert c.summary["loans"]["japan"]["iraq_yen_loans"]["grant_element"] > r.summary["loans"]["japan"]["iraq_yen_loans"]["grant_element"]


def test_peacekeeping_missions_and_assessments_as_records():
    africa = pbflow.load(ROOT / "scenarios" / "cases" / "africa_2004.yaml")
    assert set(africa.missions) == {"unmis", "monuc", "unmil", "onuci"}
    assert africa.missions["unmis"].country == "SDN" and africa.missions["unmis"].budgets[2005] == 600.0e6
    assert africa.assessments["japan"].rates[2003] == 0.2 and africa.assessments["japan"].payment_delay_months == 0
    late = africa.with_({"peacekeeping.assessments.japan.payment_delay_months": 30})
    assert late.assessments["japan"].payment_delay_months == 30
    r = pbflow.run(late, replicas=2)
    assert r.summary["peacekeeping"]["assessments"]["japan"]["unpaid"] == pytest.approx(580.0e6)
    assert pbflow.load(SMALL).missions == {}


def test_purpose_codes_on_lines_and_channels_and_in_results():
    s = pbflow.load(ROOT / "tests" / "data" / "purposes.yaml")
    assert dict(s.lines["japan/mine_action"].purposes) == {15250: 1.0}
    assert dict(s.lines["japan/programmes"].purposes) == {15151: 0.25, 15240: 0.5, 72040: 0.4}
    assert dict(s.channels["unmas"].purposes) == {15250: 1.0} and dict(s.channels["fund"].purposes) == {}
    assert dict(pbflow.load(SMALL).lines["japan/programmes"].purposes) == {}
    r = pbflow.run(s, replicas=6)
    frame = r.purposes()
    assert sorted(frame["purpose"].unique()) == [15151, 15240, 15250, 72040]
    assert set(frame["country"]) == {"SDN", "AFG"}
    assert r.summary["purposes"]["SDN"]["15250"]["spent"]["mean"] == pytest.approx(
        frame[(frame.country == "SDN") & (frame.purpose == 15250)]["spent_mean"].iloc[0], rel=1e-15)
    flows = r.flows()
    assert set(flows[flows["from"] == "unmas"]["earmark_purpose"]) == {15250}
    # Shifting the line to DDR moves the money between codes.
    ddr = s.with_({"donors.japan.lines.programmes.purposes": {"15240": 1.0, "15151": 0, "72040": 0}})
    moved = pbflow.run(ddr, replicas=6).purposes()
    assert moved[moved.purpose == 15240]["spent_mean"].sum() > frame[frame.purpose == 15240]["spent_mean"].sum()
    again = pickle.loads(pickle.dumps(r))
    assert again.purposes().equals(frame)
