// pbflow::RunResult for Python: per-replica numbers as NumPy arrays that view
// the result's own memory (no copies); the array keeps the result alive.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <memory>
#include <sstream>

#include "bindings.h"
#include "pbflow/results_io.h"
#include "pbflow/run_result.h"

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

template <void (*Writer)(const RunResult&, std::ostream&)>
std::string text(const Result& r) {
  std::ostringstream out;
  Writer(*r, out);
  return out.str();
}

}  // namespace

void bind_results(py::module_& m) {
  py::class_<RunResult, Result>(m, "RunResult", "What a run produced; arrays view its memory.")
      .def_readonly("scenario", &RunResult::scenario)
      .def_readonly("replicas", &RunResult::replicas)
      .def_readonly("seed", &RunResult::seed)
      .def_readonly("months", &RunResult::months)
      .def_readonly("countries", &RunResult::countries)
      .def_readonly("channels", &RunResult::channels)
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
      .def("summary_json", &text<write_summary_json>, "summary.json as text")
      .def("outcomes_csv", &text<write_outcomes_csv>, "outcomes.csv as text")
      .def("timeseries_csv", &text<write_timeseries_csv>, "timeseries.csv as text")
      .def("flows_csv", &text<write_flows_csv>, "flows.csv as text")
      .def("trajectories_csv", &text<write_trajectories_csv>, "trajectories.csv as text (runs with trajectories)")
      .def("write", [](const Result& r, const std::string& dir) { write_run_outputs(*r, dir); }, py::arg("dir"),
           "Write summary.json and the CSV files into dir.");
}

}  // namespace pbflow::python
