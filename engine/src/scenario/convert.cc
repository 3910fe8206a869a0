#include "convert.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <sstream>

#include "pbflow/limits.h"
#include "suggest.h"
#include "validate.h"

namespace pbflow::scenario {

namespace {

constexpr double kShareTolerance = 1e-9;

std::string join(const std::string& path, const std::string& key) { return path + "." + key; }

std::string show(double v) {
  std::ostringstream s;
  s.precision(12);
  s << v;
  return s.str();
}

template <typename E>
E enum_of(const std::string& text, std::initializer_list<const char*> names) {
  int i = 0;
  for (const char* n : names) {
    if (text == n) return static_cast<E>(i);
    ++i;
  }
  return static_cast<E>(0);  // unreachable after validation
}

Pillar pillar_of(const std::string& t) { return enum_of<Pillar>(t, {"humanitarian", "development", "peace"}); }
Phase phase_of(const std::string& t) { return enum_of<Phase>(t, {"conflict", "fragile", "stable"}); }
Outcome outcome_of(const std::string& t) {
  for (int k = 0; k < kOutcomes; ++k)
    if (t == to_string(static_cast<Outcome>(k))) return static_cast<Outcome>(k);
  throw std::logic_error("unknown outcome " + t + " passed validation");
}

class Converter {
 public:
  explicit Converter(const Node& root) : root_(root) {}

  Scenario run(const std::string& file) {
    Scenario s;
    s.file = file;
    s.version = 1;
    s.name = text_or(root_, "name", std::filesystem::path(file).stem().string());
    s.title = text_or(root_, "title", "");
    read_horizon(s);
    if (const Node* sim = root_.find("simulation")) {
      s.simulation.replicas = static_cast<int>(number_or(*sim, "simulation", "replicas", 1000));
      s.simulation.seed = static_cast<std::uint64_t>(number_or(*sim, "simulation", "seed", 1));
    }
    read_currency(s);
    const Node& channels = *root_.find("channels");
    for (const auto& e : channels.entries) channel_ids_.push_back(e.key);
    const Node& countries = *root_.find("countries");
    for (const auto& e : countries.entries) country_ids_.push_back(e.key);
    for (const auto& e : channels.entries) s.channels.push_back(read_channel(e));
    for (const auto& e : countries.entries) s.countries.push_back(read_country(e));
    for (const auto& e : root_.find("donors")->entries) s.donors.push_back(read_donor(e, s));
    check_mandates(s);
    if (const Node* st = root_.find("strategy")) {
      s.strategy = read_strategy(*st, "strategy", Strategy{});
      check_pba(s.strategy, *st, "strategy", s);
    }
    if (const Node* shocks = root_.find("shocks"))
      for (std::size_t i = 0; i < shocks->items.size(); ++i)
        s.shocks.push_back(read_shock(shocks->items[i], "shocks[" + std::to_string(i) + "]", s));
    if (const Node* obj = root_.find("objective"))
      for (const auto& e : obj->find("minimize")->entries)
        s.objective.minimize.push_back({outcome_of(e.key), read_number(e.value, "objective.minimize." + e.key)});
    if (const Node* model = root_.find("model")) read_model(*model, s.model);
    if (const Node* cmp = root_.find("compare")) s.compare = read_compare(*cmp, s);
    if (const Node* u = root_.find("uncertainties")) s.uncertainties = read_uncertainties(*u);
    if (const Node* sw = root_.find("sweep")) s.sweep = read_sweep(*sw);
    return s;
  }

 private:
  const Node& root_;
  std::vector<std::string> channel_ids_;
  std::vector<std::string> country_ids_;

  static std::string text_or(const Node& n, const std::string& key, const std::string& fallback) {
    const Node* v = n.find(key);
    return v && v->is_scalar() ? v->text : fallback;
  }
  static double number_or(const Node& n, const std::string& path, const std::string& key, double fallback) {
    const Node* v = n.find(key);
    return v ? read_number(*v, join(path, key)) : fallback;
  }

  void check_reference(const Entry& e, const std::string& path, const std::vector<std::string>& known,
                       const char* what) const {
    if (std::find(known.begin(), known.end(), e.key) == known.end())
      throw InputError(e.key_where, path, std::string("no ") + what + " named `" + e.key + "`" +
                                              did_you_mean(e.key, known));
  }

