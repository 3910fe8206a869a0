// A scenario seeded from what a donor was recorded paying: its counted
// money by calendar year, the channels it paid (named through the
// organisation table), each pillar's split over them and the countries'
// weights. Every figure carries a comment naming the records it comes from
// and their SHA-256; what the records cannot say (channels' overheads and
// lags, countries' states) is marked illustrative or taken from a base.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>

#include "pbflow/errors.h"
#include "pbflow/records.h"
#include "pbflow/scenario_io.h"
#include "records/organisations.h"
#include "records/record_files.h"
#include "scenario/iso3166.h"
#include "scenario/sha256.h"

namespace pbflow {

namespace {

std::string number(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

std::string quoted(const std::string& s) {
  std::string out = "\"";
  for (char c : s) out += c == '"' || c == '\\' ? std::string("\\") + c : std::string(1, c);
  return out + "\"";
}

// A channel id for an organisation: the table's, else its name made an identifier.
std::string channel_id(const std::string& name, bool& known) {
  const records::Organisation* o = records::find_organisation(name);
  known = o != nullptr;
  if (o) return o->channel;
  std::string id;
  for (unsigned char c : records::normalised(name)) id += std::isalnum(c) ? static_cast<char>(c) : '_';
  if (id.empty() || std::isdigit(static_cast<unsigned char>(id[0]))) id = "org_" + id;
  return id.substr(0, 40);
}

std::string channel_kind(const std::string& type) {
  const std::string t = records::normalised(type);
  if (t.find("un agency") != std::string::npos || t.find("multilateral") != std::string::npos) return "un_agency";
  if (t.find("pooled") != std::string::npos) return "pooled_fund";
  if (t.find("government") != std::string::npos) return "bilateral";
  return "ngo";
}

std::string iso3_of_name(const std::string& name) {
  const std::string key = records::normalised(name);
  for (const std::string& code : scenario::iso3166_alpha3_codes())
    if (records::normalised(scenario::iso3166_name(code)) == key) return code;
  return "";
}

class Seed {
 public:
  Seed(std::vector<RecordedPayment> seen, std::string source, std::string donor, const SeedOptions& o)
      : seen_(std::move(seen)), source_(std::move(source)), donor_(std::move(donor)), o_(o) {}

  std::string yaml() {
    if (seen_.empty())
      throw InputError({}, "--scenario", "no counted money from " + donor_ + " in these records: nothing to seed");
    std::map<std::string, std::map<std::string, double>> by_pillar;  // pillar -> channel -> amount
    std::map<std::string, double> by_country, pillar_total;
    std::map<int, double> by_year;
    std::map<std::string, std::string> names, kinds;
    std::set<std::string> unmatched, unplaced;
    for (const RecordedPayment& s : seen_) {
      bool known = false;
      const std::string id = channel_id(s.org_name, known);
      if (!known) unmatched.insert(s.org_name);
      names.emplace(id, s.org_name);
      kinds.emplace(id, channel_kind(s.org_type));
      by_pillar[s.pillar][id] += s.amount_usd;
      pillar_total[s.pillar] += s.amount_usd;
      by_year[s.year] += s.amount_usd;
      if (s.country.empty()) unplaced.insert(s.org_name);
      else by_country[s.country] += s.amount_usd;
    }
    if (by_country.empty())
      throw InputError({}, "--scenario", "the records name no country this seed can place (ISO 3166 names)");
    unmatched_.assign(unmatched.begin(), unmatched.end());
    std::ostringstream y;
    const std::string cite = "  # " + source_;
    y << "# Seeded by `pbflow import` from recorded flows: what " << donor_ << " was recorded paying.\n";
    y << "# Source" << cite.substr(3) << "\n";
    y << "# Counted money only, in US dollars, by calendar year (the records' years, not the donor's fiscal year).\n";
    y << "# Illustrative, not in the records: channels' overheads and lags, the release schedule";
    y << (o_.base.empty() ? ", and every country's state.\n" : ".\n");
    if (!unmatched.empty()) {
      y << "# Organisations not in pbflow's table (docs/guide-real-data.md), named from their records' names:\n";
      for (const std::string& n : unmatched) y << "#   " << n << "\n";
    }
    y << "pbflow: 1\n";
    if (!o_.base.empty()) y << "extends: " << quoted(o_.base) << "\n";
    bool donor_known = false;
    const std::string donor_key = channel_id(donor_, donor_known);
    y << "name: " << quoted("seeded-" + donor_key) << "\n";
    int first = by_year.begin()->first, last = by_year.rbegin()->first;
    if (o_.base.empty()) {
      y << "horizon: {start: " << first << "-01, months: " << 12 * (last - first + 1) << "}\n";
    } else {
      // In the base's horizon: nothing before the records begin; after the
      // last recorded year, its amount carries on (growth 0).
      const Scenario base = load_scenario(o_.base_file.empty() ? o_.base : o_.base_file);
      first = std::min(first, base.horizon.start.year());
    }
    const std::string donor_id = donor_key + "_recorded";
    y << "donors:\n  " << donor_id << ":\n    name: " << quoted(donor_ + " (recorded)") << "\n";
    y << "    currency: USD\n    fiscal_year_start: 1\n    budget:\n      initial:\n";
    for (int year = first; year <= last; ++year)
      y << "        " << year << ": " << number(by_year.count(year) ? by_year[year] : 0.0) << cite << "\n";
    y << "      growth: 0.0   # after the last recorded year, its amount carries on\n";
    y << "    lines:\n      recorded:\n        share: 1.0\n";
    y << "        release: monthly   # illustrative: the records give payments, not a schedule\n";
    y << "        allocate: strategy\n        pillars: [";
    bool comma = false;
    for (const auto& [pillar, total] : pillar_total) y << (comma ? ", " : "") << pillar, comma = true;
    y << "]\n        deliver:\n";
    for (const auto& [pillar, channels] : by_pillar) {
      y << "          " << pillar << ":\n";
      for (const auto& [id, amount] : channels)
        y << "            " << id << ": " << number(amount / pillar_total[pillar]) << cite << "\n";
    }
    y << "channels:\n";
    for (const auto& [id, name] : names) {
      y << "  " << id << ":\n    name: " << quoted(name) << "\n    kind: " << kinds[id] << "\n";
      y << "    overhead: 0.07   # illustrative\n    lag: {months: 2}   # illustrative\n";
    }
    if (o_.base.empty()) {
      y << "countries:   # the records hold no country's state: replace these illustrative values from a source\n";
      for (const auto& [code, amount] : by_country)
        y << "  " << code << ": {name: " << quoted(scenario::iso3166_name(code))
          << ", population: 1.0e7, phase: fragile, months_in_phase: 24, people_in_need: 1.0e6, capacity: 0.3}"
          << "   # illustrative\n";
    }
    double placed = 0.0;
    for (const auto& [code, amount] : by_country) placed += amount;
    if (!o_.base.empty()) {
      // The base's strategy allocates the recorded line too (a strategy
      // cannot be replaced in part through `extends:`): the recorded
      // weights are kept here for the planner to use.
      y << "# The base's strategy allocates this money; the records' country weights were:\n";
      for (const auto& [code, amount] : by_country) y << "#   " << code << ": " << number(amount / placed) << "\n";
      return y.str();
    }
    y << "strategy:\n  kind: fixed\n  countries:\n";
    for (const auto& [code, amount] : by_country) y << "    " << code << ": " << number(amount / placed) << cite << "\n";
    y << "  pillar_split:\n";
    double total = 0.0;
    for (const auto& [pillar, amount] : pillar_total) total += amount;
    for (const char* pillar : {"humanitarian", "development", "peace"}) {
      const double share = pillar_total.count(pillar) ? pillar_total[pillar] / total : 0.0;
      y << "    " << pillar << ": " << number(share) << cite << "\n";
    }
    if (!unplaced.empty()) {
      y << "# Money whose records name no placeable country (kept in the pillars' splits, not in the country weights):\n";
      for (const std::string& n : unplaced) y << "#   to " << n << "\n";
    }
    return y.str();
  }

  const std::vector<std::string>& unmatched() const { return unmatched_; }

 private:
  std::vector<RecordedPayment> seen_;
  std::string source_, donor_;
  SeedOptions o_;
  std::vector<std::string> unmatched_;
};

std::string source_of(const char* system, const std::vector<std::string>& files) {
  std::string out = system;
  out += ": ";
  for (std::size_t i = 0; i < files.size(); ++i) {
    const std::string hash = scenario::sha256_hex(records::read_record_file(files[i]));
    out += (i ? ", " : "") + std::filesystem::path(files[i]).filename().string() + " (sha256 " + hash.substr(0, 16) + ")";
  }
  return out;
}

}  // namespace

std::vector<RecordedPayment> recorded_payments(const FtsImport& fts) {
  std::vector<RecordedPayment> seen;
  for (const FtsFlow& f : fts.flows) {
    if (!f.counted) continue;
    RecordedPayment s;
    const std::string year = f.usage_years.empty() ? f.date.substr(0, 4) : f.usage_years.front();
    s.year = std::atoi(year.c_str());
    s.org_name = f.destination_orgs.empty() ? "(no organisation named)" : f.destination_orgs.front();
    s.org_type = f.destination_org_types.empty() ? "" : f.destination_org_types.front();
    s.country = f.destination_countries.size() == 1 ? iso3_of_name(f.destination_countries.front()) : "";
    s.pillar = f.pillar;
    s.amount_usd = f.amount_usd;
    if (s.year > 0) seen.push_back(s);
  }
  return seen;
}

std::vector<RecordedPayment> recorded_payments(const IatiImport& iati, const std::string& donor, int* left_out) {
  const records::Organisation* known = records::find_organisation(donor);
  auto is_donor = [&](const std::string& ref, const std::string& name) {
    if (known) return records::find_organisation(ref) == known || records::find_organisation(name) == known;
    return records::normalised(ref) == records::normalised(donor) || records::normalised(name) == records::normalised(donor);
  };
  std::vector<RecordedPayment> seen;
  int other_currency = 0;
  for (const IatiTransaction& t : iati.transactions) {
    // Disbursements are what was paid.
    if (t.type != "3" || !t.has_value || !is_donor(t.provider_ref, t.provider_name)) continue;
    if (t.currency != "USD") {
      ++other_currency;  // no exchange rate in the records: not converted
      continue;
    }
    RecordedPayment s;
    s.year = std::atoi((t.value_date.empty() ? t.date : t.value_date).substr(0, 4).c_str());
    s.org_name = t.receiver_name.empty() ? t.receiver_ref : t.receiver_name;
    const std::string country = t.countries.substr(0, t.countries.find(':'));
    s.country = country.size() == 2 && t.countries.find(';') == std::string::npos ? scenario::iso3166_alpha3_of(country) : "";
    s.pillar = t.pillar.empty() ? "development" : t.pillar;
    s.amount_usd = t.value;
    if (s.year > 0) seen.push_back(s);
  }
  if (left_out) *left_out = other_currency;
  return seen;
}

SeedResult seed_scenario(const FtsImport& fts, const SeedOptions& options) {
  if (fts.donor.empty())
    throw InputError({}, "--scenario", "seeding a scenario needs the donor whose payments it holds: give --donor");
  Seed seed(recorded_payments(fts), source_of("OCHA FTS", fts.pages), fts.donor, options);
  SeedResult out;
  out.yaml = seed.yaml();
  out.unmatched = seed.unmatched();
  return out;
}

SeedResult seed_scenario(const IatiImport& iati, const std::string& donor, const SeedOptions& options) {
  if (donor.empty())
    throw InputError({}, "--scenario", "seeding a scenario needs the donor whose payments it holds: give --donor");
  int other_currency = 0;
  std::vector<RecordedPayment> seen = recorded_payments(iati, donor, &other_currency);
  const records::Organisation* known = records::find_organisation(donor);
  Seed seed(std::move(seen), source_of("IATI", iati.files), known ? known->names.front() : donor, options);
  SeedResult out;
  out.yaml = seed.yaml();
  out.unmatched = seed.unmatched();
  if (other_currency > 0)
    out.unmatched.push_back(std::to_string(other_currency) + " disbursements not in USD (no rate in the records): left out");
  return out;
}

}  // namespace pbflow
