// Recorded aid flows (docs/guide-real-data.md): OCHA Financial Tracking
// Service search pages and IATI activity files read into plain types, with
// every problem the files have counted and placed, never a crash.
#pragma once

#include <map>
#include <ostream>
#include <optional>
#include <string>
#include <vector>

#include "pbflow/run_result.h"

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
void write_fts_flows_csv(const FtsImport& fts, std::ostream& out);
void write_fts_summary_json(const FtsImport& fts, std::ostream& out);
std::string fts_table(const FtsImport& fts);  // what the command prints

// One IATI transaction, as its file gives it (fields it lacks stay empty).
struct IatiTransaction {
  std::string file;
  int line = 0;                       // of its <transaction> element
  std::string activity;               // the reporting activity's iati-identifier
  std::string type;                   // transaction type code (1.0x letters mapped: IF -> 1, C -> 2, D -> 3, ...)
  std::string date;                   // transaction-date iso-date
  bool has_value = false;
  double value = 0.0;
  std::string currency;               // the value's, else the activity's default
  std::string value_date;
  std::string provider_ref, provider_name, provider_activity;
  std::string receiver_ref, receiver_name, receiver_activity;
  std::string sectors;                // "code:percent; ..." (DAC 5-digit purpose codes), the transaction's or its activity's
  std::string pillar;                 // of the largest purpose-code share (docs/guide-real-data.md)
  std::string countries;              // "ISO2:percent; ...", the transaction's or its activity's
  bool humanitarian = false;
  std::vector<std::string> problems;
};

struct IatiActivity {
  std::string file;
  int line = 0;
  std::string id;
  std::string reporting_org;
  std::string default_currency;
  int transactions = 0;
};

// A hop of a delivery chain: money from one activity to another, as the
// payer's outgoing transaction or the payee's incoming one records it.
struct IatiLink {
  std::string from_activity, to_activity;
  std::string from_org, to_org;
  // What each side records, summed over its transactions (in `currency`):
  // the payer's outgoing commitments (2) and disbursements (3), the payee's
  // incoming commitments (11) and incoming funds (1).
  double committed = 0.0, disbursed = 0.0, incoming_committed = 0.0, incoming_funds = 0.0;
  std::string currency;
  std::string status;                 // "linked", or where the link breaks
  std::string file;
  int line = 0;                       // the first transaction that names the hop
};

struct IatiImport {
  std::vector<std::string> files;
  std::vector<IatiActivity> activities;
  std::vector<IatiTransaction> transactions;  // every <transaction>, in file order
  std::vector<IatiLink> links;
  std::map<std::string, int> problems;        // kind -> count
  std::vector<std::string> problem_list;      // "file:line: activity: what"
};

// Reads IATI 2.0x (and 1.0x) activity files; InputError for a file that is
// not well-formed XML or declares entities (an XML bomb), with its place.
IatiImport import_iati(const std::vector<std::string>& files);
// iati_transactions.csv, iati_chains.csv and iati_summary.json into `dir`.
void write_iati_outputs(const IatiImport& iati, const std::string& dir);
void write_iati_transactions_csv(const IatiImport& iati, std::ostream& out);
void write_iati_chains_csv(const IatiImport& iati, std::ostream& out);
void write_iati_summary_json(const IatiImport& iati, std::ostream& out);
std::string iati_table(const IatiImport& iati);

// The chain through `activity`: the activities money reached it from and
// went on to, hop by hop (links in order from the first payer).
std::vector<IatiLink> iati_chain(const IatiImport& iati, const std::string& activity);

// One recorded payment of a donor, as seeding and checking read it: counted
// FTS flows, or IATI disbursements (type 3) in US dollars.
struct RecordedPayment {
  int year = 0;                  // calendar (FTS: the usage year; IATI: the value-date's); 0: a typical year (figures)
  std::string org_name, org_type;
  std::string country;           // ISO3, or empty where the record names none (or several)
  std::string pillar;
  double amount_usd = 0.0;
  // A published figure (read_published_figures): the band it gives
  // (low = high for one figure; amount_usd its middle) and its source. A
  // figure without a country is the channel's whole receipts from the
  // donor, core money included.
  std::optional<std::pair<double, double>> band;
  std::string source;
};
// Published figures of one donor from CSV files (docs/guide-real-data.md):
// columns organisation, country, year, low_usd and high_usd (or amount_usd),
// source. InputError with file:line for anything else.
std::vector<RecordedPayment> read_published_figures(const std::vector<std::string>& files);
std::vector<RecordedPayment> recorded_payments(const FtsImport& fts);  // fts imported with a donor
std::vector<RecordedPayment> recorded_payments(const IatiImport& iati, const std::string& donor,
                                               int* left_out = nullptr);  // left_out: disbursements not in USD

// A scenario's simulated money beside recorded money (`pbflow check`).
struct CheckRow {
  std::string level;             // "country", "channel" or "pillar"
  int recorded_year = 0, simulated_year = 0;
  std::string country, channel, pillar;  // what the row is about (channel: the scenario's id)
  std::string organisation;      // the record's name for the channel
  double recorded = 0.0;         // USD
  Stats simulated;               // base currency, over replicas
  bool inside = false;           // recorded (its band) meets the simulated 5-95% band
  std::string note;
  double recorded_low = 0.0, recorded_high = 0.0;  // a published figure's band; else both `recorded`
  std::string source;                              // a published figure's source
};
struct CheckResult {
  std::string scenario, donor, records, currency;
  int replicas = 0;
  std::vector<CheckRow> rows;
  std::vector<std::string> notes;      // what was compared how (years, currency, core money)
  std::vector<std::string> unmatched;  // recorded organisations no channel of the scenario stands for
};
void write_check_outputs(const CheckResult& check, const std::string& dir);  // check.csv, check.json, report.html
// A check folder's check.json read back (RuntimeFailure naming the file and
// key where it is damaged), and its report.html rebuilt from it.
CheckResult read_check_folder(const std::string& dir);
void write_check_report(const std::string& dir);
void write_check_csv(const CheckResult& check, std::ostream& out);
void write_check_json(const CheckResult& check, std::ostream& out);
std::string check_table(const CheckResult& check);

// A scenario seeded from what one donor was recorded paying (counted FTS
// flows, or IATI disbursements in USD): docs/guide-real-data.md.
struct SeedOptions {
  std::string base;       // written as `extends:` (countries and horizon come from it); empty: illustrative countries
  std::string base_file;  // the same file as this process opens it (default: `base`)
};
struct SeedResult {
  std::string yaml;                    // valid pbflow YAML, every figure citing its records and their SHA-256
  std::vector<std::string> unmatched;  // organisation names not in the organisation table, and what was left out
};
SeedResult seed_scenario(const FtsImport& fts, const SeedOptions& options = {});  // fts imported with a donor
SeedResult seed_scenario(const IatiImport& iati, const std::string& donor, const SeedOptions& options = {});
// Writes `yaml` to `path` atomically; a file pbflow did not seed is never overwritten.
void write_seeded_scenario(const std::string& yaml, const std::string& path);

// A run's simulated flows (flows.csv: means over replicas, the whole
// horizon) as IATI 2.03 activities: one per budget line, channel and
// programme; each edge a disbursement (3) in the payer's activity and
// incoming funds (1) in the payee's, naming each other's activity ids.
std::string iati_export_xml(const RunResult& r);
// Written atomically; a file pbflow did not write is never overwritten.
void write_iati_export(const RunResult& r, const std::string& path);

}  // namespace pbflow