  ShareMap read_shares(const Node& n, const std::string& path, bool must_sum_to_one) const {
    ShareMap out;
    double sum = 0.0;
    for (const auto& e : n.entries) {
      check_reference(e, join(path, e.key), channel_ids_, "channel");
      double v = read_number(e.value, join(path, e.key));
      out.push_back({e.key, v});
      sum += v;
    }
    if (must_sum_to_one && std::abs(sum - 1.0) > kShareTolerance)
      throw InputError(n.where, path, "shares sum to " + show(sum) + ", expected 1");
    if (!must_sum_to_one && sum >= 1.0)
      throw InputError(n.where, path, "sub-grant shares sum to " + show(sum) + ", expected below 1");
    return out;
  }

  static std::vector<Pillar> pillars_of(const Node& list) {
    std::vector<Pillar> out;
    for (const auto& item : list.items) {
      Pillar p = pillar_of(item.text);
      if (std::find(out.begin(), out.end(), p) == out.end()) out.push_back(p);
    }
    return out;
  }

  void read_horizon(Scenario& s) const {
    const Node& h = *root_.find("horizon");
    s.horizon.start.index = *parse_year_month(h.find("start")->text);
    s.horizon.months = static_cast<int>(read_number(*h.find("months"), "horizon.months"));
  }

  void read_currency(Scenario& s) const {
    const Node* c = root_.find("currency");
    if (!c) return;
    s.currency.base = text_or(*c, "base", "USD");
    if (const Node* fx = c->find("fx")) {
      for (const auto& e : fx->entries) {
        std::string path = "currency.fx." + e.key;
        ExchangeRate rate;
        rate.per_base = read_number(*e.value.find("per_base"), join(path, "per_base"));
        if (const Node* p = e.value.find("path"))
          for (const auto& m : p->entries)
            rate.path[*parse_year_month(m.key)] = read_number(m.value, join(path, "path." + m.key));
        rate.volatility = number_or(e.value, path, "volatility", 0.0);
        rate.drift = number_or(e.value, path, "drift", 0.0);
        if (!rate.path.empty() && (rate.volatility > 0 || rate.drift != 0))
          throw InputError(e.value.where, path,
                           "give either a `path` or a random walk (`volatility`, `drift`), not both");
        s.currency.fx[e.key] = rate;
      }
    }
  }

  Channel read_channel(const Entry& e) const {
    const std::string path = "channels." + e.key;
    const Node& n = e.value;
    Channel c;
    c.id = e.key;
    c.where = e.key_where;
    c.name = text_or(n, "name", e.key);
    c.kind = enum_of<ChannelKind>(text_or(n, "kind", "un_agency"),
                                  {"un_agency", "trust_fund", "pooled_fund", "ngo", "ngo_platform", "bilateral"});
    c.overhead = number_or(n, path, "overhead", 0.0);
    if (const Node* lag = n.find("lag")) {
      c.lag_months = read_number(*lag->find("months"), path + ".lag.months");
      c.stages = static_cast<int>(number_or(*lag, path + ".lag", "stages", 1));
    }
    if (n.find("capacity")) c.capacity = number_or(n, path, "capacity", 0.0);
    if (const Node* m = n.find("mandate")) {
      if (const Node* p = m->find("pillars")) c.mandate.pillars = pillars_of(*p);
      if (const Node* ph = m->find("phases")) {
        c.mandate.phases.clear();
        for (const auto& item : ph->items) c.mandate.phases.push_back(phase_of(item.text));
      }
      if (m->find("within_months"))
        c.mandate.within_months = static_cast<int>(number_or(*m, path + ".mandate", "within_months", 0));
      if (const Node* cs = m->find("countries"))
        for (const auto& item : cs->items) {
          Entry fake{item.text, item.where, {}};
          check_reference(fake, path + ".mandate.countries", country_ids_, "country");
          c.mandate.countries.push_back(item.text);
        }
    }
    if (const Node* p = n.find("passes")) {
      c.passes = read_shares(*p, path + ".passes", false);
      for (const auto& [target, share] : c.passes)
        if (target == c.id)
          throw InputError(p->where, path + ".passes." + target, "a channel cannot sub-grant to itself");
    }
    const Node* core = n.find("core");
    const Node* to = n.find("to");
    if (core && to)
      throw InputError(to->where, path + ".to",
                       "a channel has either `to:` (passes untagged money on) or `core:` (earmarks it), not both");
    if (to) c.to = read_shares(*to, path + ".to", true);
    if (core) {
      CoreSplit split;
      split.rule = enum_of<CoreRule>(core->find("allocate")->text, {"equal", "population", "needs"});
      split.pillar_weights = {0, 0, 0};
      if (const Node* pw = core->find("pillars")) {
        double sum = 0;
        for (const auto& pe : pw->entries) {
          Pillar p = pillar_of(pe.key);
          if (!c.mandate.allows(p))
            throw InputError(pe.key_where, path + ".core.pillars." + pe.key,
                             "pillar outside the channel's mandate");
          split.pillar_weights[static_cast<int>(p)] = read_number(pe.value, path + ".core.pillars." + pe.key);
          sum += split.pillar_weights[static_cast<int>(p)];
        }
        if (sum <= 0) throw InputError(pw->where, path + ".core.pillars", "pillar weights sum to 0");
        for (auto& w : split.pillar_weights) w /= sum;
      } else {
        for (Pillar p : c.mandate.pillars) split.pillar_weights[static_cast<int>(p)] = 1.0 / c.mandate.pillars.size();
      }
      c.core = split;
    }
    return c;
  }

