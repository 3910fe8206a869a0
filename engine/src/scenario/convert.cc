#include "convert.h"
#include "converter.h"

#include <filesystem>

#include "pbflow/limits.h"
#include "suggest.h"
#include "validate.h"

namespace pbflow::scenario::detail {

Scenario Converter::run(const std::string& file) {
  Scenario s;
  s.file = file;
  file_ = file;
  s.version = 1;
  s.name = text_or(root_, "name", std::filesystem::path(file).stem().string());
  s.title = text_or(root_, "title", "");
  read_horizon(s);
  if (const Node* sim = root_.find("simulation")) {
    s.simulation.replicas = static_cast<int>(number_or(*sim, "simulation", "replicas", s.simulation.replicas));
    s.simulation.seed = static_cast<std::uint64_t>(
        number_or(*sim, "simulation", "seed", static_cast<double>(s.simulation.seed)));
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
  if (const Node* pk = root_.find("peacekeeping")) s.peacekeeping = read_peacekeeping(*pk, s);
  return s;
}

std::string Converter::text_or(const Node& n, const std::string& key, const std::string& fallback) {
  const Node* v = n.find(key);
  return v && v->is_scalar() ? v->text : fallback;
}

double Converter::number_or(const Node& n, const std::string& path, const std::string& key, double fallback) {
  const Node* v = n.find(key);
  return v ? read_number(*v, join(path, key)) : fallback;
}

void Converter::check_reference(const Entry& e, const std::string& path, const std::vector<std::string>& known,
                     const char* what) const {
  if (std::find(known.begin(), known.end(), e.key) == known.end())
    throw InputError(e.key_where, path, std::string("no ") + what + " named `" + e.key + "`" +
                                            did_you_mean(e.key, known));
}

// Shares that do not sum as they must: the error points where the sum was
// last changed (a `--set` flag, or the file that extends the one holding the
// rest), and lists every member with its value and where it was written.
void throw_share_error(const SourceLocation& map_where, const std::string& path,
                       const std::vector<ShareMember>& members, double sum, const std::string& what) {
  const ShareMember* changed = nullptr;
  for (const ShareMember& m : members)
    if (m.where.file.rfind("--set", 0) == 0) changed = &m;
  const bool one_file = std::all_of(members.begin(), members.end(),
                                    [&](const ShareMember& m) { return m.where.file == members.front().where.file; });
  if (!changed && !one_file)
    for (const ShareMember& m : members)
      if (m.where.file != map_where.file) changed = &m;
  // Written in one place: the map where its members are (an extending file may hold them all).
  const SourceLocation where = changed                                                         ? changed->where
                               : one_file && !members.empty() && members.front().where.file != map_where.file
                                   ? members.front().where
                                   : map_where;
  std::string list;
  for (const ShareMember& m : members) {
    list += (list.empty() ? "" : ", ") + m.name + " " + show(m.value);
    if (m.where.file != where.file) list += " (" + m.where.str() + ")";
  }
  throw InputError(where, changed ? join(path, changed->name) : path, what + " sum to " + show(sum) + ": " + list);
}

ShareMap Converter::read_shares(const Node& n, const std::string& path, bool must_sum_to_one) const {
  ShareMap out;
  std::vector<ShareMember> members;
  double sum = 0.0;
  for (const auto& e : n.entries) {
    check_reference(e, join(path, e.key), channel_ids_, "channel");
    double v = read_number(e.value, join(path, e.key));
    out.push_back({e.key, v});
    members.push_back({e.key, v, e.value.where});
    sum += v;
  }
  if (must_sum_to_one && std::abs(sum - 1.0) > kShareTolerance)
    throw_share_error(n.where, path, members, sum, "shares must sum to 1; these");
  if (!must_sum_to_one && sum >= 1.0)
    throw_share_error(n.where, path, members, sum, "sub-grant shares must sum to less than 1; these");
  return out;
}

std::vector<Pillar> Converter::pillars_of(const Node& list) {
  std::vector<Pillar> out;
  for (const auto& item : list.items) {
    Pillar p = pillar_of(item.text);
    if (std::find(out.begin(), out.end(), p) == out.end()) out.push_back(p);
  }
  return out;
}

void Converter::read_horizon(Scenario& s) const {
  const Node& h = *root_.find("horizon");
  s.horizon.start.index = *parse_year_month(h.find("start")->text);
  s.horizon.months = static_cast<int>(read_number(*h.find("months"), "horizon.months"));
}

void Converter::read_currency(Scenario& s) const {
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
      rate.volatility = number_or(e.value, path, "volatility", rate.volatility);
      rate.drift = number_or(e.value, path, "drift", rate.drift);
      if (!rate.path.empty() && (rate.volatility > 0 || rate.drift != 0))
        throw InputError(e.value.where, path,
                         "give either a `path` or a random walk (`volatility`, `drift`), not both");
      s.currency.fx[e.key] = rate;
    }
  }
}

}  // namespace pbflow::scenario::detail

namespace pbflow::scenario {

Scenario convert(const Node& root, const std::string& file) { return detail::Converter(root).run(file); }

}  // namespace pbflow::scenario
