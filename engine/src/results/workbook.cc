// results.xlsx: the run as a workbook a planner opens in Excel: a summary
// sheet (money and countries), the monthly series, the flows, and every
// replica's country outcomes.
#include <xlsxwriter.h>

#include <cstdio>

#include "pbflow/errors.h"
#include "pbflow/results_io.h"

namespace pbflow {

namespace {

// Rows and columns count from 0, as libxlsxwriter's do.
class Sheet {
 public:
  Sheet(lxw_workbook* book, const char* name, lxw_format* bold, lxw_format* money)
      : sheet_(workbook_add_worksheet(book, name)), bold_(bold), money_(money) {}
  void text(int row, int col, const std::string& s, bool heading = false) {
    check(worksheet_write_string(sheet_, row, col, fit_cell(s).c_str(), heading ? bold_ : nullptr));
  }
  void number(int row, int col, double v, bool as_money = false) {
    check(worksheet_write_number(sheet_, row, col, v, as_money ? money_ : nullptr));
  }
  void widths(int first, int last, double width) { worksheet_set_column(sheet_, first, last, width, nullptr); }
  void freeze_header() { worksheet_freeze_panes(sheet_, 1, 0); }

  // A cell holds at most 32,767 characters: longer text is cut, on a
  // character boundary, and says so, rather than being left out.
  static std::string fit_cell(const std::string& s) {
    constexpr std::size_t kMax = 32767;
    if (s.size() <= kMax) return s;
    const std::string note = " [cut: the full text has " + std::to_string(s.size()) + " bytes]";
    std::size_t end = kMax - note.size();
    while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) --end;  // not inside a UTF-8 character
    return s.substr(0, end) + note;
  }

 private:
  static void check(lxw_error e) {
    if (e != LXW_NO_ERROR) throw RuntimeFailure(std::string("cannot write a workbook cell: ") + lxw_strerror(e));
  }

  lxw_worksheet* sheet_;
  lxw_format* bold_;
  lxw_format* money_;
};

}  // namespace

