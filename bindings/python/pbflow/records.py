"""Recorded aid flows (docs/guide-real-data.md): OCHA FTS pages and IATI
activity files read as the command line reads them, a scenario seeded from
what a donor paid, and a scenario's money checked against recorded money.

    fts = pbflow.import_fts(pages, donor="Japan")
    fts.funding_total_usd                 # FTS's rule, to the dollar
    fts.flows()                           # every flow, counted or not and why
    yaml = fts.seed_scenario()            # a scenario holding the donor's split
    c = pbflow.check(s, against_fts=pages)
    c.rows()                              # recorded beside the simulated band
"""
from __future__ import annotations

import json
import os
from typing import Any, Dict, List, Optional, Sequence, Union

from . import _pbflow
from .results import _frame
from .scenario import Scenario, load

__all__ = ["import_fts", "import_iati", "check", "FtsRecords", "IatiRecords", "CheckResults"]

PathLike = Union[str, "os.PathLike[str]"]


def _paths(paths: Union[PathLike, Sequence[PathLike]]) -> List[str]:
    if isinstance(paths, (str, os.PathLike)):
        return [os.fspath(paths)]
    return [os.fspath(p) for p in paths]


class FtsRecords:
    """The pages of one FTS flow search, joined by flow id and counted by
    FTS's rule (incoming, paid or commitment, on boundary single)."""

    def __init__(self, imported: "_pbflow.FtsImport"):
        self._fts = imported

    @property
    def funding_total_usd(self) -> float:
        """The search's (or the donor's) funding total by FTS's rule."""
        return self._fts.funding_total_usd

    @property
    def pledge_total_usd(self) -> float:
        """Incoming pledges, on boundary single."""
        return self._fts.pledge_total_usd

    @property
    def reported_funding_total_usd(self) -> Optional[float]:
        """The first page's data.incoming.fundingTotal (the whole search's), or None."""
        return self._fts.reported_funding_total_usd if self._fts.reported else None

    @property
    def donor(self) -> Optional[str]:
        """The source organisation kept, as FTS names it, or None for all."""
        return self._fts.donor or None

    @property
    def summary(self) -> Dict[str, Any]:
        """fts_summary.json as a dict."""
        return json.loads(self._fts.summary_json())

    def flows(self):
        """fts_flows.csv: every flow, whether it is counted and why, and what is odd about it."""
        return _frame(self._fts.flows_csv())

    def table(self) -> str:
        """What `pbflow import fts` prints."""
        return self._fts.table()

    def write(self, dir: PathLike) -> None:
        """Write fts_flows.csv and fts_summary.json into dir."""
        self._fts.write(os.fspath(dir))

    def seed_scenario(self, base: Optional[PathLike] = None) -> str:
        """A scenario (YAML text) holding the donor's counted money, channels and splits,
        every figure citing the pages and their SHA-256; base: a scenario file it extends."""
        return self._fts.seed_scenario(os.path.abspath(os.fspath(base)) if base else "")


class IatiRecords:
    """IATI activity files: every transaction, and the chains between activities."""

    def __init__(self, imported: "_pbflow.IatiImport"):
        self._iati = imported

    @property
    def summary(self) -> Dict[str, Any]:
        """iati_summary.json as a dict (counts, problems with their places)."""
        return json.loads(self._iati.summary_json())

    @property
    def problems(self) -> Dict[str, int]:
        """Kind of problem -> count."""
        return dict(self._iati.problems)

    def transactions(self):
        """iati_transactions.csv: one row per transaction of the files."""
        return _frame(self._iati.transactions_csv())

    def chains(self):
        """iati_chains.csv: one row per hop between activities, and its status."""
        return _frame(self._iati.chains_csv())

    def table(self) -> str:
        """What `pbflow import iati` prints."""
        return self._iati.table()

    def write(self, dir: PathLike) -> None:
        """Write iati_transactions.csv, iati_chains.csv and iati_summary.json into dir."""
        self._iati.write(os.fspath(dir))

    def seed_scenario(self, donor: str, base: Optional[PathLike] = None) -> str:
        """A scenario (YAML text) from the donor's disbursements in USD; base: a scenario file it extends."""
        return self._iati.seed_scenario(donor, os.path.abspath(os.fspath(base)) if base else "")


class CheckResults:
    """A scenario's simulated money beside recorded money (`pbflow check`)."""

    def __init__(self, result: "_pbflow.CheckResult"):
        self._check = result

    @property
    def notes(self) -> List[str]:
        """What was compared how: years, currency, what is simulated."""
        return list(self._check.notes)

    @property
    def unmatched(self) -> List[str]:
        """Recorded organisations no channel of the scenario stands for."""
        return list(self._check.unmatched)

    @property
    def json(self) -> Dict[str, Any]:
        """check.json as a dict."""
        return json.loads(self._check.json())

    def rows(self):
        """check.csv: each comparison, recorded beside the simulated 5-95% band."""
        return _frame(self._check.csv())

    def table(self) -> str:
        """What `pbflow check` prints."""
        return self._check.table()

    def write(self, dir: PathLike) -> None:
        """Write check.csv, check.json and report.html into dir."""
        self._check.write(os.fspath(dir))


def import_fts(pages: Union[PathLike, Sequence[PathLike]], donor: Optional[str] = None) -> FtsRecords:
    """Read the pages of one FTS flow search, in any order (`pbflow import fts`).

    donor: keep one source organisation's flows, matched through the
    organisation table ("Japan", "MOFA", "XM-DAC-701-2"...).
    """
    return FtsRecords(_pbflow.import_fts(_paths(pages), donor or ""))


def import_iati(files: Union[PathLike, Sequence[PathLike]]) -> IatiRecords:
    """Read IATI activity files (`pbflow import iati`)."""
    return IatiRecords(_pbflow.import_iati(_paths(files)))


def check(scenario: Union[Scenario, PathLike], *, against_fts: Optional[Sequence[PathLike]] = None,
          against_iati: Optional[Sequence[PathLike]] = None,
          against_figures: Optional[Sequence[PathLike]] = None, donor: Optional[str] = None,
          records_donor: Optional[str] = None, year: Optional[int] = None, replicas: Optional[int] = None,
          seed: Optional[int] = None, threads: int = 0) -> CheckResults:
    """Run the scenario and set its donor's money beside recorded payments (`pbflow check`).

    against_fts / against_iati / against_figures: the records (one of
    them; figures: CSV files of published figures, docs/guide-real-data.md). donor: the
    scenario's donor (default: the one the records' donor is known as, else
    its first). records_donor: the donor in the records (default: the
    scenario's). year: the simulated calendar year set beside every
    recorded year (default: the same year if the horizon covers it, else its
    first whole year).
    """
    s = scenario if isinstance(scenario, Scenario) else load(scenario)
    return CheckResults(_pbflow.check(s._engine, _paths(against_fts or []), _paths(against_iati or []),
                                      _paths(against_figures or []), donor or "",
                                      records_donor or "", year, replicas, seed, threads))
