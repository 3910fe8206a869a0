// `pbflow check`: a scenario's simulated money beside what its donor was
// recorded paying. A watcher on each block's money kernel sums, per
// replica, what the donor's budget lines sent to each channel in each
// calendar year, earmarked to each country (core money's country is
// decided further down, so it is summed apart); the recorded payments are
// then set beside the simulated 5-95% band, by country, channel and pillar.
#include <algorithm>
#include <filesystem>
#include <map>
#include <mutex>
#include <set>

#include "experiment/check_gatherer.h"
#include "experiment/engine_impl.h"
#include "experiment/run_blocks.h"
#include "pbflow/engine.h"
#include "pbflow/errors.h"
#include "pbflow/results_io.h"
#include "records/organisations.h"

namespace pbflow {

namespace experiment {

CheckGatherer::CheckGatherer(const plan::FlowPlan& p, int donor, std::vector<int> years, int replicas)
    : p_(p), donor_(donor), years_(std::move(years)), replicas_(replicas) {
  const std::size_t cells = years_.size() * p_.channels.size() * (p_.countries * kPillars + 1);
  totals_.assign(cells * replicas_, 0.0);
}

int CheckGatherer::cell(int year, int channel, int country, int pillar) const {
  const int y = static_cast<int>(std::find(years_.begin(), years_.end(), year) - years_.begin());
  if (y >= static_cast<int>(years_.size())) return -1;
  const int width = p_.countries * kPillars + 1;
  return (y * static_cast<int>(p_.channels.size()) + channel) * width +
         (country < 0 ? width - 1 : country * kPillars + pillar);
}

double CheckGatherer::total(int year, int channel, int country, int pillar, int replica) const {
  const int c = cell(year, channel, country, pillar);
  return c < 0 ? 0.0 : totals_[static_cast<std::size_t>(c) * replicas_ + replica];
}

// One block's watcher: the money each of the donor's lines sends, by
// calendar year, first channel and earmarked country.
class CheckGatherer::Watcher : public sim::MoneyObserver {
 public:
  Watcher(const CheckGatherer& g, int first, int n) : g_(g), first_(first), n_(n), local_(g.totals_.size() / g.replicas_ * n, 0.0) {}

  void line_sent(int t, int line, int slot, const sim::Row& money, const sim::Row&) override {
    const plan::LinePlan& l = g_.p_.lines[line];
    if (l.donor != g_.donor_) return;
    const int year = YearMonth{g_.p_.start.index + t}.year();
    const bool untagged = slot == g_.p_.untagged;
    const auto& targets = untagged ? l.to : l.deliver[g_.p_.pillar_of(slot)];
    const int country = untagged ? -1 : g_.p_.country_of(slot);
    const int pillar = untagged ? 0 : g_.p_.pillar_of(slot);
    for (const plan::Target& target : targets) {
      const int c = g_.cell(year, target.channel, country, pillar);
      if (c < 0) continue;
      double* row = &local_[static_cast<std::size_t>(c) * n_];
      for (int r = 0; r < n_; ++r) row[r] += target.share * money(r);
    }
  }
  void channel_done(int, int, const sim::ChannelChoices&) override {}
  void programmes_spend(int, const sim::Block&, const sim::Block&, const sim::Block&) override {}

  void merge(CheckGatherer& g) const {
    std::lock_guard<std::mutex> lock(g.merge_);
    const std::size_t cells = local_.size() / n_;
    for (std::size_t c = 0; c < cells; ++c)
      for (int r = 0; r < n_; ++r) g.totals_[c * g.replicas_ + first_ + r] = local_[c * n_ + r];
  }