  Country read_country(const Entry& e) const {
    const std::string path = "countries." + e.key;
    const Node& n = e.value;
    Country c;
    c.iso3 = e.key;
    c.where = e.key_where;
    c.name = text_or(n, "name", e.key);
    c.population = number_or(n, path, "population", 0);
    c.population_growth = number_or(n, path, "population_growth", 0);
    c.phase = phase_of(n.find("phase")->text);
    c.months_in_phase = static_cast<int>(number_or(n, path, "months_in_phase", 0));
    c.people_in_need = number_or(n, path, "people_in_need", 0);
    if (c.people_in_need > c.population)
      throw InputError(n.find("people_in_need")->where, path + ".people_in_need",
                       "more people in need (" + show(c.people_in_need) + ") than the population (" +
                           show(c.population) + ")");
    c.capacity = number_or(n, path, "capacity", 0.5);
    c.cost_per_person_month = number_or(n, path, "cost_per_person_month", 10.0);
    if (n.find("performance")) c.performance = number_or(n, path, "performance", 0);
    if (n.find("gni_per_capita")) c.gni_per_capita = number_or(n, path, "gni_per_capita", 0);
    read_pillars(n.find("effects"), path + ".effects", c.effects);
    return c;
  }

  Release read_release(const Node& n, const std::string& path) const {
    Release r;
    if (n.is_scalar()) {
      r.kind = enum_of<ReleaseKind>(n.text, {"upfront", "quarterly", "monthly"});
      r.fractions.fill(0.0);
      if (r.kind == ReleaseKind::upfront) r.fractions[0] = 1.0;
      if (r.kind == ReleaseKind::quarterly)
        for (int m : {0, 3, 6, 9}) r.fractions[m] = 0.25;
      if (r.kind == ReleaseKind::monthly) r.fractions.fill(1.0 / 12.0);
    } else if (n.is_sequence()) {
      r.kind = ReleaseKind::vector;
      double sum = 0;
      for (int m = 0; m < 12; ++m) {
        r.fractions[m] = read_number(n.items[m], path + "[" + std::to_string(m) + "]");
        sum += r.fractions[m];
      }
      if (std::abs(sum - 1.0) > kShareTolerance)
        throw InputError(n.where, path, "the 12 release fractions sum to " + show(sum) + ", expected 1");
    } else {
      const Node& res = *n.find("reserve");
      r.kind = ReleaseKind::reserve;
      for (const auto& item : res.find("on")->items)
        r.on.push_back(enum_of<Trigger>(item.text, {"conflict_onset", "disaster", "displacement_surge"}));
      r.share_per_event = read_number(*res.find("share_per_event"), path + ".reserve.share_per_event");
      r.lapse_at_year_end = text_or(res, "at_year_end", "carry") == "lapse";
    }
    return r;
  }

