// OCHA FTS flow-search pages (api.hpc.tools/v1/public/fts/flow): joined by
// flow id, counted by FTS's own rule for a search's funding total (incoming
// boundary, status paid or commitment, on boundary single; pledges apart),
// with what real pages hold flagged rather than trusted or refused.
#include <algorithm>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>

#include "pbflow/errors.h"
#include "pbflow/records.h"
#include "records/organisations.h"
#include "records/pillar_tables.h"
#include "records/record_files.h"

namespace pbflow {

namespace {

using nlohmann::json;

std::string text_of(const json& j) {
  if (j.is_string()) return j.get<std::string>();
  if (j.is_number_integer()) return std::to_string(j.get<long long>());
  if (j.is_number()) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.17g", j.get<double>());
    return buf;
  }
  return "";
}

std::string field(const json& flow, const char* key) {
  const auto it = flow.find(key);
  return it == flow.end() ? "" : text_of(*it);
}

// A number, or NaN where the field is missing, null or not a number.
double number(const json& flow, const char* key) {
  const auto it = flow.find(key);
  if (it == flow.end() || !it->is_number()) return std::nan("");
  const double v = it->get<double>();
  return std::isfinite(v) ? v : std::nan("");
}

void objects(const json& flow, const char* side, FtsFlow& f, bool destination) {
  const auto it = flow.find(side);
  if (it == flow.end() || !it->is_array()) return;
  bool global = false;  // a global cluster seen: the plan's own clusters are not kept
  for (const json& o : *it) {
    if (!o.is_object()) continue;
    const std::string type = field(o, "type"), name = field(o, "name");
    if (type == "Organization") {
      std::string types;
      if (const auto t = o.find("organizationTypes"); t != o.end() && t->is_array())
        for (const json& x : *t) types += (types.empty() ? "" : "; ") + text_of(x);
      (destination ? f.destination_orgs : f.source_orgs).push_back(name);
      (destination ? f.destination_org_types : f.source_org_types).push_back(types);
    } else if (destination && type == "Location") {
      f.destination_countries.push_back(name);
    } else if (destination && type == "UsageYear") {
      f.usage_years.push_back(name);
    } else if (destination && (type == "GlobalCluster" || type == "Cluster")) {
      // Global clusters name the sector; a plan's own clusters only where no global one is given.
      if (type == "GlobalCluster") {
        if (!global) f.clusters.clear();
        global = true;
        f.clusters.push_back(name);
      } else if (!global) {
        f.clusters.push_back(name);
      }
    }
  }
}

FtsFlow read_flow(const json& flow, int page) {
  FtsFlow f;
  f.page = page;
  f.id = field(flow, "id");
  f.date = field(flow, "date").substr(0, 10);
  objects(flow, "sourceObjects", f, false);
  objects(flow, "destinationObjects", f, true);
  f.pillar = records::fts_pillar(f.clusters);
  f.status = field(flow, "status");
  f.flow_type = field(flow, "flowType");
  f.boundary = field(flow, "boundary");
  f.on_boundary = field(flow, "onBoundary");
  if (const auto it = flow.find("newMoney"); it != flow.end() && it->is_boolean()) f.new_money = it->get<bool>();
  f.parent_id = field(flow, "parentFlowId");
  if (const auto it = flow.find("childFlowIds"); it != flow.end() && it->is_array())
    for (const json& c : *it) f.child_ids.push_back(text_of(c));
  const double usd = number(flow, "amountUSD");
  if (std::isnan(usd)) f.problems.push_back("no amountUSD (taken as 0)");
  f.amount_usd = std::isnan(usd) ? 0.0 : usd;
  f.original_currency = field(flow, "originalCurrency");
  const double original = number(flow, "originalAmount"), rate = number(flow, "exchangeRate");
  f.has_original = !std::isnan(original) && !std::isnan(rate);
  if (f.has_original) {
    f.original_amount = original;
    f.exchange_rate = rate;
    // amountUSD = originalAmount / exchangeRate; a triple that disagrees by
    // more than a dollar and a thousandth is flagged, and amountUSD kept.
    const double implied = rate > 0.0 ? original / rate : std::nan("");
    if (!(std::abs(implied - f.amount_usd) <= std::max(1.0, 1e-3 * std::abs(f.amount_usd))))
      f.problems.push_back("originalAmount / exchangeRate disagrees with amountUSD (amountUSD kept)");
  } else if (!f.original_currency.empty() && f.original_currency != "USD") {
    f.problems.push_back("a " + f.original_currency + " flow without its original amount or rate (amountUSD kept)");
  }
  if (f.id.empty()) f.problems.push_back("no id");
  return f;
}

// FTS's rule for a search's funding total (docs/guide-real-data.md).
void count(FtsFlow& f) {
  const bool incoming = f.boundary == "incoming", single = f.on_boundary == "single";
  const bool money = f.status == "paid" || f.status == "commitment";
  f.counted = incoming && single && money;
  if (!incoming) f.why = f.boundary.empty() ? "no boundary" : f.boundary + " flow (within the search), not incoming";
  else if (!single) f.why = "shared across countries or years: returned, not counted";
  else if (f.status == "pledge") f.why = "a pledge: in the pledge total";
  else if (!money) f.why = "status " + (f.status.empty() ? std::string("missing") : f.status);
  else if (f.flow_type == "Parked") f.why = "counted (Parked: the remainder not yet passed on)";
  else if (f.flow_type == "Pass through") f.why = "counted (Pass through: not new money)";
  else if (f.flow_type == "Carryover") f.why = "counted (Carryover: not new money)";
  else f.why = "counted";
}

json parse_page(const std::string& path, const std::string& text) {
  if (const std::size_t bad = records::first_bad_utf8(text); bad != std::string::npos)
    throw InputError(records::place_of(path, text, bad), "",
                     "not UTF-8 text (FTS pages are UTF-8 JSON); was the file saved in another encoding?");
  try {
    return json::parse(text);
  } catch (const json::parse_error& e) {
    const std::size_t at = e.byte > 0 ? e.byte - 1 : 0;
    std::string what = e.what();
    if (const auto colon = what.find("syntax error"); colon != std::string::npos) what = what.substr(colon);
    throw InputError(records::place_of(path, text, at), "",
                     "not valid JSON (" + what + ")" + (at + 1 >= text.size() ? "; the file ends early: truncated?" : ""));
  } catch (const json::exception& e) {  // a number beyond a double's range: nlohmann names it, not its place
    const std::string what = e.what();
    const std::size_t q = what.find('\''), r = q == std::string::npos ? q : what.find('\'', q + 1);
    const std::string number = r == std::string::npos ? std::string() : what.substr(q + 1, r - q - 1);
    const std::size_t at = number.empty() ? std::string::npos : text.find(number);
    throw InputError(at == std::string::npos ? SourceLocation{path, 0, 0} : records::place_of(path, text, at), "",
                     "not JSON an FTS page can hold: " + (number.empty() ? std::string("a number out of range")
                                                                         : "the number " + number + " is out of range"));
  }
}

}  // namespace

