// A loaded scenario for Python (pbflow/engine.h's Engine, pbflow/scenario_io.h):
// from a file or from text, with overrides, and what it holds as plain
// dicts and lists that pbflow.Scenario turns into read-only records.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "bindings.h"
#include "pbflow/engine.h"
#include "pbflow/scenario_io.h"

namespace py = pybind11;

namespace pbflow::python {

namespace {

py::dict shares(const ShareMap& m) {
  py::dict d;
  for (const auto& [id, share] : m) d[py::str(id)] = share;
  return d;
}

py::object optional_shares(const std::optional<ShareMap>& m) { return m ? py::object(shares(*m)) : py::none(); }

py::list pillar_names(const std::vector<Pillar>& pillars) {
  py::list out;
  for (Pillar p : pillars) out.append(to_string(p));
  return out;
}

py::dict by_year(const std::map<int, double>& m) {
  py::dict d;
  for (const auto& [year, amount] : m) d[py::int_(year)] = amount;
  return d;
}

// DAC purpose code -> share (a line's) or weight (a channel's).
py::dict purposes_of(const std::map<int, double>& m) {
  py::dict d;
  for (const auto& [code, share] : m) d[py::int_(code)] = share;
  return d;
}

py::dict line_of(const BudgetLine& l) {
  py::dict d;
  d["id"] = l.id;
  d["share"] = l.share;
  d["amount_by_year"] = l.amount ? py::object(by_year(l.amount->by_year)) : py::none();
  d["amount_growth"] = l.amount ? py::object(py::float_(l.amount->growth)) : py::none();
  d["scale"] = l.scale;
  d["release"] = to_string(l.release.kind);
  d["allocate_by_strategy"] = l.allocate_by_strategy;
  d["pillars"] = pillar_names(l.pillars);
  py::dict deliver;
  for (int p = 0; p < kPillars; ++p)
    if (l.deliver[p]) deliver[to_string(static_cast<Pillar>(p))] = shares(*l.deliver[p]);
  d["deliver"] = deliver;
  d["to"] = optional_shares(l.to);
  d["purposes"] = purposes_of(l.purposes);
  if (l.loan) {
    const Loan& loan = *l.loan;
    py::dict terms;
    terms["borrower"] = loan.borrower;
    terms["pillar"] = to_string(loan.pillar);
    terms["commitments"] = by_year(loan.commitments);
    py::dict at;
    for (const auto& [month, amount] : loan.commitments_at) at[py::str(YearMonth{month}.str())] = amount;
    terms["commitments_at"] = at;
    terms["disbursement"] = loan.disbursement;
    terms["interest"] = loan.interest;
    terms["grace_years"] = loan.grace_years;
    terms["maturity_years"] = loan.maturity_years;
    terms["repayment"] = to_string(loan.repayment);
    terms["income_group"] = to_string(loan.income_group);
    terms["arrears_in_conflict"] = loan.arrears_in_conflict;
    terms["relief_at"] = loan.relief_at ? py::object(py::str(loan.relief_at->str())) : py::none();
    terms["relief_arrears"] = loan.relief_arrears;
    terms["relief_outstanding"] = loan.relief_outstanding;
    d["loan"] = terms;
  } else {
    d["loan"] = py::none();
  }
  return d;
}

py::dict donor_of(const Donor& donor) {
  py::dict d;
  d["id"] = donor.id;
  d["name"] = donor.name;
  d["currency"] = donor.currency;
  d["fiscal_year_start"] = donor.fiscal_year_start;
  d["budget_by_year"] = by_year(donor.budget.initial);
  d["budget_growth"] = donor.budget.growth;
  py::list lines;
  for (const auto& l : donor.lines) lines.append(line_of(l));
  d["lines"] = lines;
  return d;
}

py::dict channel_of(const Channel& c) {
  py::dict d;
  d["id"] = c.id;
  d["name"] = c.name;
  d["kind"] = to_string(c.kind);
  d["local"] = c.local;
  d["overhead"] = c.overhead;
  d["lag_months"] = c.lag_months;
  d["stages"] = c.stages;
  d["capacity"] = c.capacity ? py::object(py::float_(*c.capacity)) : py::none();
  d["pillars"] = pillar_names(c.mandate.pillars);
  py::list phases;
  for (Phase p : c.mandate.phases) phases.append(to_string(p));
  d["phases"] = phases;
  d["countries"] = c.mandate.countries;
  d["passes"] = shares(c.passes);
  d["to"] = optional_shares(c.to);
  d["purposes"] = purposes_of(c.purposes);
  return d;
}

py::dict country_of(const Country& c) {
  py::dict d;
  d["iso3"] = c.iso3;
  d["name"] = c.name;
  d["population"] = c.population;
  d["population_growth"] = c.population_growth;
  d["phase"] = to_string(c.phase);
  d["months_in_phase"] = c.months_in_phase;
  d["people_in_need"] = c.people_in_need;
  d["capacity"] = c.capacity;
  d["cost_per_person_month"] = c.cost_per_person_month;
  d["performance"] = c.performance ? py::object(py::float_(*c.performance)) : py::none();
  d["gni_per_capita"] = c.gni_per_capita ? py::object(py::float_(*c.gni_per_capita)) : py::none();
  py::dict level;  // the phases the country sets itself
  for (int ph = 0; ph < kPhases; ++ph)
    if (c.need_level[ph]) level[to_string(static_cast<Phase>(ph))] = *c.need_level[ph];
  d["need_level"] = level;
  return d;
}

py::dict strategy_of(const Strategy& s) {
  py::dict d;
  d["kind"] = to_string(s.kind);
  d["review"] = to_string(s.review);
  d["countries"] = to_string(s.countries);
  d["country_weights"] = s.country_weights;
  py::dict split;
  for (int ph = 0; ph < kPhases; ++ph) {
    py::dict pillars;
    for (int p = 0; p < kPillars; ++p) pillars[to_string(static_cast<Pillar>(p))] = s.pillar_split[ph][p];
    split[to_string(static_cast<Phase>(ph))] = pillars;
  }
  d["pillar_split"] = split;
  d["transition_months"] = s.transition_months;
  d["reserve_share"] = s.reserve_share;
  d["release_per_event"] = s.release_per_event;
  d["base"] = s.base.empty() ? py::object(py::none()) : py::object(strategy_of(s.base.front()));
  return d;
}

py::dict describe(const Engine& e) {
  const Scenario& s = e.scenario();
  py::dict d;
  d["name"] = s.name;
  d["title"] = s.title;
  d["start"] = s.horizon.start.str();
  d["months"] = s.horizon.months;
  d["replicas"] = s.simulation.replicas;
  d["seed"] = s.simulation.seed;
  d["currency"] = s.currency.base;
  py::list donors, channels, countries;
  for (const auto& x : s.donors) donors.append(donor_of(x));
  for (const auto& x : s.channels) channels.append(channel_of(x));
  for (const auto& x : s.countries) countries.append(country_of(x));
  d["donors"] = donors;
  d["channels"] = channels;
  d["countries"] = countries;
  d["strategy"] = strategy_of(s.strategy);
  py::list missions, assessments;
  if (s.peacekeeping) {
    for (const Mission& m : s.peacekeeping->missions) {
      py::dict x;
      x["id"] = m.id;
      x["name"] = m.name;
      x["country"] = m.country;
      x["budgets"] = by_year(m.budgets);
      missions.append(x);
    }
    for (const Assessment& a : s.peacekeeping->assessments) {
      py::dict x;
      x["donor"] = a.donor;
      x["rates"] = by_year(a.rates);
      x["payment_delay_months"] = a.payment_delay_months;
      assessments.append(x);
    }
  }
  d["missions"] = missions;
  d["assessments"] = assessments;
  d["has_compare"] = s.compare.has_value();
  d["has_uncertainties"] = s.uncertainties.has_value();
  d["has_sweep"] = s.sweep.has_value();
  return d;
}

}  // namespace

void bind_scenario(py::module_& m) {
  py::class_<Engine>(m, "Engine", "A loaded, checked scenario (pbflow.Scenario wraps it).")
      .def_static("load", &Engine::load, py::arg("path"), py::arg("overrides") = std::vector<std::string>{},
                  py::call_guard<py::gil_scoped_release>(),
                  "Load a scenario file; overrides are 'dotted.key=value' strings.")
      .def_static(
          "load_text",
          [](const std::string& text, const std::string& name, const std::vector<std::string>& overrides) {
            return Engine(load_scenario_text(text, name, overrides), overrides);
          },
          py::arg("text"), py::arg("name"), py::arg("overrides") = std::vector<std::string>{},
          py::call_guard<py::gil_scoped_release>(),
          "Load a scenario from its text; name stands for its file in messages (and extends: is relative to it).")
      .def_property_readonly("name", [](const Engine& e) { return e.scenario().name; })
      .def_property_readonly("file", [](const Engine& e) { return e.scenario().file; })
      .def_property_readonly("composed_text", [](const Engine& e) { return e.scenario().composed_text; },
                             "The scenario after extends: and overrides, as canonical YAML.")
      .def_property_readonly("overrides", &Engine::overrides)
      .def_property_readonly("countries",
                             [](const Engine& e) {
                               std::vector<std::string> out;
                               for (const auto& c : e.scenario().countries) out.push_back(c.iso3);
                               return out;
                             })
      .def_property_readonly("warnings", &Engine::warnings)
      .def("describe", &describe, "Donors, lines, channels, countries and strategy as dicts and lists.");
  m.def("schema", &scenario_json_schema, "The JSON Schema of the scenario language, as text.");
}

}  // namespace pbflow::python