  BudgetLine read_line(const Entry& e, const std::string& donor_path) const {
    const std::string path = donor_path + ".lines." + e.key;
    const Node& n = e.value;
    BudgetLine line;
    line.id = e.key;
    line.where = e.key_where;
    line.share = read_number(*n.find("share"), path + ".share");
    line.release = read_release(*n.find("release"), path + ".release");
    line.allocate_by_strategy = n.find("allocate") != nullptr;
    line.pillars = {Pillar::humanitarian, Pillar::development, Pillar::peace};
    if (const Node* p = n.find("pillars")) line.pillars = pillars_of(*p);
    const Node* deliver = n.find("deliver");
    const Node* to = n.find("to");
    if (deliver)
      for (const auto& pe : deliver->entries)
        line.deliver[static_cast<int>(pillar_of(pe.key))] = read_shares(pe.value, path + ".deliver." + pe.key, true);
    if (to) line.to = read_shares(*to, path + ".to", true);
    bool reserve = line.release.kind == ReleaseKind::reserve;
    if (to && (deliver || line.allocate_by_strategy || reserve))
      throw InputError(to->where, path + ".to",
                       "`to:` sends unearmarked money; it cannot be combined with `deliver:`, "
                       "`allocate:` or a reserve release");
    if (!to && !deliver)
      throw InputError(e.key_where, path, "a budget line needs `to:` (core money) or `deliver:` (earmarked money)");
    if (deliver && !line.allocate_by_strategy && !reserve)
      throw InputError(deliver->where, path + ".deliver",
                       "earmarked money needs `allocate: strategy` or a reserve release to say where it goes");
    if (reserve) line.pillars = {Pillar::humanitarian};
    if (to) {
      line.pillars.clear();
      return line;
    }
    for (Pillar p : line.pillars)
      if (!line.deliver[static_cast<int>(p)])
        throw InputError(deliver->where, path + ".deliver",
                         std::string("no channel mix for pillar `") + to_string(p) + "`, which this line " +
                             (reserve ? "releases to (a reserve funds humanitarian programmes)" : "may fund"));
    for (int p = 0; p < kPillars; ++p)
      if (line.deliver[p] && std::find(line.pillars.begin(), line.pillars.end(), static_cast<Pillar>(p)) ==
                                 line.pillars.end()) {
        const Entry* pe = nullptr;
        for (const auto& x : deliver->entries)
          if (x.key == to_string(static_cast<Pillar>(p))) pe = &x;
        throw InputError(pe->key_where, path + ".deliver." + pe->key,
                         "this line does not fund this pillar (see its `pillars:`)");
      }
    return line;
  }

  Donor read_donor(const Entry& e, const Scenario& s) const {
    const std::string path = "donors." + e.key;
    const Node& n = e.value;
    Donor d;
    d.id = e.key;
    d.where = e.key_where;
    d.name = text_or(n, "name", e.key);
    d.currency = text_or(n, "currency", s.currency.base);
    if (d.currency != s.currency.base && !s.currency.fx.count(d.currency)) {
      const Node* cur = n.find("currency");
      throw InputError(cur->where, path + ".currency",
                       "no exchange rate for " + d.currency + " (base currency " + s.currency.base +
                           "): add currency.fx." + d.currency + ".per_base");
    }
    d.fiscal_year_start = static_cast<int>(number_or(n, path, "fiscal_year_start", 1));
    const Node& budget = *n.find("budget");
    for (const auto& ye : budget.find("initial")->entries)
      d.budget.initial[std::stoi(ye.key)] = read_number(ye.value, path + ".budget.initial." + ye.key);
    d.budget.growth = number_or(budget, path + ".budget", "growth", 0.0);
    YearMonth start = s.horizon.start;
    int first_fy = start.month() >= d.fiscal_year_start ? start.year() : start.year() - 1;
    if (d.budget.initial.begin()->first > first_fy)
      throw InputError(budget.find("initial")->where, path + ".budget.initial",
                       "the first listed fiscal year is " + std::to_string(d.budget.initial.begin()->first) +
                           ", but the horizon starts in fiscal year " + std::to_string(first_fy));
    if (const Node* sup = budget.find("supplementary")) {
      std::vector<const Node*> items;
      if (sup->is_map()) items.push_back(sup);
      for (const auto& it : sup->items) items.push_back(&it);
      for (const Node* it : items) {
        Supplementary sp;
        const Node& month = *it->find("month");
        if (auto ym = parse_year_month(month.text))
          sp.at = YearMonth{*ym};
        else
          sp.calendar_month = static_cast<int>(read_number(month, path + ".budget.supplementary.month"));
        sp.share_of_initial = number_or(*it, path + ".budget.supplementary", "share_of_initial", 0);
        sp.amount = number_or(*it, path + ".budget.supplementary", "amount", 0);
        if (!it->find("share_of_initial") && !it->find("amount"))
          throw InputError(it->where, path + ".budget.supplementary",
                           "give the supplementary budget's size: `share_of_initial` or `amount`");
        d.budget.supplementary.push_back(sp);
      }
    }
    const Node& lines = *n.find("lines");
    double sum = 0;
    for (const auto& le : lines.entries) {
      d.lines.push_back(read_line(le, path));
      sum += d.lines.back().share;
    }
    if (std::abs(sum - 1.0) > kShareTolerance)
      throw InputError(lines.where, path + ".lines", "line shares sum to " + show(sum) + ", expected 1");
    return d;
  }

