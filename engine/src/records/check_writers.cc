// check.csv, check.json and the command's table (docs/outputs.md).
#include <cstdio>
#include <functional>
#include <nlohmann/json.hpp>

#include "pbflow/records.h"
#include "results/csv.h"
#include "results/html.h"
#include "results/json_stats.h"
#include "results/output_folder.h"
#include "results/read_files.h"

namespace pbflow {

namespace {

std::string millions(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", v / 1e6);
  return buf;
}

// A published band as "low-high", else the one figure.
std::string recorded_text(const CheckRow& r, const std::function<std::string(double)>& show) {
  return r.recorded_low == r.recorded_high ? show(r.recorded) : show(r.recorded_low) + "-" + show(r.recorded_high);
}

// Year 0: a published figure for a typical year, against the horizon's whole years.
std::string year_text(int year, bool simulated) {
  return year ? std::to_string(year) : simulated ? "mean" : "any";
}

// report.html: the notes, then every comparison, rows outside their band
// in bold, then the organisations no channel stands for.
std::string check_html(const CheckResult& c) {
  using results::escape_html;
  std::string body = "<h1>" + escape_html(c.scenario) + " against recorded money</h1>\n<p>Donor <b>" +
                     escape_html(c.donor) + "</b>, " + std::to_string(c.replicas) + " replicas, against " +
                     escape_html(c.records) + " (docs/guide-real-data.md).</p>\n<ul>";
  for (const std::string& n : c.notes) body += "<li>" + escape_html(n) + "</li>";
  body += "</ul>\n";
  results::HtmlTable t;
  t.header = {"level", "recorded year", "simulated year", "country", "channel or pillar", "recorded, USD m",
              "simulated mean, " + c.currency + " m", "5-95% band, " + c.currency + " m", ""};
  for (const CheckRow& r : c.rows) {
    const bool simulated = r.note != "no channel of the scenario stands for this organisation";
    const std::string who = !r.channel.empty() ? r.channel : !r.pillar.empty() ? r.pillar : r.organisation;
    t.rows.push_back({r.level, year_text(r.recorded_year, false), year_text(r.simulated_year, true),
                      r.country.empty() ? "all" : r.country, escape_html(who),
                      results::nowrap(recorded_text(r, results::in_millions)),
                      simulated ? results::in_millions(r.simulated.mean) : "-",
                      simulated ? results::nowrap(results::in_millions(r.simulated.p05) + "-" +
                                                  results::in_millions(r.simulated.p95))
                                : "-",
                      escape_html(!simulated ? "no channel" : r.inside ? r.note : "outside the band")});
    t.row_classes.push_back(simulated && !r.inside ? "clear" : "");
  }
  body += t.html();
  std::string sources;  // published figures' sources, too long for a column
  for (const CheckRow& r : c.rows)
    if (!r.source.empty())
      sources += "<li><b>" + escape_html(!r.channel.empty() ? r.channel : !r.organisation.empty() ? r.organisation : r.country) +
                 "</b>: " + escape_html(r.source) + "</li>";
  if (!sources.empty()) body += "<h2>Where the published figures come from</h2>\n<ul>" + sources + "</ul>\n";
  if (!c.unmatched.empty()) {
    body += "<h2>Recorded organisations no channel of the scenario stands for</h2>\n<ul>";
    for (const std::string& n : c.unmatched) body += "<li>" + escape_html(n) + "</li>";
    body += "</ul>\n";
  }
  return results::html_page(c.scenario + " against recorded money", body);
}


}  // namespace

void write_check_csv(const CheckResult& c, std::ostream& out) {
  results::CsvWriter csv(out);
  for (const char* h : {"level", "recorded_year", "simulated_year", "country", "channel", "pillar", "organisation",
                        "recorded_usd", "recorded_low_usd", "recorded_high_usd", "simulated_mean", "simulated_p05", "simulated_p50", "simulated_p95", "inside",
                        "note", "source"})
    csv.text(h);
  csv.end_row();
  for (const CheckRow& r : c.rows) {
    csv.text(r.level);
    if (r.recorded_year) csv.integer(r.recorded_year).integer(r.simulated_year);
    else csv.empty().empty();  // a typical year: the mean of the horizon's whole years
    csv.text(r.country).text(r.channel).text(r.pillar);
    csv.text(r.organisation).number(r.recorded).number(r.recorded_low).number(r.recorded_high);
    const bool simulated = r.note != "no channel of the scenario stands for this organisation";
    if (simulated) csv.number(r.simulated.mean).number(r.simulated.p05).number(r.simulated.p50).number(r.simulated.p95);
    else csv.empty().empty().empty().empty();
    csv.text(simulated ? (r.inside ? "true" : "false") : "").text(r.note).text(r.source).end_row();
  }
}

void write_check_json(const CheckResult& c, std::ostream& out) {
  nlohmann::ordered_json j;
  j["scenario"] = c.scenario;
  j["donor"] = c.donor;
  j["records"] = c.records;
  j["currency"] = c.currency;
  j["replicas"] = c.replicas;
  j["notes"] = c.notes;
  j["unmatched"] = c.unmatched;
  int outside = 0;
  for (const CheckRow& r : c.rows) outside += !r.inside && r.note.empty();
  j["outside_band"] = outside;
  j["rows"] = nlohmann::ordered_json::array();
  for (const CheckRow& r : c.rows)
    j["rows"].push_back({{"level", r.level}, {"recorded_year", r.recorded_year}, {"simulated_year", r.simulated_year},
                         {"country", r.country}, {"channel", r.channel}, {"pillar", r.pillar}, {"organisation", r.organisation},
                         {"recorded_usd", r.recorded}, {"recorded_low_usd", r.recorded_low},
                         {"recorded_high_usd", r.recorded_high}, {"simulated", results::stats_json(r.simulated)},
                         {"inside", r.inside}, {"note", r.note}, {"source", r.source}});
  out << j.dump(2) << "\n";
}


CheckResult read_check_folder(const std::string& dir) {
  const results::JsonFile j = results::JsonFile::read(dir + "/check.json");
  CheckResult c;
  c.scenario = j.text({"scenario"});
  c.donor = j.text({"donor"});
  c.records = j.text({"records"});
  c.currency = j.text({"currency"});
  c.replicas = j.integer({"replicas"});
  c.notes = j.texts({"notes"});
  c.unmatched = j.texts({"unmatched"});
  const auto& rows = j.list({"rows"});
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const results::JsonFile row(rows[i], j.path() + ": rows[" + std::to_string(i) + "]");
    CheckRow r;
    r.level = row.text({"level"});
    r.recorded_year = row.integer({"recorded_year"});
    r.simulated_year = row.integer({"simulated_year"});
    r.country = row.text({"country"});
    r.channel = row.text({"channel"});
    r.pillar = row.text({"pillar"});
    r.organisation = row.text({"organisation"});
    r.recorded = row.number({"recorded_usd"});
    r.recorded_low = row.number({"recorded_low_usd"});
    r.recorded_high = row.number({"recorded_high_usd"});
    r.simulated = {row.number({"simulated", "mean"}), row.number({"simulated", "sd"}), row.number({"simulated", "p05"}),
                   row.number({"simulated", "p50"}), row.number({"simulated", "p95"})};
    if (!row.at({"inside"}).is_boolean()) throw RuntimeFailure(row.path() + ": `inside` should be true or false");
    r.inside = row.at({"inside"}).get<bool>();
    r.note = row.text({"note"});
    r.source = row.text({"source"});
    c.rows.push_back(std::move(r));
  }
  return c;
}

