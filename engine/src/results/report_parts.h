// What the reports of run, what-if, compare and sweep share: reading a run's
// folder back, its provenance, and the sections of a run's report (the
// what-if's report includes the what-if's own run).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "pbflow/sweep.h"
#include "results/html.h"
#include "results/read_files.h"

namespace pbflow::results {

// timeseries.csv: months, and each column by its header name.
struct MonthlySeries {
  std::vector<std::string> months;
  std::map<std::string, std::vector<double>> columns;
  const std::vector<double>& column(const std::string& name, const std::string& file) const;
};
MonthlySeries read_monthly(const std::string& path);

// A results folder of `pbflow run`, read and checked.
struct RunFolder {
  std::string dir;
  JsonFile summary;
  MonthlySeries monthly;
  std::string currency;
  static RunFolder read(const std::string& dir);
  std::string country_name(const std::string& iso3) const;  // "SDN Sudan" or the code
};

Provenance provenance_of(const JsonFile& summary);

// The sections of a run's report, after its title.
std::string run_sections(const RunFolder& run);

// Each kind of report, from its folder (report.cc picks one).
std::string run_report_html(const std::string& dir);
std::string whatif_report_html(const std::string& dir);
std::string compare_report_html(const std::string& dir);

}  // namespace pbflow::results