  // Earmarked money may only be delivered to a channel whose mandate covers
  // its pillar. (Sub-grants are followed in the network module.)
  void check_mandates(const Scenario& s) const {
    for (const auto& de : root_.find("donors")->entries)
      for (const auto& le : de.value.find("lines")->entries)
        if (const Node* deliver = le.value.find("deliver"))
          for (const auto& pe : deliver->entries)
            for (const auto& ce : pe.value.entries) {
              const Channel& c = s.channels[s.channel_index(ce.key)];
              if (!c.mandate.allows(pillar_of(pe.key)))
                throw InputError(ce.key_where,
                                 "donors." + de.key + ".lines." + le.key + ".deliver." + pe.key + "." + ce.key,
                                 "money earmarked for " + pe.key + " is delivered to `" + ce.key +
                                     "`, whose mandate does not cover " + pe.key);
            }
  }

  Strategy read_strategy(const Node& n, const std::string& path, Strategy s) const {
    if (const Node* k = n.find("kind"))
      s.kind = enum_of<StrategyKind>(k->text, {"fixed", "needs", "pba", "nexus_phase", "crisis_reserve", "optimised"});
    if (const Node* r = n.find("review")) s.review = enum_of<Review>(r->text, {"monthly", "quarterly", "fiscal_year"});
    if (const Node* c = n.find("countries")) {
      if (c->is_scalar()) {
        s.countries = enum_of<CountryWeights>(c->text, {"needs", "population", "equal"});
      } else {
        s.countries = CountryWeights::explicit_map;
        s.country_weights.clear();
        for (const auto& ce : c->entries) {
          check_reference(ce, path + ".countries." + ce.key, country_ids_, "country");
          s.country_weights[ce.key] = read_number(ce.value, path + ".countries." + ce.key);
        }
      }
    }
    if (const Node* ps = n.find("pillar_split")) {
      auto read_split = [&](const Node& m, const std::string& p) {
        PillarArray<double> w{0, 0, 0};
        double sum = 0;
        for (const auto& pe : m.entries) {
          w[static_cast<int>(pillar_of(pe.key))] = read_number(pe.value, p + "." + pe.key);
          sum += w[static_cast<int>(pillar_of(pe.key))];
        }
        if (sum <= 0) throw InputError(m.where, p, "pillar weights sum to 0");
        for (auto& x : w) x /= sum;
        return w;
      };
      bool by_phase = !ps->entries.empty() && ps->entries.front().value.is_map();
      if (by_phase) {
        for (int ph = 0; ph < kPhases; ++ph)
          if (!ps->find(to_string(static_cast<Phase>(ph))))
            throw InputError(ps->where, path + ".pillar_split",
                             std::string("no split for phase `") + to_string(static_cast<Phase>(ph)) + "`");
        for (const auto& pe : ps->entries)
          s.pillar_split[static_cast<int>(phase_of(pe.key))] = read_split(pe.value, path + ".pillar_split." + pe.key);
      } else {
        auto w = read_split(*ps, path + ".pillar_split");
        s.pillar_split = {w, w, w};
      }
      s.pillar_split_given = true;
    }
    if (n.find("transition_months")) s.transition_months = number_or(n, path, "transition_months", 0);
    if (const Node* ex = n.find("exponents")) {
      s.performance_exponent = number_or(*ex, path + ".exponents", "performance", s.performance_exponent);
      s.population_exponent = number_or(*ex, path + ".exponents", "population", s.population_exponent);
      s.income_exponent = number_or(*ex, path + ".exponents", "income", s.income_exponent);
    }
    s.fragile_uplift = number_or(n, path, "fragile_uplift", s.fragile_uplift);
    s.reserve_share = number_or(n, path, "reserve_share", s.reserve_share);
    s.release_per_event = number_or(n, path, "release_per_event", s.release_per_event);
    if (const Node* b = n.find("base")) {
      if (s.kind != StrategyKind::crisis_reserve)
        throw InputError(b->where, path + ".base", "only a `crisis_reserve` strategy wraps a base strategy");
      s.base = {read_strategy(*b, path + ".base", Strategy{})};
      if (s.base.front().kind == StrategyKind::crisis_reserve || s.base.front().kind == StrategyKind::optimised)
        throw InputError(b->find("kind")->where, path + ".base.kind",
                         "a crisis reserve wraps fixed, needs, pba or nexus_phase");
    }
    if (s.kind == StrategyKind::crisis_reserve && s.base.empty()) {
      Strategy needs;
      needs.kind = StrategyKind::needs;
      s.base = {needs};
    }
    s.training_replicas = static_cast<int>(number_or(n, path, "training_replicas", s.training_replicas));
    s.evaluations = static_cast<int>(number_or(n, path, "evaluations", s.evaluations));
    if (const Node* st = n.find("start")) {
      s.start.clear();
      for (const auto& item : st->items) s.start.push_back(item.text);
    }
    return s;
  }