void write_check_report(const std::string& dir) {
  const std::string html = check_html(read_check_folder(dir));
  results::replace_file(dir, "report.html", [&](std::ostream& out) { out << html; });
}

void write_check_outputs(const CheckResult& check, const std::string& dir) {
  results::OutputFolder folder(dir);
  folder.write("check.csv", [&](std::ostream& out) { write_check_csv(check, out); });
  folder.write("check.json", [&](std::ostream& out) { write_check_json(check, out); });
  folder.write("report.html", [&](std::ostream& out) { out << check_html(check); });
  folder.commit();
}

std::string check_table(const CheckResult& c) {
  std::string out = "Scenario " + c.scenario + " (donor " + c.donor + ", " + std::to_string(c.replicas) +
                    " replicas) against " + c.records + "\n";
  for (const std::string& n : c.notes) out += "  note: " + n + "\n";
  char line[512];
  std::snprintf(line, sizeof line, "\n%-8s %-4s %-4s %-5s %-28s %14s %12s %25s\n", "level", "rec", "sim", "cntry",
                "channel (organisation)", "recorded m", "simulated m", "5-95% band, m");
  out += line;
  for (const CheckRow& r : c.rows) {
    const std::string who = !r.channel.empty() ? r.channel : !r.pillar.empty() ? r.pillar : r.organisation;
    const bool simulated = r.note != "no channel of the scenario stands for this organisation";
    const std::string band =
        simulated ? "[" + millions(r.simulated.p05) + ", " + millions(r.simulated.p95) + "]" : std::string("-");
    std::snprintf(line, sizeof line, "%-8s %-4s %-4s %-5s %-28s %14s %12s %25s %s\n", r.level.c_str(),
                  year_text(r.recorded_year, false).c_str(), year_text(r.simulated_year, true).c_str(),
                  r.country.empty() ? "all" : r.country.c_str(), who.substr(0, 28).c_str(),
                  recorded_text(r, millions).c_str(),
                  simulated ? millions(r.simulated.mean).c_str() : "-", band.c_str(),
                  !simulated ? "(no channel)" : r.inside ? "" : "OUTSIDE");
    out += line;
  }
  if (!c.unmatched.empty()) {
    out += "\nRecorded organisations no channel of the scenario stands for:\n";
    for (const std::string& n : c.unmatched) out += "  " + n + "\n";
  }
  return out;
}

}  // namespace pbflow