 private:
  const CheckGatherer& g_;
  int first_, n_;
  std::vector<double> local_;  // cells x n
};

bool CheckGatherer::run_block(sim::BlockSimulation& block, int first, int n, const std::atomic<bool>* stop) {
  Watcher watcher(*this, first, n);
  block.watch(&watcher);
  const bool finished = block.run(n, first, stop);
  block.watch(nullptr);
  if (finished) watcher.merge(*this);
  return finished;
}

}  // namespace experiment

namespace {

Stats over_replicas(int replicas, const std::function<double(int)>& value) {
  std::vector<double> v(replicas);
  for (int r = 0; r < replicas; ++r) v[r] = value(r);
  return describe(std::move(v));
}

}  // namespace

CheckResult Engine::check_against(const RunOptions& o, const std::vector<RecordedPayment>& records,
                                  const std::string& label, const std::string& records_donor,
                                  const CheckOptions& c) const {
  std::string problem;
  if (!o.IsValid(&problem)) throw InputError({}, "", problem);
  const Scenario& s = impl_->scenario;
  const plan::FlowPlan& p = impl_->plan;
  if (records.empty()) throw InputError({}, "check", "the records hold no counted payment of " + records_donor);
  // The scenario's donor: named, else the one the organisation table knows
  // the records' donor as, else the first.
  int donor = 0;
  const records::Organisation* recorded = records::find_organisation(records_donor);
  for (std::size_t d = 0; d < s.donors.size(); ++d) {
    const bool named = !c.donor.empty() && s.donors[d].id == c.donor;
    const bool same = c.donor.empty() && recorded &&
                      (recorded->channel == s.donors[d].id || records::find_organisation(s.donors[d].name) == recorded);
    if (named || same) donor = static_cast<int>(d);
  }
  if (!c.donor.empty() && s.donors[donor].id != c.donor)
    throw InputError({s.file, 0, 0}, "--donor", "the scenario has no donor `" + c.donor + "`");
  CheckResult out;
  out.scenario = s.name;
  out.donor = s.donors[donor].id;
  out.records = label;
  out.currency = s.currency.base;
  // Years: each recorded year against the same simulated year where the
  // horizon covers it whole, else against one simulated year.
  const int first_month = s.horizon.start.index, end_month = first_month + s.horizon.months;
  auto covered = [&](int y) { return YearMonth::of(y, 1).index >= first_month && YearMonth::of(y, 12).index < end_month; };
  const int first_whole = YearMonth{first_month}.month() == 1 ? YearMonth{first_month}.year() : YearMonth{first_month}.year() + 1;
  std::set<int> recorded_years;
  std::vector<int> whole_years;  // a typical year (published figures without one): their mean
  for (int y = first_whole; covered(y); ++y) whole_years.push_back(y);
  for (const RecordedPayment& r : records) {
    if (r.year != 0) recorded_years.insert(r.year);
    else if (whole_years.empty())
      throw InputError({s.file, 0, 0}, "check", "a figure for a typical year needs a horizon with a whole calendar year");
  }
  std::map<int, int> simulated_year;
  for (int y : recorded_years) {
    const int sim = c.year ? *c.year : covered(y) ? y : first_whole;
    if (!covered(sim))
      throw InputError({s.file, 0, 0}, "--year",
                       "the horizon does not cover the whole calendar year " + std::to_string(sim) + " (" +
                           s.horizon.start.str() + ", " + std::to_string(s.horizon.months) + " months)");
    simulated_year[y] = sim;
    if (sim != y)
      out.notes.push_back("records of " + std::to_string(y) + " are compared with the scenario's calendar year " +
                          std::to_string(sim) + " (its horizon does not cover " + std::to_string(y) + ")");
  }
  out.notes.push_back("calendar years, January to December; the donor's budget runs by fiscal year (from month " +
                      std::to_string(s.donors[donor].fiscal_year_start) + "), so a year's money is what its lines released in those months");
  out.notes.push_back("simulated money in the scenario's base currency (" + s.currency.base +
                      (s.donors[donor].currency == s.currency.base ? "" : ", converted from " + s.donors[donor].currency +
                                                                               " at the scenario's rates") +
                      "); records in US dollars" + (s.currency.base == "USD" ? "" : ": not converted"));
  std::vector<RecordedPayment> figures, payments;  // published figures; FTS or IATI payments
  for (const RecordedPayment& r : records) (r.band ? figures : payments).push_back(r);
  if (!payments.empty())
    out.notes.push_back("simulated: what the donor's lines sent to each first channel, earmarked to a country; core "
                        "money, whose country is decided further down, is not in the country and channel rows");
  if (!figures.empty())
    out.notes.push_back("published figures: a figure without a country is set beside everything the donor's lines "
                        "sent the channel, core money included; a figure without a year beside the mean of the "
                        "horizon's whole calendar years (" + std::to_string(whole_years.front()) + "-" +
                        std::to_string(whole_years.back()) + "); all pillars; a band counts as inside when it "
                        "meets the simulated 5-95% band");
  std::vector<int> years;
  for (const auto& [y, sim] : simulated_year)
    if (std::find(years.begin(), years.end(), sim) == years.end()) years.push_back(sim);
  for (const RecordedPayment& r : figures)
    if (r.year == 0)
      for (int y : whole_years)
        if (std::find(years.begin(), years.end(), y) == years.end()) years.push_back(y);
  // The run, with the watcher.
  check_memory(o);
  const Strategy strategy = strategy_to_run(o);
  RunResult header = describe_run(o);
  experiment::CheckGatherer gatherer(p, donor, years, header.replicas);
  const RunResult run = experiment::run_blocks(s, p, strategy, o, std::move(header),
                                               [&](sim::BlockSimulation& block, int first, int n) {
                                                 return gatherer.run_block(block, first, n, o.stop);
                                               });
  out.replicas = run.replicas;
  // Recorded organisations -> the scenario's channels (plan order).
  auto channel_of = [&](const std::string& name) {
    const records::Organisation* org = records::find_organisation(name);
    for (std::size_t i = 0; i < p.channels.size(); ++i) {
      const Channel& ch = s.channels[s.channel_index(p.channels[i].id)];
      if ((org && (org->channel == ch.id || records::find_organisation(ch.name) == org)) ||
          records::normalised(ch.name) == records::normalised(name) || records::normalised(ch.id) == records::normalised(name))
        return static_cast<int>(i);
    }
    return -1;
  };
  std::set<int> pillars;  // the pillars the records hold: the simulated money is summed over them alone
  for (const RecordedPayment& r : payments)
    for (int q = 0; q < kPillars; ++q)
      if (r.pillar == to_string(static_cast<Pillar>(q))) pillars.insert(q);
  if (!payments.empty()) {
    std::string held;
    for (int q : pillars) held += (held.empty() ? "" : ", ") + std::string(to_string(static_cast<Pillar>(q)));
    out.notes.push_back("simulated money of the pillars the records hold (" + held + ") only");
  }
  auto earmarked = [&](int year, int ch, int c, int r) {
    double sum = 0.0;
    for (int q : pillars) sum += gatherer.total(year, ch, c, q, r);
    return sum;
  };
  std::map<std::tuple<int, std::string>, double> by_country;                  // year, ISO3
  std::map<std::tuple<int, std::string, int>, double> by_pillar;              // year, ISO3, pillar
  std::map<std::tuple<int, std::string, int, std::string>, double> by_channel;  // year, ISO3, channel, name
  std::set<std::string> unmatched;
  for (const RecordedPayment& r : payments) {
    if (r.country.empty() || s.country_index(r.country) < 0) continue;
    by_country[{r.year, r.country}] += r.amount_usd;
    for (int q : pillars)
      if (r.pillar == to_string(static_cast<Pillar>(q))) by_pillar[{r.year, r.country, q}] += r.amount_usd;
    const int ch = channel_of(r.org_name);
    if (ch < 0) unmatched.insert(r.org_name);
    by_channel[{r.year, r.country, ch, ch < 0 ? r.org_name : std::string()}] += r.amount_usd;
  }
  for (const RecordedPayment& r : payments)
    if (!r.country.empty() && s.country_index(r.country) < 0)
      out.notes.push_back("recorded money to " + r.country + " is left out: the scenario has no such country");
  const int R = run.replicas;
  auto row = [&](CheckRow x, const std::function<double(int)>& value) {
    if (x.recorded_low == 0.0 && x.recorded_high == 0.0) x.recorded_low = x.recorded_high = x.recorded;  // a payment: its band is itself
    x.simulated = over_replicas(R, value);
    x.inside = x.recorded_high >= x.simulated.p05 && x.recorded_low <= x.simulated.p95;
    out.rows.push_back(std::move(x));
  };
  // Published figures, each on its own row: everything the donor's lines
  // sent the channel (or the country), all pillars, in its year or a
  // typical year of the horizon.
  constexpr int kAllCountries = -2;  // a figure without a country: every country, and core money
  for (const RecordedPayment& r : figures) {
    const int c = r.country.empty() ? kAllCountries : s.country_index(r.country);
    if (c < 0 && c != kAllCountries) continue;  // not the scenario's: noted below
    const int ch = r.org_name.empty() ? -1 : channel_of(r.org_name);
    CheckRow x{r.org_name.empty() ? "country" : "channel", r.year, r.year ? simulated_year[r.year] : 0, r.country,
               ch < 0 ? "" : p.channels[ch].id, "", r.org_name, r.amount_usd, {}, false, "",
               r.band->first, r.band->second, r.source};
    if (!r.org_name.empty() && ch < 0) {
      unmatched.insert(r.org_name);
      x.note = "no channel of the scenario stands for this organisation";
      out.rows.push_back(x);
      continue;
    }
    const std::vector<int> over = r.year ? std::vector<int>{simulated_year[r.year]} : whole_years;
    row(x, [&, c, ch, over](int rep) {
      double sum = 0.0;
      for (int year : over)
        for (std::size_t k = 0; k < p.channels.size(); ++k) {
          if (ch >= 0 && static_cast<int>(k) != ch) continue;
          if (c == kAllCountries) sum += gatherer.total(year, static_cast<int>(k), -1, 0, rep);  // core money
          for (int country = 0; country < p.countries; ++country)
            if (c == kAllCountries || country == c)
              for (int q = 0; q < kPillars; ++q) sum += gatherer.total(year, static_cast<int>(k), country, q, rep);
        }
      return sum / static_cast<double>(over.size());
    });
  }
  for (const RecordedPayment& r : figures)
    if (!r.country.empty() && s.country_index(r.country) < 0)
      out.notes.push_back("the figure for " + r.country + " is left out: the scenario has no such country");
  out.unmatched.assign(unmatched.begin(), unmatched.end());
  for (const auto& [key, amount] : by_country) {
    const auto& [year, iso3] = key;
    const int sim = simulated_year[year], c = s.country_index(iso3);
    CheckRow x{"country", year, sim, iso3, "", "", "", amount, {}, false, ""};
    row(x, [&, sim, c](int r) {
      double sum = 0.0;
      for (std::size_t ch = 0; ch < p.channels.size(); ++ch) sum += earmarked(sim, static_cast<int>(ch), c, r);
      return sum;
    });
  }
  for (const auto& [key, amount] : by_pillar) {
    const auto& [year, iso3, pillar] = key;
    const int sim = simulated_year[year], c = s.country_index(iso3), q = pillar;
    CheckRow x{"pillar", year, sim, iso3, "", to_string(static_cast<Pillar>(q)), "", amount, {}, false, ""};
    row(x, [&, sim, c, q](int r) {
      double sum = 0.0;
      for (std::size_t ch = 0; ch < p.channels.size(); ++ch) sum += gatherer.total(sim, static_cast<int>(ch), c, q, r);
      return sum;
    });
  }
  for (const auto& [key, amount] : by_channel) {
    const auto& [year, iso3, ch, name] = key;
    const int sim = simulated_year[year], c = s.country_index(iso3);
    CheckRow x{"channel", year, sim, iso3, ch < 0 ? "" : p.channels[ch].id, "", name, amount, {}, false, ""};
    if (ch < 0) {
      x.note = "no channel of the scenario stands for this organisation";
      x.recorded_low = x.recorded_high = amount;
      out.rows.push_back(x);
      continue;
    }
    const int channel = ch;
    row(x, [&, sim, c, channel](int r) { return earmarked(sim, channel, c, r); });
  }
  // Every channel the donor's money reaches in a recorded country, recorded or not.
  for (const auto& [key, amount] : by_country) {
    const auto& [year, iso3] = key;
    const int sim = simulated_year[year], c = s.country_index(iso3);
    for (std::size_t ch = 0; ch < p.channels.size(); ++ch) {
      if (by_channel.count({year, iso3, static_cast<int>(ch), std::string()})) continue;
      double any = 0.0;
      for (int r = 0; r < R; ++r) any += earmarked(sim, static_cast<int>(ch), c, r);
      if (any == 0.0) continue;
      CheckRow x{"channel", year, sim, iso3, p.channels[ch].id, "", "", 0.0, {}, false, "no recorded payment"};
      row(x, [&, sim, c, ch](int r) { return earmarked(sim, static_cast<int>(ch), c, r); });
    }
  }
  return out;
}

CheckResult check_records(const Engine& engine, const RunOptions& run, const CheckRequest& request) {
  if (!request.fts_pages.empty() + !request.iati_files.empty() + !request.figure_files.empty() != 1)
    throw InputError({}, "check", "give the records as FTS pages, IATI files or published figures (one of them)");
  const Scenario& s = engine.scenario();
  std::string donor = request.records_donor;
  if (donor.empty()) {
    const Donor* d = &s.donors.front();
    for (const Donor& x : s.donors)
      if (x.id == request.options.donor) d = &x;
    donor = d->id;
  }
  std::vector<RecordedPayment> records;
  std::string label, found = donor;
  if (!request.figure_files.empty()) {
    records = read_published_figures(request.figure_files);
    for (const std::string& f : request.figure_files)
      label += (label.empty() ? "" : ", ") + std::filesystem::path(f).filename().string();
    label = "published figures (" + label + ", " + donor + ")";
  } else if (!request.fts_pages.empty()) {
    FtsOptions o;
    o.donor = donor;
    const FtsImport fts = import_fts(request.fts_pages, o);
    records = recorded_payments(fts);
    found = fts.donor;
    label = "OCHA FTS (" + std::to_string(request.fts_pages.size()) + " page(s), " + fts.donor + ")";
  } else {
    const IatiImport iati = import_iati(request.iati_files);
    records = recorded_payments(iati, donor);
    label = "IATI (" + std::to_string(request.iati_files.size()) + " file(s), " + donor + ")";
  }
  return engine.check_against(run, records, label, found, request.options);
}

}  // namespace pbflow