FtsImport import_fts(const std::vector<std::string>& pages, const FtsOptions& options) {
  if (pages.empty()) throw InputError({}, "import fts", "give the FTS pages to read");
  FtsImport out;
  out.pages = pages;
  std::map<std::string, FtsFlow> by_id;
  for (std::size_t p = 0; p < pages.size(); ++p) {
    const std::string text = records::read_record_file(pages[p]);
    const json page = parse_page(pages[p], text);
    const json* data = page.is_object() && page.contains("data") ? &page["data"] : nullptr;
    if (!data || !data->is_object() || !data->contains("flows") || !(*data)["flows"].is_array())
      throw InputError({pages[p], 1, 1}, "data.flows",
                       "not an FTS flow-search page: it has no `data.flows` list (fts/flow?...&format=json)");
    if (!out.reported && data->contains("incoming") && (*data)["incoming"].is_object()) {
      const json& in = (*data)["incoming"];
      if (in.contains("fundingTotal") && in["fundingTotal"].is_number()) {
        out.reported = true;
        out.reported_funding_total_usd = in["fundingTotal"].get<double>();
        if (in.contains("pledgeTotal") && in["pledgeTotal"].is_number())
          out.reported_pledge_total_usd = in["pledgeTotal"].get<double>();
      }
    }
    if (page.contains("meta") && page["meta"].is_object() && page["meta"].contains("count") &&
        page["meta"]["count"].is_number_integer())
      out.reported_flow_count = page["meta"]["count"].get<int>();
    for (const json& flow : (*data)["flows"]) {
      if (!flow.is_object()) {
        ++out.problems["a flow that is not an object (skipped)"];
        continue;
      }
      FtsFlow f = read_flow(flow, static_cast<int>(p) + 1);
      const std::string key = f.id.empty() ? "#" + std::to_string(p + 1) + "." + std::to_string(by_id.size()) : f.id;
      if (by_id.count(key)) {
        ++out.duplicates;  // the same flow on two pages: counted once
        continue;
      }
      by_id.emplace(key, std::move(f));
    }
  }
  if (!options.donor.empty()) {
    std::vector<std::string> sources;
    for (const auto& [id, f] : by_id) sources.insert(sources.end(), f.source_orgs.begin(), f.source_orgs.end());
    out.donor = records::match_fts_organisation(options.donor, sources);
  }
  records::MoneySum funding, pledges;
  for (auto& [id, f] : by_id) {
    if (!out.donor.empty() && std::find(f.source_orgs.begin(), f.source_orgs.end(), out.donor) == f.source_orgs.end())
      continue;
    count(f);
    if (f.counted) funding.add(f.amount_usd);
    if (f.boundary == "incoming" && f.on_boundary == "single" && f.status == "pledge") pledges.add(f.amount_usd);
    for (const std::string& problem : f.problems) ++out.problems[problem.substr(0, problem.find(" ("))];
    out.flows.push_back(std::move(f));
  }
  // Flow ids are numbers in FTS: in numeric order where they are.
  std::stable_sort(out.flows.begin(), out.flows.end(), [](const FtsFlow& a, const FtsFlow& b) {
    return a.id.size() != b.id.size() ? a.id.size() < b.id.size() : a.id < b.id;
  });
  out.funding_total_usd = funding.value();
  out.pledge_total_usd = pledges.value();
  return out;
}

}  // namespace pbflow
