"""Scenarios as Python objects: load, inspect, change, write back, pickle.

A Scenario is checked when it is made and after every change, by the
engine's own loader, so a bad value raises the same error the command
line gives (pbflow.InputError with file, line, column and key path).
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, Mapping, Optional, Tuple

from . import _pbflow

__all__ = ["Scenario", "Donor", "BudgetLine", "Loan", "Channel", "Country", "Mission", "Assessment", "Strategy", "load"]


@dataclass(frozen=True)
class Loan:
    """A loan line's terms (docs/model.md, 1.7): borrower, commitments by
    fiscal year (and by month, "YYYY-MM"), disbursement profile, interest, grace and maturity in years,
    the repayment schedule (equal_principal or annuity), the borrower's income group, arrears while at war, and debt relief."""
    borrower: str
    pillar: str
    commitments: Mapping[int, float]
    commitments_at: Mapping[str, float]
    disbursement: Tuple[float, ...]
    interest: float
    grace_years: float
    maturity_years: float
    repayment: str
    income_group: str
    arrears_in_conflict: bool
    relief_at: Optional[str]
    relief_arrears: float
    relief_outstanding: float


@dataclass(frozen=True)
class BudgetLine:
    """A donor's budget line: its share of the budget (or amounts by fiscal
    year), how it is released, and the channels each pillar's money goes to;
    for a loan line, `loan` holds its terms (else None); `purposes` its shares by
    DAC purpose code (docs/model.md 1.9; empty: each pillar's general programme)."""
    donor: str
    id: str
    share: float
    amount_by_year: Optional[Mapping[int, float]]
    amount_growth: Optional[float]
    scale: float
    release: str
    allocate_by_strategy: bool
    pillars: Tuple[str, ...]
    deliver: Mapping[str, Mapping[str, float]]
    to: Optional[Mapping[str, float]]
    purposes: Mapping[int, float]
    loan: Optional[Loan]


@dataclass(frozen=True)
class Donor:
    """A donor: its currency, fiscal year, budget by fiscal year and lines."""
    id: str
    name: str
    currency: str
    fiscal_year_start: int
    budget_by_year: Mapping[int, float]
    budget_growth: float
    lines: Tuple[BudgetLine, ...]


@dataclass(frozen=True)
class Channel:
    """A channel (UN agency, trust fund, pooled fund, NGO...): its overhead,
    pipeline, mandate and where it passes money on; `purposes` the DAC purpose
    codes it is limited to, with their weights for its core money (empty: any)."""
    id: str
    name: str
    kind: str
    local: bool
    overhead: float
    lag_months: float
    stages: int
    capacity: Optional[float]
    pillars: Tuple[str, ...]
    phases: Tuple[str, ...]
    countries: Tuple[str, ...]
    passes: Mapping[str, float]
    to: Optional[Mapping[str, float]]
    purposes: Mapping[int, float]


@dataclass(frozen=True)
class Country:
    """A country at the start of the horizon."""
    iso3: str
    name: str
    population: float
    population_growth: float
    phase: str
    months_in_phase: int
    people_in_need: float
    capacity: float
    cost_per_person_month: float
    performance: Optional[float]
    gni_per_capita: Optional[float]
    need_level: Mapping[str, float]  # phases it sets itself; others: model.need.level


@dataclass(frozen=True)
class Mission:
    """A UN peacekeeping mission (docs/model.md, 1.8): its country and its
    budget per UN peacekeeping year (July to June, named by its first year)."""
    id: str
    name: str
    country: str
    budgets: Mapping[int, float]


@dataclass(frozen=True)
class Assessment:
    """A donor's assessed contributions to peacekeeping: its rate from each
    listed UN peacekeeping year on, and how many months after each July it pays."""
    donor: str
    rates: Mapping[int, float]
    payment_delay_months: int


@dataclass(frozen=True)
class Strategy:
    """How allocated money is split between countries and pillars."""
    kind: str
    review: str
    countries: str
    country_weights: Mapping[str, float]
    pillar_split: Mapping[str, Mapping[str, float]]
    transition_months: float
    reserve_share: float
    release_per_event: float
    base: Optional["Strategy"]


def _frozen(value: Any) -> Any:
    """Dicts as read-only mappings and lists as tuples, all the way down."""
    if isinstance(value, dict):
        return MappingProxyType({k: _frozen(v) for k, v in value.items()})
    if isinstance(value, list):
        return tuple(_frozen(v) for v in value)
    return value


