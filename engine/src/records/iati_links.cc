#include "records/iati_links.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>

namespace pbflow {

namespace records {

namespace {

std::string money(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  return buf;
}

}  // namespace

// A hop is named by an outgoing transaction (2, 3) with a receiver activity
// id, or an incoming one (1, 11) with a provider activity id. It is linked
// when both activities are in the files and the payee records incoming
// funds from the payer; disbursed and received amounts that differ by more
// than 1% (or a cent) are reported.
std::vector<IatiLink> link_activities(const IatiImport& iati) {
  std::set<std::string> known;
  for (const IatiActivity& a : iati.activities)
    if (!a.id.empty()) known.insert(a.id);
  std::map<std::pair<std::string, std::string>, IatiLink> hops;
  std::vector<std::pair<std::string, std::string>> order;
  std::map<std::pair<std::string, std::string>, std::set<std::string>> currencies;
  for (const IatiTransaction& t : iati.transactions) {
    const bool outgoing = t.type == "2" || t.type == "3";
    const bool incoming = t.type == "1" || t.type == "11";
    std::string from, to, from_org, to_org;
    if (outgoing && !t.receiver_activity.empty() && t.receiver_activity != t.activity) {
      from = t.activity, to = t.receiver_activity, from_org = t.provider_ref, to_org = t.receiver_ref;
    } else if (incoming && !t.provider_activity.empty() && t.provider_activity != t.activity) {
      from = t.provider_activity, to = t.activity, from_org = t.provider_ref, to_org = t.receiver_ref;
    } else {
      continue;
    }
    const auto key = std::make_pair(from, to);
    auto [it, fresh] = hops.try_emplace(key);
    IatiLink& link = it->second;
    if (fresh) {
      order.push_back(key);
      link.from_activity = from;
      link.to_activity = to;
      link.file = t.file;
      link.line = t.line;
      link.currency = t.currency;
    }
    if (link.from_org.empty()) link.from_org = from_org;
    if (link.to_org.empty()) link.to_org = to_org;
    currencies[key].insert(t.currency);
    const double v = t.has_value ? t.value : 0.0;
    if (t.type == "2") link.committed += v;
    if (t.type == "3") link.disbursed += v;
    if (t.type == "11") link.incoming_committed += v;
    if (t.type == "1") link.incoming_funds += v;
  }
  std::vector<IatiLink> out;
  for (const auto& key : order) {
    IatiLink link = hops[key];
    const bool payer = known.count(link.from_activity) > 0, payee = known.count(link.to_activity) > 0;
    const bool paid = link.disbursed != 0.0 || link.committed != 0.0;
    const bool received = link.incoming_funds != 0.0 || link.incoming_committed != 0.0;
    if (!payer && !payee) link.status = "neither activity in these files";
    else if (!payer) link.status = "provider activity not in these files (recorded by the payee only)";
    else if (!payee) link.status = "receiver activity not in these files (recorded by the payer only)";
    else if (!received) link.status = "payee records no incoming funds from it";
    else if (!paid) link.status = "payer records no outgoing transaction to it";
    else if (currencies[key].size() > 1) link.status = "linked; the sides use different currencies (not compared)";
    else if (link.disbursed != 0.0 &&
             std::abs(link.disbursed - link.incoming_funds) > std::max(0.01, 0.01 * std::abs(link.disbursed)))
      link.status = "amounts differ (disbursed " + money(link.disbursed) + ", received " + money(link.incoming_funds) + ")";
    else link.status = "linked";
    out.push_back(std::move(link));
  }
  return out;
}

}  // namespace records

std::vector<IatiLink> iati_chain(const IatiImport& iati, const std::string& activity) {
  // Upstream to the first payer, then downstream from each activity reached.
  std::vector<IatiLink> chain;
  std::set<std::pair<std::string, std::string>> seen;
  std::vector<std::string> heads = {activity};
  std::set<std::string> visited = {activity};
  for (std::size_t i = 0; i < heads.size(); ++i)
    for (const IatiLink& l : iati.links)
      if (l.to_activity == heads[i] && visited.insert(l.from_activity).second) heads.push_back(l.from_activity);
  std::vector<std::string> frontier;
  for (const std::string& h : heads) {
    bool has_payer = false;
    for (const IatiLink& l : iati.links) has_payer = has_payer || l.to_activity == h;
    if (!has_payer) frontier.push_back(h);
  }
  std::set<std::string> reached(frontier.begin(), frontier.end());
  for (std::size_t i = 0; i < frontier.size(); ++i)
    for (const IatiLink& l : iati.links)
      if (l.from_activity == frontier[i] && seen.insert({l.from_activity, l.to_activity}).second) {
        chain.push_back(l);
        if (reached.insert(l.to_activity).second) frontier.push_back(l.to_activity);
      }
  return chain;
}

}  // namespace pbflow
