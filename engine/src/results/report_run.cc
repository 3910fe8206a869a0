// report.html of `pbflow run`: the money table, a Sankey diagram of where
// the money went, fan charts of every monthly series, the countries with
// their names, and small multiples of need and the chance of war.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>
#include <set>

#include "pbflow/errors.h"
#include "pbflow/results_io.h"
#include "results/report_parts.h"
#include "results/sankey.h"
#include "results/svg_chart.h"

namespace pbflow::results {

const std::vector<double>& MonthlySeries::column(const std::string& name, const std::string& file) const {
  auto it = columns.find(name);
  if (it == columns.end()) throw RuntimeFailure(file + ": no column `" + name + "` in the header");
  return it->second;
}

MonthlySeries read_monthly(const std::string& path) {
  const CsvTable table = CsvTable::read(path);
  const int month = table.require_column("month");
  MonthlySeries s;
  for (std::size_t r = 0; r < table.rows(); ++r) {
    s.months.push_back(table.cell(r, month));
    for (std::size_t k = 0; k < table.header().size(); ++k)
      if (static_cast<int>(k) != month) s.columns[table.header()[k]].push_back(table.number(r, static_cast<int>(k)));
  }
  return s;
}

RunFolder RunFolder::read(const std::string& dir) {
  if (!std::filesystem::is_directory(dir)) throw RuntimeFailure(dir + " is not a folder of pbflow results");
  JsonFile summary = JsonFile::read(dir + "/summary.json");
  if (!summary.root().is_object() || !summary.has({"pbflow"}) || !summary.has({"totals"}))
    throw RuntimeFailure(summary.path() + " is not a pbflow summary (no `pbflow` and `totals` keys)");
  RunFolder run{dir, std::move(summary), read_monthly(dir + "/timeseries.csv"), ""};
  run.currency = run.summary.text_or({"currency"}, "USD");
  return run;
}

std::string RunFolder::country_name(const std::string& iso3) const {
  const std::string name = summary.has({"countries", iso3, "name"}) ? summary.text({"countries", iso3, "name"}) : "";
  return name.empty() || name == iso3 ? iso3 : iso3 + " " + name;
}

namespace {

std::string whole(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.0f", v);
  return buf;
}

std::string scientific(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1e", v);
  return buf;
}

const char* const kPillarNames[] = {"humanitarian", "development", "peace"};

}  // namespace

Provenance provenance_of(const JsonFile& s) {
  Provenance p;
  p.engine = s.text_or({"engine"}, "(not recorded)");
  p.scenario = s.text_or({"scenario"}, "");
  p.scenario_sha256 = s.text_or({"scenario_sha256"}, "");
  p.seed = s.has({"seed"}) ? whole(s.number({"seed"})) : "";
  p.replicas = s.has({"replicas"}) ? thousands(s.number({"replicas"}), 0) : "";
  p.command = s.has({"run", "command"}) ? s.text({"run", "command"}) : "";
  p.created = s.has({"run", "created"}) ? s.text({"run", "created"}) : "";
  return p;
}

namespace {

std::string money_table(const RunFolder& run) {
  const JsonFile& s = run.summary;
  HtmlTable t;
  t.header = {"the money over the horizon", run.currency + " m (mean over replicas)"};
  for (const auto& [key, label] : std::vector<std::pair<std::string, std::string>>{
           {"appropriated", "appropriated"}, {"released", "released from budget lines"},
           {"overhead", "kept as overhead by intermediaries"}, {"spent", "spent by country programmes"},
           {"in_pipeline", "still in pipelines at the horizon"}, {"unreleased", "not yet released"},
           {"reserves", "held in reserves"}, {"lapsed", "lapsed"}})
    if (s.has({"totals", key})) t.rows.push_back({escape_html(label), in_millions(s.number({"totals", key}))});
  std::string out = "<h2>Where the money went</h2>\n" + t.html();
  if (s.has({"delivery_lag_months", "mean"}))
    out += "<p class=\"note\">Money took " + thousands(s.number({"delivery_lag_months", "mean"}), 1) +
           " months on average from release to spending (money-weighted; 5-95% of replicas: " +
           thousands(s.number({"delivery_lag_months", "p05"}), 1) + " to " +
           thousands(s.number({"delivery_lag_months", "p95"}), 1) +
           "). Money is conserved to a relative error of " + scientific(s.number_or({"conservation_error"}, 0.0)) +
           ".</p>\n";
  return out;
}

// Donor -> budget lines -> channels (by depth) -> countries -> pillars, from
// flows.csv and summary.json; overhead and money still held are sinks.
std::string sankey_section(const RunFolder& run) {
  const std::string flows_path = run.dir + "/flows.csv";
  if (!std::filesystem::exists(flows_path)) return "";
  const CsvTable flows = CsvTable::read(flows_path);
  const int from_c = flows.require_column("from"), to_c = flows.require_column("to");
  const int country_c = flows.require_column("earmark_country"), pillar_c = flows.require_column("earmark_pillar");
  const int amount_c = flows.require_column("amount");
  const JsonFile& s = run.summary;
  // Channels' depths: 0 for those lines send to, then one more than their deepest sender.
  std::map<std::string, int> depth;
  std::set<std::string> lines;
  for (std::size_t r = 0; r < flows.rows(); ++r)
    if (flows.cell(r, from_c).find('/') != std::string::npos) lines.insert(flows.cell(r, from_c));
  auto is_programme = [](const std::string& to) { return to.find('.') != std::string::npos; };
  for (std::size_t r = 0; r < flows.rows(); ++r) {
    const std::string& to = flows.cell(r, to_c);
    if (!is_programme(to)) depth.emplace(to, 0);
  }
  for (std::size_t pass = 0; pass < depth.size() + 1; ++pass) {
    bool changed = false;
    for (std::size_t r = 0; r < flows.rows(); ++r) {
      const std::string &from = flows.cell(r, from_c), &to = flows.cell(r, to_c);
      if (lines.count(from) || is_programme(to) || !depth.count(from)) continue;
      if (depth[to] < depth[from] + 1) depth[to] = depth[from] + 1, changed = true;
    }
    if (!changed) break;
  }
  int deepest = 0;
  for (const auto& [id, d] : depth) deepest = std::max(deepest, d);
  const int country_column = 3 + deepest, pillar_column = country_column + 1;
  // The twelve countries that receive most; the rest together.
  std::map<std::string, double> received;
  for (std::size_t r = 0; r < flows.rows(); ++r)
    if (is_programme(flows.cell(r, to_c))) received[flows.cell(r, country_c)] += flows.number(r, amount_c);
  std::vector<std::pair<double, std::string>> ranked;
  for (const auto& [c, v] : received) ranked.push_back({v, c});
  std::sort(ranked.rbegin(), ranked.rend());
  std::set<std::string> shown;
  for (std::size_t i = 0; i < ranked.size() && i < 12; ++i) shown.insert(ranked[i].second);
  auto country_id = [&](const std::string& c) { return shown.count(c) ? c : std::string("(other countries)"); };

  SankeyGraph g;
  auto pillar_of = [](const std::string& p) {
    for (int k = 0; k < 3; ++k)
      if (p == kPillarNames[k]) return k;
    return -1;
  };
  auto band_colour = [&](const std::string& pillar) {
    const int k = pillar_of(pillar);
    return k < 0 ? std::string("#999999") : std::string(pillar_colour(k));
  };
  const int overhead = g.node("#overhead", "overhead", pillar_column, true, "#444444");
  const int held = g.node("#held", "still in pipelines", pillar_column, true, "#aaaaaa");
  std::map<std::string, double> in, out;
  for (std::size_t r = 0; r < flows.rows(); ++r) {
    const std::string &from = flows.cell(r, from_c), &to = flows.cell(r, to_c);
    const double amount = flows.number(r, amount_c);
    const std::string colour = band_colour(flows.cell(r, pillar_c));
    int a, b;
    if (lines.count(from)) {
      const std::string donor = from.substr(0, from.find('/'));
      const int d = g.node("donor:" + donor, donor, 0);
      a = g.node(from, from.substr(from.find('/') + 1), 1);
      g.link(d, a, amount, "#999999");
    } else {
      a = g.node(from, from, 2 + depth[from]);
    }
    if (is_programme(to)) {
      const std::string country = flows.cell(r, country_c);
      const std::string id = country_id(country);
      b = g.node("country:" + id, id, country_column);  // codes keep the column narrow; the table names them
      in["country:" + id] += amount;
    } else {
      b = g.node(to, to, 2 + depth[to]);
      in[to] += amount;
    }
    out[from] += amount;
    g.link(a, b, amount, colour);
  }
  // Overhead and what channels still hold.
  for (const auto& [id, d] : depth) {
    const int n = g.find(id);
    if (n < 0) continue;
    const double kept = s.has({"channels", id, "overhead", "mean"}) ? s.number({"channels", id, "overhead", "mean"}) : 0.0;
    g.link(n, overhead, kept, "#444444");
    g.link(n, held, in[id] - out[id] - kept, "#bbbbbb");
  }
  // Countries to pillars: what their programmes spent, and what they still hold.
  std::map<std::string, std::array<double, 3>> spent;
  for (const auto& [code, v] : s.object({"countries"}).items())
    for (int k = 0; k < 3; ++k)
      if (s.has({"countries", code, "spent", kPillarNames[k]}))
        spent[country_id(code)][k] += s.number({"countries", code, "spent", kPillarNames[k]});
  for (const auto& [id, pillars] : spent) {
    const int n = g.find("country:" + id);
    if (n < 0) continue;
    double total = 0;
    for (int k = 0; k < 3; ++k) {
      g.link(n, g.node(std::string("pillar:") + kPillarNames[k], kPillarNames[k], pillar_column, false, pillar_colour(k)),
             pillars[k], pillar_colour(k));
      total += pillars[k];
    }
    g.link(n, held, in["country:" + id] - total, "#bbbbbb");
  }
  // The donor's money not (yet) released.
  const double not_released = s.number_or({"totals", "unreleased"}, 0) + s.number_or({"totals", "reserves"}, 0) +
                              s.number_or({"totals", "lapsed"}, 0);
  for (const SankeyNode& n : std::vector<SankeyNode>(g.nodes()))
    if (n.column == 0 && not_released > 0.005 * s.number({"totals", "appropriated"}))
      g.link(g.find(n.id), g.node("#not-released", "not released (reserves, lapsed)", 1, true, "#aaaaaa"), not_released,
             "#bbbbbb");
  return "<h2>Where the money flows</h2>\n" +
         sankey_svg(g, "From the donor through budget lines and channels to countries and pillars",
                    run.currency + " m over the horizon, mean over replicas", 1e6) +
         "<p class=\"note\">Bands are coloured by the pillar the money was earmarked to (grey: core money not yet "
         "earmarked); hover over a band or a node for its amount. Country programmes' unspent balances and channels' "
         "pipelines make up \"still in pipelines\".</p>\n";
}

std::string monthly_section(const RunFolder& run) {
  const MonthlySeries& m = run.monthly;
  const std::string file = run.dir + "/timeseries.csv";
  auto fan = [&](const std::string& series, const std::string& label, const char* colour, const char* dash) {
    return FanSeries{label, colour, dash, m.column(series + "_p50", file), m.column(series + "_p05", file),
                     m.column(series + "_p95", file)};
  };
  const std::string money = run.currency + " m a month";
  std::string out = "<h2>Month by month</h2>\n<p class=\"note\">Each chart: the median over replicas (line) and the band "
                    "in which 90% of replicas fall (5th to 95th percentile).</p>\n<div class=\"grid2\">";
  for (int k = 0; k < 3; ++k)
    out += fan_chart(std::string("Spending on ") + kPillarNames[k], money, m.months,
                     {fan(std::string("spent_") + kPillarNames[k], kPillarNames[k], pillar_colour(k), pillar_dash(k))}, 1e6);
  out += fan_chart("Money released from budget lines", money, m.months,
                   {fan("released", "released", palette::kGrey, "")}, 1e6);
  out += fan_chart("Overhead kept by intermediaries", money, m.months, {fan("overhead", "overhead", palette::kPurple, "")},
                   1e6);
  out += fan_chart("Money in pipelines at each month's end", run.currency + " m", m.months,
                   {fan("in_pipeline", "in pipelines", palette::kOrange, "")}, 1e6);
  out += fan_chart("Share of countries at war", "share of the scenario's countries", m.months,
                   {fan("share_in_conflict", "at war", palette::kPurple, "")}, 1.0);
  out += fan_chart("People in need not reached", "millions of people", m.months,
                   {fan("unmet_need", "unmet need", palette::kVermillion, "")}, 1e6);
  return out + "</div>\n";
}

std::string countries_section(const RunFolder& run) {
  const JsonFile& s = run.summary;
  HtmlTable t;
  t.header = {"country",
              "humanitarian, " + run.currency + " m",
              "development, " + run.currency + " m",
              "peace, " + run.currency + " m",
              "conflict months, mean (5-95%)",
              "unmet need, m person-months (5-95%)",
              "peace at the end, probability"};
  for (const auto& item : s.object({"countries"}).items()) {
    const std::string code = item.key();
    auto n = [&](std::vector<std::string> keys) {
      keys.insert(keys.begin(), {"countries", code});
      return s.number(keys);
    };
    t.rows.push_back({escape_html(run.country_name(code)), in_millions(n({"spent", "humanitarian"})),
                      in_millions(n({"spent", "development"})), in_millions(n({"spent", "peace"})),
                      nowrap(thousands(n({"conflict_months", "mean"}), 0) + " (" +
                             thousands(n({"conflict_months", "p05"}), 0) + "-" + thousands(n({"conflict_months", "p95"}), 0) +
                             ")"),
                      nowrap(thousands(n({"unmet_need_person_months", "mean"}) / 1e6, 1) + " (" +
                             thousands(n({"unmet_need_person_months", "p05"}) / 1e6, 1) + "-" +
                             thousands(n({"unmet_need_person_months", "p95"}) / 1e6, 1) + ")"),
                      thousands(n({"peace_at_horizon"}), 2)});
  }
  return "<h2>Countries</h2>\n" + t.html();
}

std::string channels_section(const RunFolder& run) {
  const JsonFile& s = run.summary;
  if (!s.has({"channels"})) return "";
  HtmlTable t;
  t.header = {"channel", "delivered to programmes, " + run.currency + " m", "overhead kept, " + run.currency + " m",
              "overhead, 5-95% of replicas"};
  for (const auto& item : s.object({"channels"}).items()) {
    const std::string id = item.key();
    t.rows.push_back({escape_html(id), in_millions(s.number({"channels", id, "delivered_to_programmes", "mean"})),
                      in_millions(s.number({"channels", id, "overhead", "mean"})),
                      nowrap(in_millions(s.number({"channels", id, "overhead", "p05"})) + "-" +
                             in_millions(s.number({"channels", id, "overhead", "p95"})))});
  }
  return "<h2>Channels</h2>\n" + t.html();
}

// Loan lines (runs with loans): terms and the means of their flows, in
// each loan's own currency.
std::string loans_section(const RunFolder& run) {
  const JsonFile& s = run.summary;
  if (!s.has({"loans"})) return "";
  HtmlTable t;
  t.header = {"loan line", "borrower", "currency", "disbursed, m", "reflows, m", "net disbursed, m",
              "arrears at the end, m", "relieved, m", "grant element (DAC)", "counts as ODA"};
  for (const auto& donor : s.object({"loans"}).items())
    for (const auto& item : s.object({"loans", donor.key()}).items()) {
      const std::vector<std::string> at = {"loans", donor.key(), item.key()};
      auto key = [&](std::initializer_list<const char*> more) {
        std::vector<std::string> keys = at;
        for (const char* k : more) keys.push_back(k);
        return keys;
      };
      auto mean = [&](const char* field) { return s.number(key({field, "mean"})); };
      const double ge = s.number(key({"grant_element"}));
      t.rows.push_back({escape_html(donor.key() + "/" + item.key()), escape_html(s.text(key({"borrower"}))),
                        escape_html(s.text(key({"currency"}))), in_millions(mean("disbursed")),
                        in_millions(mean("reflows")), in_millions(mean("net_disbursed")),
                        in_millions(mean("arrears_principal") + mean("arrears_interest")),
                        in_millions(mean("relieved_principal") + mean("relieved_interest")),
                        thousands(100.0 * ge, 1) + "%", ge >= s.number(key({"oda_threshold"})) ? "yes" : "no"});
    }
  return "<h2>Loans</h2>\n<p>In millions of each loan's own currency; a borrower at war pays nothing and what "
         "falls due becomes arrears (docs/model.md, 1.7).</p>\n" + t.html();
}

// Peacekeeping missions and what each assessed donor paid and bought.
std::string peacekeeping_section(const RunFolder& run) {
  const JsonFile& s = run.summary;
  if (!s.has({"peacekeeping"})) return "";
  const std::string m = ", " + run.currency + " m";
  HtmlTable missions;
  missions.header = {"mission", "country", "spent" + m};
  for (const auto& item : s.object({"peacekeeping", "missions"}).items()) {
    const std::string id = item.key();
    missions.rows.push_back({escape_html(s.text({"peacekeeping", "missions", id, "name"})),
                             escape_html(run.country_name(s.text({"peacekeeping", "missions", id, "country"}))),
                             in_millions(s.number({"peacekeeping", "missions", id, "spent"}))});
  }
  HtmlTable donors;
  donors.header = {"donor", "assessed" + m, "paid" + m, "unpaid" + m, "its share of the missions" + m};
  for (const auto& item : s.object({"peacekeeping", "assessments"}).items()) {
    const std::string id = item.key();
    auto n = [&](const char* key) { return in_millions(s.number({"peacekeeping", "assessments", id, key})); };
    donors.rows.push_back({escape_html(id), n("assessed"), n("paid"), n("unpaid"), n("buys")});
  }
  return "<h2>Peacekeeping</h2>\n<p>Missions spend their budgets in their countries; their spending per head acts "
         "on relapse as peace spending does (docs/model.md, 1.8). The same in every replica.</p>\n" +
         missions.html() + donors.html();
}

// Spending by DAC purpose code (runs whose money reaches purpose codes).
std::string purposes_section(const RunFolder& run) {
  const JsonFile& s = run.summary;
  if (!s.has({"purposes"})) return "";
  const std::string m = ", " + run.currency + " m";
  HtmlTable t;
  t.header = {"country", "purpose code", "name", "acts on", "spent" + m, "5%" + m, "95%" + m};
  for (const auto& country : s.object({"purposes"}).items())
    for (const auto& code : s.object({"purposes", country.key()}).items()) {
      const std::vector<std::string> at = {"purposes", country.key(), code.key()};
      auto stat = [&](const char* which) {
        std::vector<std::string> keys = at;
        keys.push_back("spent");
        keys.push_back(which);
        return in_millions(s.number(keys));
      };
      std::vector<std::string> name = at, acts = at;
      name.push_back("name");
      acts.push_back("acts_on");
      t.rows.push_back({escape_html(run.country_name(country.key())), escape_html(code.key()),
                        escape_html(s.text(name)), escape_html(s.text(acts)), stat("mean"), stat("p05"), stat("p95")});
    }
  return "<h2>By purpose code</h2>\n<p>Money earmarked below the pillar to DAC purpose codes, each with its own "
         "capacity and effect (docs/model.md, 1.9); a pillar's spending above includes its codes'.</p>\n" + t.html();
}

// Small multiples from countries_monthly.csv (absent in folders of older versions).
std::string small_multiples_section(const RunFolder& run) {
  const std::string path = run.dir + "/countries_monthly.csv";
  if (!std::filesystem::exists(path)) return "";
  const CsvTable table = CsvTable::read(path);
  const int month_c = table.require_column("month"), country_c = table.require_column("country");
  const int need_c = table.require_column("people_in_need_mean"), war_c = table.require_column("conflict_probability");
  std::vector<std::string> order, months;
  std::map<std::string, std::vector<double>> need, war;
  for (std::size_t r = 0; r < table.rows(); ++r) {
    const std::string& c = table.cell(r, country_c);
    if (!need.count(c)) order.push_back(c);
    if (order.front() == c) months.push_back(table.cell(r, month_c));
    need[c].push_back(table.number(r, need_c));
    war[c].push_back(table.number(r, war_c));
  }
  const std::size_t cap = 40;
  std::string out = "<h2>Each country, month by month</h2>\n";
  if (order.size() > cap)
    out += "<p class=\"note\">The first " + std::to_string(cap) + " of " + std::to_string(order.size()) +
           " countries; countries_monthly.csv holds them all.</p>\n";
  if (order.size() > cap) order.resize(cap);
  out += "<h3>People in need, millions (mean over replicas)</h3><div class=\"grid4\">";
  for (const std::string& c : order) out += mini_chart(run.country_name(c), months, need[c], 1e6, palette::kVermillion);
  out += "</div>\n<h3>Chance of being at war (share of replicas)</h3><div class=\"grid4\">";
  for (const std::string& c : order) out += mini_chart(run.country_name(c), months, war[c], 1.0, palette::kPurple, 1.0);
  return out + "</div>\n";
}

}  // namespace

std::string run_sections(const RunFolder& run) {
  return money_table(run) + sankey_section(run) + monthly_section(run) + countries_section(run) +
         loans_section(run) + peacekeeping_section(run) + purposes_section(run) + small_multiples_section(run) +
         channels_section(run);
}

std::string run_report_html(const std::string& dir) {
  const RunFolder run = RunFolder::read(dir);
  const JsonFile& s = run.summary;
  const std::string scenario = s.text_or({"scenario"}, "");
  std::string body = "<h1>" + escape_html(scenario) + "</h1>\n<p class=\"note\">" + thousands(s.number_or({"replicas"}, 0), 0) +
                     " replicas, " + thousands(s.number_or({"months"}, 0), 0) + " months from " +
                     escape_html(s.text_or({"start"}, "")) + ". Money in millions of " + escape_html(run.currency) +
                     ", means over replicas unless a range is given.</p>\n";
  if (s.has({"partial", "replicas_requested"}))
    body += "<p class=\"warn\">Partial result: the run was stopped after " + thousands(s.number_or({"replicas"}, 0), 0) +
            " of the " + thousands(s.number({"partial", "replicas_requested"}), 0) +
            " replicas asked for had finished; every figure is over those only.</p>\n";
  body += provenance_of(s).html() + run_sections(run);
  body += "<p class=\"note\">Made by pbflow from the files in this folder (summary.json, timeseries.csv, flows.csv, "
          "countries_monthly.csv); docs/outputs.md explains every number.</p>\n";
  return html_page("pbflow: " + scenario, body);
}

}  // namespace pbflow::results
