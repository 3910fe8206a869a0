#include "converter.h"
#include "vocabulary.h"

#include "pbflow/limits.h"
#include "suggest.h"
#include "validate.h"

namespace pbflow::scenario::detail {

namespace {

// The kinds that read each kind-specific key (`review` and `kind` apply to all).
struct KindKey {
  const char* key;
  std::vector<StrategyKind> kinds;
};

const std::vector<KindKey>& kind_keys() {
  using K = StrategyKind;
  static const std::vector<KindKey> keys = {
      {"countries", {K::fixed, K::nexus_phase}},
      {"pillar_split", {K::fixed, K::nexus_phase, K::needs, K::pba}},
      {"transition_months", {K::nexus_phase}},
      {"exponents", {K::pba}},
      {"fragile_uplift", {K::pba}},
      {"reserve_share", {K::crisis_reserve}},
      {"release_per_event", {K::crisis_reserve}},
      {"base", {K::crisis_reserve}},
      {"training_replicas", {K::optimised}},
      {"evaluations", {K::optimised}},
      {"start", {K::optimised}},
  };
  return keys;
}

// Which layer of a composed scenario a value came from: a base file (0),
// the file loaded (1), or a --set (2). Later layers override earlier ones.
int layer(const SourceLocation& where, const std::string& file) {
  if (where.file.rfind("--set", 0) == 0) return 2;
  return where.file == file ? 1 : 0;
}

}  // namespace

void Converter::check_strategy_keys(const Node& n, const std::string& path, StrategyKind kind) const {
  const Node* kind_node = n.find("kind");
  const int kind_layer = kind_node ? layer(kind_node->where, file_) : -1;
  for (const Entry& e : n.entries)
    for (const KindKey& k : kind_keys()) {
      if (e.key != k.key || std::find(k.kinds.begin(), k.kinds.end(), kind) != k.kinds.end()) continue;
      // A base's key left behind when an extending file changed the kind is dropped with the old kind.
      if (layer(e.key_where, file_) < kind_layer) continue;
      std::string readers;
      for (StrategyKind reader : k.kinds) readers += std::string(readers.empty() ? "" : ", ") + "`" + to_string(reader) + "`";
      throw InputError(e.key_where, path + "." + e.key,
                       "`" + e.key + "` has no effect on a `" + to_string(kind) + "` strategy; only " + readers +
                           (k.kinds.size() == 1 ? " reads it" : " read it"));
    }
}

Strategy Converter::read_strategy(const Node& n, const std::string& path, Strategy s) const {
  if (const Node* k = n.find("kind"))
    s.kind = from_word<StrategyKind>(kStrategyKindWords, k->text);
  if (const Node* r = n.find("review")) s.review = from_word<Review>(kReviewWords, r->text);
  if (const Node* c = n.find("countries")) {
    if (c->is_scalar()) {
      s.countries = from_word<CountryWeights>(kCountryWeightWords, c->text);
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
  s.transition_months = number_or(n, path, "transition_months", s.transition_months);
  if (const Node* ex = n.find("exponents")) {
    s.performance_exponent = number_or(*ex, path + ".exponents", "performance", s.performance_exponent);
    s.population_exponent = number_or(*ex, path + ".exponents", "population", s.population_exponent);
    s.income_exponent = number_or(*ex, path + ".exponents", "income", s.income_exponent);
  }
  s.fragile_uplift = number_or(n, path, "fragile_uplift", s.fragile_uplift);
  s.reserve_share = number_or(n, path, "reserve_share", s.reserve_share);
  s.release_per_event = number_or(n, path, "release_per_event", s.release_per_event);
  check_strategy_keys(n, path, s.kind);
  if (const Node* b = n.find("base")) {
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
void Converter::check_pba(const Strategy& st, const Node& at, const std::string& path, const Scenario& s) const {
  for (const Strategy& b : st.base) check_pba(b, at, path + ".base", s);
  if (st.kind != StrategyKind::pba) return;
  for (const Country& c : s.countries)
    if (!c.performance || !c.gni_per_capita)
      throw InputError(at.where, path,
                       "a `pba` strategy needs `performance` and `gni_per_capita` for every country; " + c.iso3 +
                           " has " + (c.performance ? "no gni_per_capita" : "no performance"));
}

}  // namespace pbflow::scenario::detail
