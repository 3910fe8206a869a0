// The `peacekeeping:` block: missions in the scenario's countries and the
// donors' assessed contributions to them (docs/model.md, 1.8).
#include "converter.h"
#include "validate.h"

namespace pbflow::scenario::detail {

Peacekeeping Converter::read_peacekeeping(const Node& n, const Scenario& s) const {
  Peacekeeping pk;
  if (const Node* missions = n.find("missions"))
    for (const auto& e : missions->entries) {
      const std::string path = "peacekeeping.missions." + e.key;
      Mission m;
      m.id = e.key;
      m.where = e.key_where;
      m.name = text_or(e.value, "name", e.key);
      const Node& country = *e.value.find("country");
      Entry named{country.text, country.where, {}};
      check_reference(named, path + ".country", country_ids_, "country");
      m.country = country.text;
      for (const auto& ye : e.value.find("budgets")->entries)
        m.budgets[std::stoi(ye.key)] = read_number(ye.value, path + ".budgets." + ye.key);
      pk.missions.push_back(m);
    }
  if (const Node* assessments = n.find("assessments")) {
    std::vector<std::string> donors;
    for (const Donor& d : s.donors) donors.push_back(d.id);
    for (const auto& e : assessments->entries) {
      const std::string path = "peacekeeping.assessments." + e.key;
      check_reference(e, path, donors, "donor");
      Assessment a;
      a.donor = e.key;
      for (const auto& ye : e.value.find("rates")->entries)
        a.rates[std::stoi(ye.key)] = read_number(ye.value, path + ".rates." + ye.key);
      a.payment_delay_months =
          static_cast<int>(number_or(e.value, path, "payment_delay_months", a.payment_delay_months));
      pk.assessments.push_back(a);
    }
  }
  return pk;
}

}  // namespace pbflow::scenario::detail