void write_workbook(const RunResult& r, const std::string& path) {
  // Written in place: write_run_outputs gives a path in its private staging folder.
  lxw_workbook* book = workbook_new(path.c_str());
  if (!book) throw RuntimeFailure("cannot create " + path);
  struct CloseOnError {  // a cell that fails to write still frees the workbook
    lxw_workbook* book;
    ~CloseOnError() {
      if (book) workbook_close(book);
    }
  } guard{book};
  lxw_format* bold = workbook_add_format(book);
  format_set_bold(bold);
  lxw_format* money = workbook_add_format(book);
  format_set_num_format(money, "#,##0.0");

  const double M = 1e6;
  const int C = static_cast<int>(r.countries.size());
  Sheet summary(book, "Summary", bold, money);
  summary.widths(0, 0, 46);
  summary.widths(1, 7, 16);
  summary.text(0, 0, r.scenario, true);
  summary.text(1, 0, std::to_string(r.replicas) + " replicas, " + std::to_string(r.months) + " months from " +
                         r.start.str() + ", seed " + std::to_string(r.seed) + "; money in millions of " + r.currency +
                         ", means over replicas");
  summary.text(3, 0, "Money over the horizon", true);
  summary.text(3, 1, r.currency + " m", true);
  auto mean_total = [&](double ReplicaTotals::*f) {
    double s = 0;
    for (const auto& t : r.totals) s += t.*f;
    return r.totals.empty() ? 0.0 : s / r.totals.size();
  };
  const std::pair<const char*, double ReplicaTotals::*> rows[] = {
      {"appropriated", &ReplicaTotals::appropriated},   {"released from budget lines", &ReplicaTotals::released},
      {"kept as overhead by intermediaries", &ReplicaTotals::overhead},
      {"spent by country programmes", &ReplicaTotals::spent},
      {"still in pipelines at the horizon", &ReplicaTotals::in_pipeline},
      {"not yet released", &ReplicaTotals::unreleased}, {"held in reserves", &ReplicaTotals::reserves},
      {"lapsed", &ReplicaTotals::lapsed}};
  int row = 4;
  for (const auto& [label, field] : rows) {
    summary.text(row, 0, label);
    summary.number(row++, 1, mean_total(field) / M, true);
  }
  summary.text(row, 0, "months from release to spending (money-weighted)");
  summary.number(row++, 1, mean_total(&ReplicaTotals::delivery_lag));
  summary.text(row, 0, "objective (lower is better)");
  summary.number(row++, 1, mean_total(&ReplicaTotals::objective));

  row += 1;
  const char* heads[] = {"country", "humanitarian, m", "development, m", "peace, m", "conflict months (mean)",
                         "conflict months (p05)", "conflict months (p95)", "unmet need, m person-months",
                         "peace at end (probability)"};
  for (int k = 0; k < 9; ++k) summary.text(row, k, heads[k], true);
  ++row;
  for (int c = 0; c < C; ++c, ++row) {
    std::vector<double> conflict(r.replicas);
    PillarArray<double> spent{};
    double unmet = 0, peace = 0;
    for (int i = 0; i < r.replicas; ++i) {
      const CountryOutcome& o = r.outcome(i, c);
      conflict[i] = o.conflict_months;
      for (int p = 0; p < kPillars; ++p) spent[p] += o.spent[p] / r.replicas;
      unmet += o.unmet_need_person_months / r.replicas;
      peace += (o.peace_at_horizon ? 1.0 : 0.0) / r.replicas;
    }
    const Stats cs = describe(conflict);
    summary.text(row, 0, r.countries[c]);
    for (int p = 0; p < kPillars; ++p) summary.number(row, 1 + p, spent[p] / M, true);
    summary.number(row, 4, cs.mean);
    summary.number(row, 5, cs.p05);
    summary.number(row, 6, cs.p95);
    summary.number(row, 7, unmet / M, true);
    summary.number(row, 8, peace);
  }

  Sheet monthly(book, "Monthly", bold, money);
  monthly.text(0, 0, "month", true);
  int col = 1;
  for (const char* name : kMonthSeriesNames)
    for (const char* stat : {"mean", "p05", "p50", "p95"}) monthly.text(0, col++, std::string(name) + " " + stat, true);
  monthly.widths(1, col, 14);
  monthly.freeze_header();
  for (std::size_t t = 0; t < r.timeseries.size(); ++t) {
    const MonthRow& m = r.timeseries[t];
    monthly.text(static_cast<int>(t) + 1, 0, m.month.str());
    col = 1;
    for (const Stats& s : m.values)
      for (double v : {s.mean, s.p05, s.p50, s.p95}) monthly.number(static_cast<int>(t) + 1, col++, v);
  }

  Sheet flows(book, "Flows", bold, money);
  const char* flow_heads[] = {"from", "to", "earmark country", "earmark pillar", "amount"};
  for (int k = 0; k < 5; ++k) flows.text(0, k, flow_heads[k], true);
  flows.widths(0, 1, 28);
  flows.freeze_header();
  for (std::size_t i = 0; i < r.flows.size(); ++i) {
    const FlowRow& f = r.flows[i];
    const int at = static_cast<int>(i) + 1;
    flows.text(at, 0, f.from);
    flows.text(at, 1, f.to);
    flows.text(at, 2, f.country);
    flows.text(at, 3, f.pillar);
    flows.number(at, 4, f.amount, true);
  }

  // Excel holds 1,048,576 rows a sheet: every replica's rows when they fit.
  if (static_cast<long>(r.replicas) * C < 1048575) {
    Sheet outcomes(book, "Outcomes", bold, money);
    const char* out_heads[] = {"replica", "country", "conflict_months", "relapses", "peace_at_horizon",
                               "unmet_need_person_months", "people_reached", "spent_humanitarian",
                               "spent_development", "spent_peace"};
    for (int k = 0; k < 10; ++k) outcomes.text(0, k, out_heads[k], true);
    outcomes.freeze_header();
    int at = 1;
    for (int i = 0; i < r.replicas; ++i)
      for (int c = 0; c < C; ++c, ++at) {
        const CountryOutcome& o = r.outcome(i, c);
        outcomes.number(at, 0, i);
        outcomes.text(at, 1, r.countries[c]);
        outcomes.number(at, 2, o.conflict_months);
        outcomes.number(at, 3, o.relapses);
        outcomes.number(at, 4, o.peace_at_horizon ? 1 : 0);
        outcomes.number(at, 5, o.unmet_need_person_months);
        outcomes.number(at, 6, o.people_reached);
        for (int p = 0; p < kPillars; ++p) outcomes.number(at, 7 + p, o.spent[p]);
      }
  }

  guard.book = nullptr;
  if (const lxw_error e = workbook_close(book); e != LXW_NO_ERROR)
    throw RuntimeFailure("cannot write " + path + ": " + lxw_strerror(e));
}

}  // namespace pbflow
