// Recorded aid flows for Python (pbflow/records.h): FTS and IATI imports,
// a scenario seeded from them, and a scenario checked against them. The
// pbflow package reads the texts the command line writes into DataFrames.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <memory>
#include <sstream>

#include "bindings.h"
#include "interruptible.h"
#include "pbflow/engine.h"
#include "pbflow/records.h"

namespace py = pybind11;

namespace pbflow::python {

namespace {

template <typename T, void (*Writer)(const T&, std::ostream&)>
std::string text(const T& r) {
  std::ostringstream out;
  Writer(r, out);
  return out.str();
}

SeedOptions seed_options(const std::string& base) {
  SeedOptions o;
  o.base = base;
  return o;
}

}  // namespace

void bind_records(py::module_& m) {
  py::class_<FtsImport, std::shared_ptr<FtsImport>>(m, "FtsImport", "FTS flow-search pages, read and counted")
      .def_readonly("funding_total_usd", &FtsImport::funding_total_usd, "FTS's rule: incoming, paid or commitment, on boundary single")
      .def_readonly("pledge_total_usd", &FtsImport::pledge_total_usd, "incoming pledges, on boundary single")
      .def_readonly("reported", &FtsImport::reported, "whether the pages carry data.incoming.fundingTotal")
      .def_readonly("reported_funding_total_usd", &FtsImport::reported_funding_total_usd, "the first page's fundingTotal (the whole search's)")
      .def_readonly("donor", &FtsImport::donor, "the source organisation kept, as FTS names it ('' for all)")
      .def_readonly("duplicates", &FtsImport::duplicates, "flows met again on another page (counted once)")
      .def_readonly("problems", &FtsImport::problems, "kind of problem -> flows flagged")
      .def("flows_csv", &text<FtsImport, write_fts_flows_csv>, "fts_flows.csv as text")
      .def("summary_json", &text<FtsImport, write_fts_summary_json>, "fts_summary.json as text")
      .def("table", &fts_table, "what `pbflow import fts` prints")
      .def("write", &write_fts_outputs, py::arg("dir"), "writes fts_flows.csv and fts_summary.json into dir")
      .def(
          "seed_scenario", [](const FtsImport& f, const std::string& base) { return seed_scenario(f, seed_options(base)).yaml; },
          py::arg("base") = "", "a scenario (YAML text) seeded from the donor's counted flows; base: a file it extends");
  m.def(
      "import_fts",
      [](const std::vector<std::string>& pages, const std::string& donor) {
        FtsOptions o;
        o.donor = donor;
        return std::make_shared<FtsImport>(import_fts(pages, o));
      },
      py::arg("pages"), py::arg("donor") = "", "reads the pages of one FTS flow search (pbflow import fts)");

  py::class_<IatiImport, std::shared_ptr<IatiImport>>(m, "IatiImport", "IATI activity files, read and linked")
      .def_property_readonly("activities", [](const IatiImport& i) { return i.activities.size(); }, "activities read")
      .def_property_readonly("transactions", [](const IatiImport& i) { return i.transactions.size(); }, "transactions read")
      .def_readonly("problems", &IatiImport::problems, "kind of problem -> count")
      .def_readonly("problem_list", &IatiImport::problem_list, "file:line: activity: what, for each problem")
      .def("transactions_csv", &text<IatiImport, write_iati_transactions_csv>, "iati_transactions.csv as text")
      .def("chains_csv", &text<IatiImport, write_iati_chains_csv>, "iati_chains.csv as text")
      .def("summary_json", &text<IatiImport, write_iati_summary_json>, "iati_summary.json as text")
      .def("table", &iati_table, "what `pbflow import iati` prints")
      .def("write", &write_iati_outputs, py::arg("dir"), "writes the three files into dir")
      .def(
          "seed_scenario",
          [](const IatiImport& i, const std::string& donor, const std::string& base) {
            return seed_scenario(i, donor, seed_options(base)).yaml;
          },
          py::arg("donor"), py::arg("base") = "", "a scenario (YAML text) seeded from the donor's disbursements in USD");
  m.def(
      "import_iati", [](const std::vector<std::string>& files) { return std::make_shared<IatiImport>(import_iati(files)); },
      py::arg("files"), "reads IATI activity files (pbflow import iati)");

  py::class_<CheckResult, std::shared_ptr<CheckResult>>(m, "CheckResult", "a scenario's money beside recorded money")
      .def_readonly("scenario", &CheckResult::scenario, "the scenario's name")
      .def_readonly("donor", &CheckResult::donor, "the scenario's donor compared")
      .def_readonly("records", &CheckResult::records, "what the records are")
      .def_readonly("replicas", &CheckResult::replicas, "replicas run")
      .def_readonly("notes", &CheckResult::notes, "what was compared how")
      .def_readonly("unmatched", &CheckResult::unmatched, "recorded organisations no channel stands for")
      .def("csv", &text<CheckResult, write_check_csv>, "check.csv as text")
      .def("json", &text<CheckResult, write_check_json>, "check.json as text")
      .def("table", &check_table, "what `pbflow check` prints")
      .def("write", &write_check_outputs, py::arg("dir"), "writes check.csv, check.json and report.html into dir");
  m.def(
      "check",
      [](const Engine& e, const std::vector<std::string>& fts_pages, const std::vector<std::string>& iati_files,
         const std::vector<std::string>& figure_files, const std::string& donor, const std::string& records_donor, std::optional<int> year,
         std::optional<int> replicas, std::optional<std::uint64_t> seed, int threads) {
        CheckRequest request;
        request.fts_pages = fts_pages;
        request.iati_files = iati_files;
        request.figure_files = figure_files;
        request.records_donor = records_donor;
        request.options.donor = donor;
        request.options.year = year;
        RunOptions o;
        o.replicas = replicas;
        o.seed = seed;
        o.threads = threads;
        return interruptible<std::shared_ptr<CheckResult>>([&](const std::atomic<bool>* stop) {
          o.stop = stop;
          return std::make_shared<CheckResult>(check_records(e, o, request));
        });
      },
      py::arg("engine"), py::arg("fts_pages") = std::vector<std::string>{},
      py::arg("iati_files") = std::vector<std::string>{}, py::arg("figure_files") = std::vector<std::string>{},
      py::arg("donor") = "", py::arg("records_donor") = "",
      py::arg("year") = py::none(), py::arg("replicas") = py::none(), py::arg("seed") = py::none(),
      py::arg("threads") = 0, "runs the scenario and sets it beside recorded payments (pbflow check)");
}

}  // namespace pbflow::python