  // pba reads every country's performance rating and income.
  void check_pba(const Strategy& st, const Node& at, const std::string& path, const Scenario& s) const {
    for (const Strategy& b : st.base) check_pba(b, at, path + ".base", s);
    if (st.kind != StrategyKind::pba) return;
    for (const Country& c : s.countries)
      if (!c.performance || !c.gni_per_capita)
        throw InputError(at.where, path,
                         "a `pba` strategy needs `performance` and `gni_per_capita` for every country; " + c.iso3 +
                             " has " + (c.performance ? "no gni_per_capita" : "no performance"));
  }

  Shock read_shock(const Node& n, const std::string& path, const Scenario& s) const {
    Shock k;
    k.where = n.where;
    k.kind = enum_of<ShockKind>(n.find("kind")->text, {"disaster", "budget", "conflict_onset", "supplementary",
                                                       "overhead", "lag", "displacement_surge"});
    auto require = [&](const char* key, const char* why) {
      if (!n.find(key))
        throw InputError(n.where, path, std::string("missing `") + key + "`: " + why);
    };
    if (const Node* cs = n.find("countries"))
      for (const auto& item : cs->items) {
        Entry fake{item.text, item.where, {}};
        check_reference(fake, path + ".countries", country_ids_, "country");
        k.countries.push_back(item.text);
      }
    if (const Node* c = n.find("country")) {
      Entry fake{c->text, c->where, {}};
      check_reference(fake, path + ".country", country_ids_, "country");
      k.countries = {c->text};
    }
    if (const Node* d = n.find("donor")) {
      std::vector<std::string> donors;
      for (const auto& de : s.donors) donors.push_back(de.id);
      Entry fake{d->text, d->where, {}};
      check_reference(fake, path + ".donor", donors, "donor");
      k.donor = d->text;
    }
    if (const Node* c = n.find("channel")) {
      Entry fake{c->text, c->where, {}};
      check_reference(fake, path + ".channel", channel_ids_, "channel");
      k.channel = c->text;
    }
    if (const Node* f = n.find("from")) k.from = YearMonth{*parse_year_month(f->text)};
    if (const Node* a = n.find("at")) k.from = YearMonth{*parse_year_month(a->text)};
    k.rate_per_year = number_or(n, path, "rate_per_year", 0);
    if (const Node* p = n.find("people")) {
      k.people_median = read_number(*p->find("median"), path + ".people.median");
      k.people_sigma = number_or(*p, path + ".people", "sigma", 1.0);
    }
    k.scale = number_or(n, path, "scale", 1.0);
    k.amount = number_or(n, path, "amount", 0.0);
    k.value = number_or(n, path, "value", 0.0);
    switch (k.kind) {
      case ShockKind::budget:
        require("donor", "whose budget changes");
        require("from", "the month it takes effect");
        require("scale", "the factor on appropriations");
        break;
      case ShockKind::supplementary:
        require("donor", "whose budget grows");
        require("at", "the month it is appropriated");
        require("amount", "its size in the donor's currency");
        break;
      case ShockKind::conflict_onset:
        require("country", "where the conflict breaks out");
        require("at", "the month it breaks out");
        break;
      case ShockKind::overhead:
      case ShockKind::lag:
        require("channel", "which channel changes");
        require("from", "the month it takes effect");
        require("value", "the new value");
        if (k.kind == ShockKind::overhead && k.value >= 1.0)
          throw InputError(n.find("value")->where, path + ".value", "an overhead must be below 1, found " + show(k.value));
        break;
      case ShockKind::disaster:
        if (!n.find("at")) require("rate_per_year", "how often it happens per country-year (or `at` for one disaster)");
        if (n.find("at")) require("country", "where the disaster strikes");
        require("people", "how many people it affects");
        break;
      case ShockKind::displacement_surge:
        require("people", "how many people each conflict onset displaces");
        break;
    }
    return k;
  }

