// pbflow's results for Python. A run's per-replica numbers are NumPy arrays
// that view the result's own memory (no copies; each array keeps the result
// alive). Every result pickles (pbflow/archive.h) and gives the texts of
// the files the command line writes, which the pbflow package reads into
// pandas DataFrames.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <memory>
#include <sstream>

#include "bindings.h"
#include "pbflow/archive.h"
#include "pbflow/difference.h"
#include "pbflow/records.h"
#include "pbflow/results_io.h"

namespace py = pybind11;

namespace pbflow::python {

namespace {

using Result = std::shared_ptr<RunResult>;

// A strided view of one field of a vector of structs.
template <typename T>
py::array view(const Result& r, const T* first, std::vector<py::ssize_t> shape, std::vector<py::ssize_t> strides) {
  py::object owner = py::cast(r);  // the array holds the result
  return py::array(py::dtype::of<T>(), std::move(shape), std::move(strides), first, owner);
}

py::array totals_field(const Result& r, double ReplicaTotals::*field) {
  const auto& t = r->totals;
  return view<double>(r, t.empty() ? nullptr : &(t.front().*field), {static_cast<py::ssize_t>(t.size())},
                      {static_cast<py::ssize_t>(sizeof(ReplicaTotals))});
}

py::array outcome_field(const Result& r, double CountryOutcome::*field) {
  const auto& o = r->outcomes;
  const py::ssize_t C = static_cast<py::ssize_t>(r->countries.size());
  return view<double>(r, o.empty() ? nullptr : &(o.front().*field), {r->replicas, C},
                      {C * static_cast<py::ssize_t>(sizeof(CountryOutcome)), static_cast<py::ssize_t>(sizeof(CountryOutcome))});
}

// A writer's output as text.
template <typename T, void (*Writer)(const T&, std::ostream&)>
std::string text(const T& r) {
  std::ostringstream out;
  Writer(r, out);
  return out.str();
}

// Pickling by the archive's bytes; a result comes back whole and exact.
template <typename T>
auto pickled() {
  return py::pickle([](const T& r) { return py::bytes(to_bytes(r)); },
                    [](const py::bytes& b) {
                      auto out = std::make_shared<T>();
                      from_bytes(std::string(b), *out);
                      return out;
                    });
}

// A run inside another result, kept alive by it.
template <typename Owner>
Result inner_run(const std::shared_ptr<Owner>& owner, const RunResult& run) {
  return Result(owner, const_cast<RunResult*>(&run));
}

void bind_run(py::module_& m) {
  py::class_<RunResult, Result>(m, "RunResult", "What a run produced; arrays view its memory.")
      .def_readonly("scenario", &RunResult::scenario)
      .def_readonly("replicas", &RunResult::replicas)
      .def_readonly("replicas_requested", &RunResult::replicas_requested)
      .def_readonly("partial", &RunResult::partial)
      .def_readonly("seed", &RunResult::seed)
      .def_readonly("months", &RunResult::months)
      .def_readonly("currency", &RunResult::currency)
      .def_readonly("countries", &RunResult::countries)
      .def_readonly("country_names", &RunResult::country_names)
      .def_readonly("channels", &RunResult::channels)
      .def_readonly("warnings", &RunResult::warnings)
      .def_readonly("scenario_sha256", &RunResult::scenario_sha256)
      .def_readonly("engine", &RunResult::engine)
      .def_readonly("created", &RunResult::created)
      .def_readonly("threads", &RunResult::threads)
      .def_readonly("seconds", &RunResult::seconds)
      .def_readonly("started_at", &RunResult::started_at, "When the replicas began, seconds since the Unix epoch.")
      .def_readonly("finished_at", &RunResult::finished_at, "When the replicas ended, seconds since the Unix epoch.")
      .def_property_readonly("start", [](const RunResult& r) { return r.start.str(); })
      .def("totals",
           [](const Result& r) {
             py::dict d;
             d["appropriated"] = totals_field(r, &ReplicaTotals::appropriated);
             d["released"] = totals_field(r, &ReplicaTotals::released);
             d["overhead"] = totals_field(r, &ReplicaTotals::overhead);
             d["spent"] = totals_field(r, &ReplicaTotals::spent);
             d["in_pipeline"] = totals_field(r, &ReplicaTotals::in_pipeline);
             d["unreleased"] = totals_field(r, &ReplicaTotals::unreleased);
             d["reserves"] = totals_field(r, &ReplicaTotals::reserves);
             d["lapsed"] = totals_field(r, &ReplicaTotals::lapsed);
             d["conservation_error"] = totals_field(r, &ReplicaTotals::conservation_error);
             d["delivery_lag"] = totals_field(r, &ReplicaTotals::delivery_lag);
             d["objective"] = totals_field(r, &ReplicaTotals::objective);
             return d;
           },
           "Per-replica totals: a dict of arrays of shape (replicas,).")
      .def("outcomes",
           [](const Result& r) {
             py::dict d;
             d["conflict_months"] = outcome_field(r, &CountryOutcome::conflict_months);
             d["relapses"] = outcome_field(r, &CountryOutcome::relapses);
             d["unmet_need_person_months"] = outcome_field(r, &CountryOutcome::unmet_need_person_months);
             d["people_reached"] = outcome_field(r, &CountryOutcome::people_reached);
             const auto& o = r->outcomes;
             const py::ssize_t C = static_cast<py::ssize_t>(r->countries.size());
             const py::ssize_t row = static_cast<py::ssize_t>(sizeof(CountryOutcome));
             d["spent"] = view<double>(r, o.empty() ? nullptr : o.front().spent.data(), {r->replicas, C, kPillars},
                                       {C * row, row, static_cast<py::ssize_t>(sizeof(double))});
             d["peace_at_horizon"] = view<bool>(r, o.empty() ? nullptr : &o.front().peace_at_horizon,
                                                {r->replicas, C}, {C * row, row});
             return d;
           },
           "Per replica and country: a dict of arrays of shape (replicas, countries); spent is "
           "(replicas, countries, 3) in the order humanitarian, development, peace.")
      .def("summary_json", &text<RunResult, write_summary_json>, "summary.json as text")
      .def("outcomes_csv", &text<RunResult, write_outcomes_csv>, "outcomes.csv as text")
      .def("timeseries_csv", &text<RunResult, write_timeseries_csv>, "timeseries.csv as text")
      .def("flows_csv", &text<RunResult, write_flows_csv>, "flows.csv as text")
      .def("countries_monthly_csv", &text<RunResult, write_countries_monthly_csv>, "countries_monthly.csv as text")
      .def("trajectories_csv", &text<RunResult, write_trajectories_csv>, "trajectories.csv as text (runs with trajectories)")
      .def("loans_csv", &text<RunResult, write_loans_csv>, "loans.csv as text (runs with loan lines)")
      .def("iati_xml", &iati_export_xml, "the run's flows as IATI 2.03 XML (run --iati)")
      .def("purposes_csv", &text<RunResult, write_purposes_csv>,
           "purposes.csv as text (runs whose money reaches purpose codes)")
      .def("table", &summary_table, "The table `pbflow run` prints.")
      .def(
          "write",
          [](const RunResult& r, const std::string& dir, const TraceResult* trace) {
            py::gil_scoped_release release;
            write_run_outputs(r, dir, trace);
          },
          py::arg("dir"), py::arg("trace") = nullptr,
          "Write the files `pbflow run --out` writes into dir (with a trace of every country, its files too).")
      .def(pickled<RunResult>());
}

}  // namespace

void bind_results(py::module_& m) {
  bind_run(m);

  using Trace = std::shared_ptr<TraceResult>;
  py::class_<TraceResult, Trace>(m, "TraceResult", "Where the money for programmes went, route by route.")
      .def_property_readonly("run", [](const Trace& t) { return inner_run(t, t->run); })
      .def("json", &text<TraceResult, write_trace_json>, "trace.json as text")
      .def("csv", &text<TraceResult, write_trace_csv>, "trace.csv as text")
      .def("table", [](const TraceResult& t, int top) { return trace_table(t, nullptr, top); }, py::arg("top") = 10)
      .def("write", &write_trace_outputs, py::arg("dir"), "Write trace.json and trace.csv into dir.")
      .def(pickled<TraceResult>());

  using Compare = std::shared_ptr<CompareResult>;
  py::class_<CompareResult, Compare>(m, "CompareResult", "Strategies compared on the same replicas.")
      .def_readonly("baseline", &CompareResult::baseline)
      .def_readonly("replicas", &CompareResult::replicas)
      .def_readonly("seed", &CompareResult::seed)
      .def_property_readonly("strategy_names",
                             [](const CompareResult& c) {
                               std::vector<std::string> names;
                               for (const auto& s : c.strategies) names.push_back(s.name);
                               return names;
                             })
      .def("run", [](const Compare& c, const std::string& name) { return inner_run(c, c->strategy(name).run); },
           py::arg("strategy"), "One strategy's run on the compared replicas.")
      .def("json", &text<CompareResult, write_compare_json>, "compare.json as text")
      .def("csv", &text<CompareResult, write_compare_csv>, "compare.csv as text")
      .def("futures_csv", &text<CompareResult, write_futures_csv>, "futures.csv as text (empty without futures)")
      .def_property_readonly("has_futures", [](const CompareResult& c) { return c.robustness.has_value(); })
      .def("table", &compare_table)
      .def("write", &write_compare_outputs, py::arg("dir"), "Write what `pbflow compare --out` writes into dir.")
      .def(pickled<CompareResult>());

  using Difference = std::shared_ptr<DifferenceResult>;
  py::class_<DifferenceResult, Difference>(m, "DifferenceResult", "What a what-if changes, replica by replica.")
      .def_readonly("whatif", &DifferenceResult::whatif)
      .def_readonly("baseline", &DifferenceResult::baseline)
      .def_readonly("replicas", &DifferenceResult::replicas)
      .def_readonly("seed", &DifferenceResult::seed)
      .def_readonly("currency", &DifferenceResult::currency)
      .def("json", &text<DifferenceResult, write_diff_json>, "diff.json as text")
      .def("csv", &text<DifferenceResult, write_diff_csv>, "diff.csv as text")
      .def("table", &difference_table, py::arg("rows") = 25)
      .def(pickled<DifferenceResult>());

  using Sweep = std::shared_ptr<SweepResult>;
  py::class_<SweepResult, Sweep>(m, "SweepResult", "A sweep's points and their outputs.")
      .def_readonly("design", &SweepResult::design)
      .def_readonly("replicas", &SweepResult::replicas)
      .def_readonly("seed", &SweepResult::seed)
      .def_readonly("parameters", &SweepResult::parameters)
      .def_readonly("outputs", &SweepResult::outputs)
      .def_readonly("computed", &SweepResult::computed)
      .def_readonly("reused", &SweepResult::reused)
      .def_readonly("partial", &SweepResult::partial)
      .def_readonly("failures", &SweepResult::failures)
      .def_readonly("points_planned", &SweepResult::points_planned)
      .def_readonly("seconds", &SweepResult::seconds)
      .def_property_readonly("points",
                             [](const SweepResult& r) {
                               py::list out;
                               for (const auto& p : r.points) out.append(py::make_tuple(p.index, p.assignments, p.outputs));
                               return out;
                             },
                             "(index, [(parameter, value), ...], [output, ...]) for each point.")
      .def("csv", &text<SweepResult, write_sweep_csv>, "sweep.csv as text")
      .def("table", &sweep_table)
      .def(
          "write",
          [](const SweepResult& r, const std::string& dir, const SensitivityResult* indices) {
            py::gil_scoped_release release;
            write_sweep_outputs(r, dir, indices);
          },
          py::arg("dir"), py::arg("sensitivity") = nullptr, "Write what `pbflow sweep --out` writes into dir.")
      .def(pickled<SweepResult>());
  m.def("read_sweep_store", &read_sweep_store, py::arg("path"), "The sweep a store (--db) holds.");
  m.def("read_sweep_folder", &read_sweep_folder, py::arg("dir"), "The sweep a results folder holds.");

  using Sensitivity = std::shared_ptr<SensitivityResult>;
  py::class_<SensitivityResult, Sensitivity>(m, "SensitivityResult", "Sobol' indices or Morris effects.")
      .def_readonly("method", &SensitivityResult::method)
      .def_readonly("rows", &SensitivityResult::rows)
      .def_readonly("warnings", &SensitivityResult::warnings)
      .def("csv", &text<SensitivityResult, write_sensitivity_csv>, "sensitivity.csv as text")
      .def("table", &sensitivity_table)
      .def(pickled<SensitivityResult>());

  using Discovery = std::shared_ptr<DiscoveryResult>;
  py::class_<DiscoveryResult, Discovery>(m, "DiscoveryResult", "The box PRIM found, and its peeling trajectory.")
      .def_readonly("output", &DiscoveryResult::output)
      .def_readonly("threshold", &DiscoveryResult::threshold)
      .def_readonly("above", &DiscoveryResult::above)
      .def_readonly("points", &DiscoveryResult::points)
      .def_readonly("of_interest", &DiscoveryResult::of_interest)
      .def_readonly("chosen", &DiscoveryResult::chosen)
      .def_readonly("notes", &DiscoveryResult::notes)
      .def("json", &text<DiscoveryResult, write_discovery_json>, "discovery.json as text")
      .def("csv", &text<DiscoveryResult, write_discovery_csv>, "discovery_trajectory.csv as text")
      .def("table", &discovery_table)
      .def("write", &write_discovery_outputs, py::arg("dir"), "Write what `pbflow discover --out` writes into dir.")
      .def(pickled<DiscoveryResult>());
}

}  // namespace pbflow::python