def _record(cls, fields: dict, **extra):
    return cls(**{k: _frozen(v) for k, v in fields.items()}, **extra)


def _strategy(d: dict) -> Strategy:
    base = d.get("base")
    fields = {k: v for k, v in d.items() if k != "base"}
    return _record(Strategy, fields, base=_strategy(base) if base else None)


def yaml_value(value: Any) -> str:
    """A Python value as the text of a `--set KEY=VALUE` value (read as YAML)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    if hasattr(value, "item") and not isinstance(value, (list, tuple, dict)):  # a NumPy scalar
        value = value.item()
    if isinstance(value, (int, float)):
        return json.dumps(value)
    if isinstance(value, Mapping):
        return json.dumps({str(k): v for k, v in value.items()})
    if isinstance(value, (list, tuple)):
        return json.dumps(list(value))
    raise TypeError(f"cannot set a scenario key to a {type(value).__name__}: use a number, text, "
                    "True/False, None, a list or a dict")


class Scenario:
    """A loaded, checked scenario.

    Make one with pbflow.load(path) or Scenario.from_yaml(text). Inspect it
    through read-only records (donors, lines, channels, countries, strategy),
    change it with set() or with_() using the command line's dotted key paths
    (`channels.untfhs.overhead`), write it back with to_yaml(), and run it
    with pbflow.run(scenario). It pickles (as its composed text), so it can
    be sent to another process or machine.

    Every change is checked as the command line checks `--set`: a bad value
    raises pbflow.InputError naming the file, line, column and key path, and
    leaves the scenario as it was.
    """

    def __init__(self, engine: "_pbflow.Engine", source: tuple, overrides: Tuple[str, ...] = ()):
        # Internal: use pbflow.load or Scenario.from_yaml.
        self._engine = engine
        self._source = source          # ("file", path) or ("text", text, name)
        self._overrides = tuple(overrides)
        self._described: Optional[dict] = None

    # -- making one ---------------------------------------------------------
    @classmethod
    def from_file(cls, path: "os.PathLike[str] | str", overrides: Any = None) -> "Scenario":
        """Load a scenario file (following `extends:`), with optional overrides:
        a dict {"dotted.key": value} or a list of "dotted.key=value" strings."""
        items = _override_list(overrides)
        return cls(_pbflow.Engine.load(os.fspath(path), list(items)), ("file", os.fspath(path)), items)

    @classmethod
    def from_yaml(cls, text: str, name: str = "<yaml>", base_dir: "os.PathLike[str] | str | None" = None) -> "Scenario":
        """A scenario from its YAML text. `name` stands for its file in error
        messages; `extends:` and a sweep's design file are read relative to
        base_dir (default: the current folder)."""
        if base_dir is not None:
            name = os.path.join(os.fspath(base_dir), name)
        return cls(_pbflow.Engine.load_text(text, name, []), ("text", text, name))

    def _reloaded(self, overrides: Tuple[str, ...]) -> "Scenario":
        if self._source[0] == "file":
            engine = _pbflow.Engine.load(self._source[1], list(overrides))
        else:
            engine = _pbflow.Engine.load_text(self._source[1], self._source[2], list(overrides))
        return Scenario(engine, self._source, overrides)

    # -- changing it --------------------------------------------------------
    def set(self, path: str, value: Any) -> "Scenario":
        """Set one key by its dotted path, as `--set path=value` does, and
        check the scenario; returns the scenario itself, so calls chain.
        Raises pbflow.InputError (the scenario unchanged) if it is invalid."""
        changed = self._reloaded(self._overrides + (f"{path}={yaml_value(value)}",))
        self._engine, self._overrides, self._described = changed._engine, changed._overrides, None
        return self

    def with_(self, changes: Optional[Mapping[str, Any]] = None, **more: Any) -> "Scenario":
        """A changed copy: `scenario.with_({"channels.untfhs.overhead": 0.05})`
        or `scenario.with_(**{"channels.untfhs.overhead": 0.05})`. This
        scenario is left as it is."""
        items = dict(changes or {})
        items.update(more)
        return self._reloaded(self._overrides + tuple(f"{k}={yaml_value(v)}" for k, v in items.items()))

    def to_yaml(self) -> str:
        """The whole scenario (after `extends:` and every change) as YAML that
        loads back to the same scenario."""
        return self._engine.composed_text

    # -- what it holds ------------------------------------------------------
    def _describe(self) -> dict:
        if self._described is None:
            self._described = self._engine.describe()
        return self._described

    @property
    def name(self) -> str:
        """The scenario's name."""
        return self._engine.name

    @property
    def file(self) -> str:
        """The file it was loaded from (or the name given its text)."""
        return self._engine.file

    @property
    def overrides(self) -> Tuple[str, ...]:
        """The changes made since it was loaded, as "dotted.key=value"."""
        return self._overrides

    @property
    def warnings(self) -> Tuple[str, ...]:
        """Harmless oddities of its funding network."""
        return tuple(self._engine.warnings)

    @property
    def start(self) -> str:
        """The first month, YYYY-MM."""
        return self._describe()["start"]

    @property
    def months(self) -> int:
        """The horizon in months."""
        return self._describe()["months"]

    @property
    def replicas(self) -> int:
        """simulation.replicas: the runs' default."""
        return self._describe()["replicas"]

    @property
    def seed(self) -> int:
        """simulation.seed: the runs' default."""
        return self._describe()["seed"]

    @property
    def currency(self) -> str:
        """The base currency results are in."""
        return self._describe()["currency"]

    @property
    def donors(self) -> Mapping[str, Donor]:
        """Donors by id."""
        out = {}
        for d in self._describe()["donors"]:
            lines = tuple(_record(BudgetLine, {k: v for k, v in line.items() if k != "loan"}, donor=d["id"],
                                  loan=_record(Loan, line["loan"]) if line["loan"] else None)
                          for line in d["lines"])
            fields = {k: v for k, v in d.items() if k != "lines"}
            out[d["id"]] = _record(Donor, fields, lines=lines)
        return MappingProxyType(out)

    @property
    def lines(self) -> Mapping[str, BudgetLine]:
        """Every donor's budget lines, by "donor/line"."""
        return MappingProxyType({f"{d.id}/{line.id}": line for d in self.donors.values() for line in d.lines})

    @property
    def channels(self) -> Mapping[str, Channel]:
        """Channels by id."""
        return MappingProxyType({c["id"]: _record(Channel, c) for c in self._describe()["channels"]})

    @property
    def countries(self) -> Mapping[str, Country]:
        """Countries by ISO3 code, in the scenario's order."""
        return MappingProxyType({c["iso3"]: _record(Country, c) for c in self._describe()["countries"]})

    @property
    def missions(self) -> Mapping[str, Mission]:
        """UN peacekeeping missions by id (empty without `peacekeeping:`)."""
        return MappingProxyType({m["id"]: _record(Mission, m) for m in self._describe()["missions"]})

    @property
    def assessments(self) -> Mapping[str, Assessment]:
        """Donors' assessed peacekeeping contributions, by donor id."""
        return MappingProxyType({a["donor"]: _record(Assessment, a) for a in self._describe()["assessments"]})

    @property
    def strategy(self) -> Strategy:
        """The allocation strategy."""
        return _strategy(self._describe()["strategy"])

    def as_dict(self) -> dict:
        """The composed scenario as plain dicts and lists (what to_yaml() says)."""
        import yaml
        return yaml.safe_load(self.to_yaml())

    # -- Python's protocols -------------------------------------------------
    def __reduce__(self):
        # Its composed text is self-contained (extends: resolved, changes
        # applied), so it loads on a machine without the file.
        return (_from_text, (self.to_yaml(), self.file))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Scenario) and self.to_yaml() == other.to_yaml()

    __hash__ = None  # type: ignore[assignment]  # it changes (set), so it cannot be a dict key

    def __repr__(self) -> str:
        changes = f", {len(self._overrides)} change(s)" if self._overrides else ""
        return (f"<pbflow.Scenario {self.name!r} from {self.file!r}{changes}: "
                f"{len(self._describe()['countries'])} countries, {len(self._describe()['channels'])} channels>")


def _from_text(text: str, name: str) -> Scenario:
    return Scenario(_pbflow.Engine.load_text(text, name, []), ("text", text, name))


def _override_list(overrides: Any) -> Tuple[str, ...]:
    if overrides is None:
        return ()
    if isinstance(overrides, Mapping):
        return tuple(f"{k}={yaml_value(v)}" for k, v in overrides.items())
    if isinstance(overrides, str):
        return (overrides,)
    return tuple(overrides)


def load(path: "os.PathLike[str] | str", overrides: Any = None) -> Scenario:
    """Load and check a scenario file. overrides: {"dotted.key": value} or
    ["dotted.key=value", ...], as the command line's --set. Raises
    pbflow.InputError (file, line, column, key path) if it is invalid."""
    return Scenario.from_file(path, overrides)
