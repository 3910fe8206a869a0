// A run's peacekeeping: summary.json's `peacekeeping` section and the
// terminal table's rows (docs/model.md, 1.8). Base currency.
#include "results/peacekeeping_writers.h"

#include <cstdio>

namespace pbflow::results {

nlohmann::ordered_json peacekeeping_json(const RunResult& r) {
  nlohmann::ordered_json missions = nlohmann::ordered_json::object();
  for (const MissionResult& m : r.missions) missions[m.id] = {{"name", m.name}, {"country", m.country}, {"spent", m.spent}};
  nlohmann::ordered_json donors = nlohmann::ordered_json::object();
  for (const AssessmentResult& a : r.assessments) {
    nlohmann::ordered_json& d = donors[a.donor];
    if (d.is_null()) d = {{"assessed", 0.0}, {"paid", 0.0}, {"unpaid", 0.0}, {"buys", 0.0}, {"by_mission", nlohmann::ordered_json::object()}};
    d["assessed"] = d["assessed"].get<double>() + a.assessed;
    d["paid"] = d["paid"].get<double>() + a.paid;
    d["unpaid"] = d["unpaid"].get<double>() + a.unpaid();
    d["buys"] = d["buys"].get<double>() + a.buys;
    d["by_mission"][a.mission] = {{"assessed", a.assessed}, {"paid", a.paid}, {"unpaid", a.unpaid()}, {"buys", a.buys}};
  }
  return {{"missions", missions}, {"assessments", donors}};
}

std::string peacekeeping_table(const RunResult& r) {
  if (r.missions.empty()) return "";
  std::string out = "\nPeacekeeping (millions of " + r.currency + " over the horizon; the same in every replica)\n";
  char line[256];
  for (const MissionResult& m : r.missions) {
    std::snprintf(line, sizeof line, "  mission %-20s in %-4s spent %12.1f\n", m.id.substr(0, 20).c_str(),
                  m.country.c_str(), m.spent / 1e6);
    out += line;
  }
  for (const AssessmentResult& a : r.assessments) {
    std::snprintf(line, sizeof line, "  %-12s to %-20s assessed %10.1f  paid %10.1f  unpaid %8.1f  buys %10.1f\n",
                  a.donor.substr(0, 12).c_str(), a.mission.substr(0, 20).c_str(), a.assessed / 1e6, a.paid / 1e6,
                  a.unpaid() / 1e6, a.buys / 1e6);
    out += line;
  }
  return out;
}

}  // namespace pbflow::results