  static void read_pillars(const Node* n, const std::string& path, PillarArray<double>& out) {
    if (n)
      for (const auto& e : n->entries) out[static_cast<int>(pillar_of(e.key))] = read_number(e.value, path + "." + e.key);
  }
  static void read_phases(const Node* n, const std::string& path, PhaseArray<double>& out) {
    if (n)
      for (const auto& e : n->entries) out[static_cast<int>(phase_of(e.key))] = read_number(e.value, path + "." + e.key);
  }

  static void read_model(const Node& n, ModelParameters& m) {
    if (const Node* abs = n.find("absorption")) {
      const std::string path = "model.absorption";
      AbsorptionParameters& a = m.absorption;
      read_pillars(abs->find("usd_per_person_month"), path + ".usd_per_person_month", a.usd_per_person_month);
      if (const Node* f = abs->find("phase_factor"))
        for (const auto& pe : f->entries)
          read_pillars(&pe.value, path + ".phase_factor." + pe.key, a.phase_factor[static_cast<int>(phase_of(pe.key))]);
      a.post_conflict_multiplier = number_or(*abs, path, "post_conflict_multiplier", a.post_conflict_multiplier);
      a.post_conflict_from = static_cast<int>(number_or(*abs, path, "post_conflict_from", a.post_conflict_from));
      a.post_conflict_to = static_cast<int>(number_or(*abs, path, "post_conflict_to", a.post_conflict_to));
    }
    if (const Node* e = n.find("effects")) {
      read_pillars(e->find("decay"), "model.effects.decay", m.effects.decay);
      read_pillars(e->find("scale"), "model.effects.scale", m.effects.scale);
    }
    if (const Node* p = n.find("phases")) {
      const std::string path = "model.phases";
      PhaseParameters& h = m.phases;
      h.conflict_end_hazard = number_or(*p, path, "conflict_end_hazard", h.conflict_end_hazard);
      h.conflict_end_peace_effect = number_or(*p, path, "conflict_end_peace_effect", h.conflict_end_peace_effect);
      h.relapse_hazard = number_or(*p, path, "relapse_hazard", h.relapse_hazard);
      h.relapse_peace_effect = number_or(*p, path, "relapse_peace_effect", h.relapse_peace_effect);
      h.relapse_development_effect = number_or(*p, path, "relapse_development_effect", h.relapse_development_effect);
      h.relapse_capacity_effect = number_or(*p, path, "relapse_capacity_effect", h.relapse_capacity_effect);
      h.relapse_floor = number_or(*p, path, "relapse_floor", h.relapse_floor);
      h.relapse_decay_months = number_or(*p, path, "relapse_decay_months", h.relapse_decay_months);
      h.consolidation_hazard = number_or(*p, path, "consolidation_hazard", h.consolidation_hazard);
      h.consolidation_min_months =
          static_cast<int>(number_or(*p, path, "consolidation_min_months", h.consolidation_min_months));
      h.onset_hazard = number_or(*p, path, "onset_hazard", h.onset_hazard);
      h.onset_capacity_effect = number_or(*p, path, "onset_capacity_effect", h.onset_capacity_effect);
    }
    if (const Node* c = n.find("capacity")) {
      m.capacity.growth = number_or(*c, "model.capacity", "growth", m.capacity.growth);
      read_phases(c->find("erosion"), "model.capacity.erosion", m.capacity.erosion);
    }
    if (const Node* nd = n.find("need")) {
      m.need.adjustment = number_or(*nd, "model.need", "adjustment", m.need.adjustment);
      read_phases(nd->find("level"), "model.need.level", m.need.level);
    }
  }

