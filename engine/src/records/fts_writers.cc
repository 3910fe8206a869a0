// fts_flows.csv, fts_summary.json and the command's table (docs/outputs.md).
#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>

#include "pbflow/records.h"
#include "results/csv.h"
#include "results/output_folder.h"

namespace pbflow {

namespace {

std::string joined(const std::vector<std::string>& parts) {
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : "; ") + p;
  return out;
}

}  // namespace

void write_fts_flows_csv(const FtsImport& fts, std::ostream& out) {
  results::CsvWriter csv(out);
  for (const char* h : {"id", "date", "usage_years", "source_orgs", "source_org_types", "destination_orgs",
                        "destination_org_types", "destination_countries", "clusters", "pillar", "amount_usd",
                        "original_amount", "original_currency", "exchange_rate", "status", "flow_type", "boundary",
                        "on_boundary", "new_money", "parent_id", "child_ids", "counted", "why", "problems", "page"})
    csv.text(h);
  csv.end_row();
  for (const FtsFlow& f : fts.flows) {
    csv.text(f.id).text(f.date).text(joined(f.usage_years)).text(joined(f.source_orgs)).text(joined(f.source_org_types));
    csv.text(joined(f.destination_orgs)).text(joined(f.destination_org_types)).text(joined(f.destination_countries));
    csv.text(joined(f.clusters)).text(f.pillar).number(f.amount_usd);
    if (f.has_original) csv.number(f.original_amount);
    else csv.empty();
    csv.text(f.original_currency);
    if (f.has_original) csv.number(f.exchange_rate);
    else csv.empty();
    csv.text(f.status).text(f.flow_type).text(f.boundary).text(f.on_boundary).text(f.new_money ? "true" : "false");
    csv.text(f.parent_id).text(joined(f.child_ids)).text(f.counted ? "true" : "false").text(f.why);
    csv.text(joined(f.problems)).integer(f.page).end_row();
  }
}

void write_fts_summary_json(const FtsImport& fts, std::ostream& out) {
  nlohmann::ordered_json j;
  j["pages"] = fts.pages;
  j["donor"] = fts.donor.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(fts.donor);
  j["funding_total_usd"] = fts.funding_total_usd;
  j["pledge_total_usd"] = fts.pledge_total_usd;
  if (fts.reported) {
    j["reported_funding_total_usd"] = fts.reported_funding_total_usd;
    j["reported_pledge_total_usd"] = fts.reported_pledge_total_usd;
  }
  j["reported_flows"] = fts.reported_flow_count;
  int counted = 0;
  std::map<std::string, double> by_org, by_pillar;
  for (const FtsFlow& f : fts.flows) {
    if (!f.counted) continue;
    ++counted;
    // A flow to several organisations is split evenly between them (rare: FTS names one).
    for (const std::string& org : f.destination_orgs) by_org[org] += f.amount_usd / f.destination_orgs.size();
    if (f.destination_orgs.empty()) by_org["(none named)"] += f.amount_usd;
    by_pillar[f.pillar] += f.amount_usd;
  }
  j["flows"] = fts.flows.size();
  j["counted"] = counted;
  j["duplicates"] = fts.duplicates;
  j["by_destination_org"] = by_org;
  j["by_pillar"] = by_pillar;
  j["problems"] = fts.problems;
  out << j.dump(2) << "\n";
}



void write_fts_outputs(const FtsImport& fts, const std::string& dir) {
  results::OutputFolder folder(dir);
  folder.write("fts_flows.csv", [&](std::ostream& out) { write_fts_flows_csv(fts, out); });
  folder.write("fts_summary.json", [&](std::ostream& out) { write_fts_summary_json(fts, out); });
  folder.commit();
}

std::string fts_table(const FtsImport& fts) {
  char line[512];
  std::string out;
  int counted = 0;
  for (const FtsFlow& f : fts.flows) counted += f.counted;
  std::snprintf(line, sizeof line, "%zu flows from %zu page(s)%s; %d counted by FTS's rule, %d duplicates dropped\n",
                fts.flows.size(), fts.pages.size(), fts.donor.empty() ? "" : (" from " + fts.donor).c_str(), counted,
                fts.duplicates);
  out += line;
  std::snprintf(line, sizeof line, "funding total: %.0f USD (incoming, paid or commitment, on boundary single)\n",
                fts.funding_total_usd);
  out += line;
  std::snprintf(line, sizeof line, "pledge total:  %.0f USD\n", fts.pledge_total_usd);
  out += line;
  if (fts.reported) {
    const bool whole = fts.donor.empty();
    std::snprintf(line, sizeof line, "FTS reports:   %.0f USD for the whole search%s\n", fts.reported_funding_total_usd,
                  whole ? (fts.reported_funding_total_usd == fts.funding_total_usd ? " (the same, to the dollar)"
                                                                                      : " (DIFFERENT: see fts_flows.csv)")
                        : "");
    out += line;
  }
  for (const auto& [kind, n] : fts.problems) {
    std::snprintf(line, sizeof line, "flagged: %d flow(s): %s\n", n, kind.c_str());
    out += line;
  }
  return out;
}

}  // namespace pbflow
