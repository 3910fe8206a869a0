// iati_transactions.csv, iati_chains.csv, iati_summary.json and the
// command's table (docs/outputs.md).
#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>

#include "pbflow/records.h"
#include "results/csv.h"
#include "results/output_folder.h"

namespace pbflow {


void write_iati_transactions_csv(const IatiImport& iati, std::ostream& out) {
  results::CsvWriter csv(out);
  for (const char* h : {"file", "line", "activity", "type", "date", "value", "currency", "value_date", "provider_ref",
                        "provider_name", "provider_activity", "receiver_ref", "receiver_name", "receiver_activity",
                        "sectors", "pillar", "countries", "humanitarian", "problems"})
    csv.text(h);
  csv.end_row();
  for (const IatiTransaction& t : iati.transactions) {
    csv.text(t.file).integer(t.line).text(t.activity).text(t.type).text(t.date);
    if (t.has_value) csv.number(t.value);
    else csv.empty();
    csv.text(t.currency).text(t.value_date).text(t.provider_ref).text(t.provider_name).text(t.provider_activity);
    csv.text(t.receiver_ref).text(t.receiver_name).text(t.receiver_activity).text(t.sectors).text(t.pillar);
    csv.text(t.countries).text(t.humanitarian ? "true" : "false");
    std::string problems;
    for (const std::string& p : t.problems) problems += (problems.empty() ? "" : "; ") + p;
    csv.text(problems).end_row();
  }
}

void write_iati_chains_csv(const IatiImport& iati, std::ostream& out) {
  results::CsvWriter csv(out);
  for (const char* h : {"from_activity", "to_activity", "from_org", "to_org", "committed", "disbursed",
                        "incoming_committed", "incoming_funds", "currency", "status", "file", "line"})
    csv.text(h);
  csv.end_row();
  for (const IatiLink& l : iati.links) {
    csv.text(l.from_activity).text(l.to_activity).text(l.from_org).text(l.to_org).number(l.committed);
    csv.number(l.disbursed).number(l.incoming_committed).number(l.incoming_funds).text(l.currency).text(l.status);
    csv.text(l.file).integer(l.line).end_row();
  }
}

void write_iati_summary_json(const IatiImport& iati, std::ostream& out) {
  nlohmann::ordered_json j;
  j["files"] = iati.files;
  j["activities"] = iati.activities.size();
  j["transactions"] = iati.transactions.size();
  std::map<std::string, int> by_type, by_currency;
  std::map<std::string, std::map<std::string, double>> value_by_type;  // type -> currency -> sum
  for (const IatiTransaction& t : iati.transactions) {
    ++by_type[t.type.empty() ? "(none)" : t.type];
    ++by_currency[t.currency.empty() ? "(none)" : t.currency];
    if (t.has_value) value_by_type[t.type.empty() ? "(none)" : t.type][t.currency] += t.value;
  }
  j["by_type"] = by_type;
  j["by_currency"] = by_currency;
  j["value_by_type"] = value_by_type;
  int linked = 0;
  for (const IatiLink& l : iati.links) linked += l.status == "linked";
  j["links"] = {{"hops", iati.links.size()}, {"linked", linked}};
  j["problems"] = iati.problems;
  j["problem_list"] = iati.problem_list;
  out << j.dump(2) << "\n";
}



void write_iati_outputs(const IatiImport& iati, const std::string& dir) {
  results::OutputFolder folder(dir);
  folder.write("iati_transactions.csv", [&](std::ostream& out) { write_iati_transactions_csv(iati, out); });
  folder.write("iati_chains.csv", [&](std::ostream& out) { write_iati_chains_csv(iati, out); });
  folder.write("iati_summary.json", [&](std::ostream& out) { write_iati_summary_json(iati, out); });
  folder.commit();
}

std::string iati_table(const IatiImport& iati) {
  char line[512];
  std::string out;
  int linked = 0;
  for (const IatiLink& l : iati.links) linked += l.status == "linked";
  std::snprintf(line, sizeof line, "%zu activities, %zu transactions from %zu file(s); %zu chain hops, %d linked\n",
                iati.activities.size(), iati.transactions.size(), iati.files.size(), iati.links.size(), linked);
  out += line;
  for (const auto& [kind, n] : iati.problems) {
    std::snprintf(line, sizeof line, "problem: %d x %s\n", n, kind.c_str());
    out += line;
  }
  for (std::size_t i = 0; i < iati.problem_list.size() && i < 10; ++i) out += "  " + iati.problem_list[i] + "\n";
  if (iati.problem_list.size() > 10)
    out += "  ... " + std::to_string(iati.problem_list.size() - 10) + " more in iati_summary.json\n";
  return out;
}

}  // namespace pbflow