  Compare read_compare(const Node& n, const Scenario& s) const {
    Compare c;
    c.replicas = static_cast<int>(number_or(n, "compare", "replicas", s.simulation.replicas));
    const Node& strategies = *n.find("strategies");
    std::vector<std::string> names;
    for (const auto& e : strategies.entries) {
      names.push_back(e.key);
      CompareStrategy cs;
      cs.name = e.key;
      const std::string path = "compare.strategies." + e.key;
      // `{}`, or only `set:`: the scenario's own strategy, as the set leaves it
      // (a copy taken here would hide a set: of strategy keys).
      const bool own = e.value.is_map() && std::all_of(e.value.entries.begin(), e.value.entries.end(),
                                                       [](const Entry& x) { return x.key == "set"; });
      if (!own) {
        Strategy base = e.value.find("kind") ? Strategy{} : s.strategy;
        cs.strategy = read_strategy(e.value, path, base);
        check_pba(*cs.strategy, e.value, path, s);
      }
      if (const Node* set = e.value.find("set"))
        for (const auto& se : set->entries) cs.set.push_back({se.key, se.value.text});
      c.strategies.push_back(cs);
    }
    if (const Node* sat = n.find("satisficing")) c.satisficing_objective = number_or(*sat, "compare.satisficing", "objective_at_most", 0);
    for (const auto& cs : c.strategies) {
      if (!cs.strategy) continue;
      const Node* start = strategies.find(cs.name)->find("start");
      for (const auto& name : cs.strategy->start) {
        if (std::find(names.begin(), names.end(), name) == names.end())
          throw InputError(start->where, "compare.strategies." + cs.name + ".start",
                           "no strategy named `" + name + "`" + did_you_mean(name, names));
        if (name == cs.name)
          throw InputError(start->where, "compare.strategies." + cs.name + ".start", "a strategy cannot start from itself");
      }
    }
    c.baseline = text_or(n, "baseline", names.front());
    if (std::find(names.begin(), names.end(), c.baseline) == names.end())
      throw InputError(n.find("baseline")->where, "compare.baseline",
                       "no strategy named `" + c.baseline + "`" + did_you_mean(c.baseline, names));
    return c;
  }

  // `parameters:` of a sweep or of uncertainties: key path -> range or list.
  static std::vector<ParameterRange> read_ranges(const Node& parameters, const std::string& prefix) {
    std::vector<ParameterRange> out;
    for (const auto& e : parameters.entries) {
      ParameterRange p;
      p.path = e.key;
      const std::string path = prefix + e.key;
      if (e.value.find("min")) p.min = number_or(e.value, path, "min", 0);
      if (e.value.find("max")) p.max = number_or(e.value, path, "max", 0);
      if (const Node* v = e.value.find("values"))
        for (const auto& item : v->items) p.values.push_back(item.text);
      const bool range = p.min && p.max;
      if (range == !p.values.empty())
        throw InputError(e.value.where, path, "give either `min` and `max`, or `values`");
      if (range && *p.min > *p.max) throw InputError(e.value.where, path, "`min` is above `max`");
      out.push_back(p);
    }
    return out;
  }

  static Uncertainties read_uncertainties(const Node& n) {
    Uncertainties u;
    u.futures = static_cast<int>(number_or(n, "uncertainties", "futures", u.futures));
    u.replicas = static_cast<int>(number_or(n, "uncertainties", "replicas", 0));
    u.parameters = read_ranges(*n.find("parameters"), "uncertainties.parameters.");
    return u;
  }

  static Sweep read_sweep(const Node& n) {
    Sweep w;
    const Node& design = *n.find("design");
    w.design = design.find("kind")->text;
    w.samples = static_cast<int>(number_or(design, "sweep.design", "samples", 0));
    w.replicas = static_cast<int>(number_or(n, "sweep", "replicas", 0));
    w.parameters = read_ranges(*n.find("parameters"), "sweep.parameters.");
    if (const Node* o = n.find("outputs"))
      for (const auto& item : o->items) w.outputs.push_back(item.text);
    // A grid's size is the product of its levels: refuse a design too large
    // to run before anything is allocated for it.
    double points = w.samples > 0 ? w.samples : 16;
    if (w.design == "grid") {
      points = 1;
      for (const auto& p : w.parameters) points *= p.values.empty() ? (w.samples > 0 ? w.samples : 3) : p.values.size();
    }
    if (points > static_cast<double>(limits::kMaxSweepPoints))
      throw InputError(design.find("samples") ? design.find("samples")->where : design.where, "sweep.design",
                       "this design has " + show(points) + " points, more than the " +
                           std::to_string(limits::kMaxSweepPoints) + " a sweep may have; use fewer levels or an lhs design");
    return w;
  }
};

}  // namespace

Scenario convert(const Node& root, const std::string& file) { return Converter(root).run(file); }

}  // namespace pbflow::scenario
