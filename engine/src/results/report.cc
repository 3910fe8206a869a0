// report.html for any results folder: a run's, a what-if's (diff.json), a
// comparison's (compare.json), a sweep's (sweep.json) or a discovery's
// (discovery.json). One self-contained
// page, drawn by the engine as HTML and inline SVG: no script, nothing
// fetched (its Content-Security-Policy forbids it), printable on A4.
#include <filesystem>

#include "pbflow/errors.h"
#include "pbflow/results_io.h"
#include "results/output_folder.h"
#include "results/report_parts.h"

namespace pbflow {

std::string report_html(const std::string& dir) {
  namespace fs = std::filesystem;
  if (!fs::is_directory(dir)) throw RuntimeFailure(dir + " is not a folder of pbflow results");
  if (fs::exists(dir + "/diff.json")) return results::whatif_report_html(dir);
  if (fs::exists(dir + "/compare.json")) return results::compare_report_html(dir);
  if (fs::exists(dir + "/discovery.json")) return discovery_report_html(read_discovery_folder(dir));
  if (fs::exists(dir + "/sweep.json")) {
    if (!fs::exists(dir + "/sensitivity.csv")) return sweep_report_html(read_sweep_folder(dir));
    const SensitivityResult s = read_sensitivity_csv(dir + "/sensitivity.csv");
    return sweep_report_html(read_sweep_folder(dir), &s);
  }
  // Folders of the real-data commands: said plainly, not as a run folder missing its summary.
  if (fs::exists(dir + "/check.json"))
    throw RuntimeFailure(dir + " is a folder of `pbflow check`: pbflow::write_check_report rebuilds its report "
                               "(as `pbflow report` does)");
  if (fs::exists(dir + "/fts_summary.json") || fs::exists(dir + "/iati_summary.json"))
    throw RuntimeFailure(dir + " is a folder of `pbflow import`, which writes tables and no report");
  return results::run_report_html(dir);  // which names summary.json if it is missing or damaged
}

void write_text_file(const std::string& path, const std::string& text) {
  const std::filesystem::path p = std::filesystem::absolute(path);
  results::replace_file(p.parent_path().string(), p.filename().string(), [&](std::ostream& out) { out << text; });
}

void write_report(const std::string& dir) {
  const std::string html = report_html(dir);
  results::replace_file(dir, "report.html", [&](std::ostream& out) { out << html; });
}

}  // namespace pbflow
