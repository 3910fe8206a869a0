// Recorded aid flows (docs/guide-real-data.md): OCHA Financial Tracking
// Service search pages and IATI activity files read into plain types, with
// every problem the files have counted and placed, never a crash.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace pbflow {

// The most bytes a record file may have (real FTS pages are under 1 MB and
// IATI extracts tens of MB); a larger one is refused before it is read.
inline constexpr long long kMaxRecordFileBytes = 64LL << 20;

// One FTS flow, as the search returned it, and how FTS's own rule counts it.
struct FtsFlow {
  std::string id;
  std::string date;                  // YYYY-MM-DD
  std::vector<std::string> usage_years;
  std::vector<std::string> source_orgs, source_org_types;
  std::vector<std::string> destination_orgs, destination_org_types;
  std::vector<std::string> destination_countries;
  std::vector<std::string> clusters;  // global clusters, else clusters
  std::string pillar;                 // by the table in docs/guide-real-data.md
  double amount_usd = 0.0;
  bool has_original = false;          // an original amount and rate were given
  double original_amount = 0.0;
  std::string original_currency;
  double exchange_rate = 0.0;         // currency units per USD
  std::string status, flow_type, boundary, on_boundary;
  bool new_money = true;
  std::string parent_id;
  std::vector<std::string> child_ids;
  bool counted = false;               // in the search's funding total
  std::string why;                    // why it is or is not counted
  std::vector<std::string> problems;  // what is odd about it (flagged, kept)
  int page = 0;                       // the page (file) it came from, from 1
};

struct FtsOptions {
  std::string donor;  // only flows from this source organisation (its FTS name or a known alias); empty: all
};

struct FtsImport {
  std::vector<std::string> pages;     // the files, in the order given
  std::vector<FtsFlow> flows;         // joined by id, in id order
  int duplicates = 0;                 // flows met again on another page (counted once)
  double funding_total_usd = 0.0;     // incoming, paid or commitment, on boundary single
  double pledge_total_usd = 0.0;      // incoming pledges, on boundary single
  bool reported = false;              // the pages carry data.incoming.fundingTotal
  double reported_funding_total_usd = 0.0;  // the first page's (the whole search's, not the donor's)
  double reported_pledge_total_usd = 0.0;
  int reported_flow_count = 0;        // meta.count
  std::string donor;                  // the source organisation kept, as FTS names it; empty: all
  std::map<std::string, int> problems;  // kind -> flows flagged
};

// Reads the pages of one FTS flow search (any order). Throws InputError
// naming the file and place for a file that is not an FTS page at all.
FtsImport import_fts(const std::vector<std::string>& pages, const FtsOptions& options = {});
// fts_flows.csv and fts_summary.json into `dir` (created if need be).
void write_fts_outputs(const FtsImport& fts, const std::string& dir);
std::string fts_table(const FtsImport& fts);  // what the command prints

}  // namespace pbflow
