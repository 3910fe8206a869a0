#include <algorithm>
#include <cctype>

#include "converter.h"
#include "vocabulary.h"

#include "pbflow/limits.h"
#include "suggest.h"
#include "validate.h"

namespace pbflow::scenario::detail {

Channel Converter::read_channel(const Entry& e) const {
  const std::string path = "channels." + e.key;
  const Node& n = e.value;
  Channel c;
  c.id = e.key;
  c.where = e.key_where;
  c.name = text_or(n, "name", e.key);
  c.kind = from_word<ChannelKind>(kChannelKindWords, text_or(n, "kind", "un_agency"));
  std::string local = text_or(n, "local", "false");  // validated: true or false, in any case
  std::transform(local.begin(), local.end(), local.begin(), [](unsigned char ch) { return std::tolower(ch); });
  c.local = local == "true";
  c.overhead = number_or(n, path, "overhead", c.overhead);
  if (const Node* lag = n.find("lag")) {
    c.lag_months = read_number(*lag->find("months"), path + ".lag.months");
    c.stages = static_cast<int>(number_or(*lag, path + ".lag", "stages", c.stages));
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
    split.rule = from_word<CoreRule>(kCoreRuleWords, core->find("allocate")->text);
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
  read_channel_purposes(n, path, c);
  return c;
}

Country Converter::read_country(const Entry& e) const {
  const std::string path = "countries." + e.key;
  const Node& n = e.value;
  Country c;
  c.iso3 = e.key;
  c.where = e.key_where;
  c.name = text_or(n, "name", e.key);
  c.population = number_or(n, path, "population", 0);
  c.population_growth = number_or(n, path, "population_growth", c.population_growth);
  c.phase = phase_of(n.find("phase")->text);
  c.months_in_phase = static_cast<int>(number_or(n, path, "months_in_phase", c.months_in_phase));
  c.people_in_need = number_or(n, path, "people_in_need", c.people_in_need);
  if (c.people_in_need > c.population)
    throw InputError(n.find("people_in_need")->where, path + ".people_in_need",
                     "more people in need (" + show(c.people_in_need) + ") than the population (" +
                         show(c.population) + ")");
  c.capacity = number_or(n, path, "capacity", c.capacity);
  c.cost_per_person_month = number_or(n, path, "cost_per_person_month", c.cost_per_person_month);
  if (n.find("performance")) c.performance = number_or(n, path, "performance", 0);
  if (n.find("gni_per_capita")) c.gni_per_capita = number_or(n, path, "gni_per_capita", 0);
  read_pillars(n.find("effects"), path + ".effects", c.effects);
  if (const Node* level = n.find("need_level"))
    for (const auto& pe : level->entries)
      c.need_level[static_cast<int>(phase_of(pe.key))] = read_number(pe.value, path + ".need_level." + pe.key);
  return c;
}

Release Converter::read_release(const Node& n, const std::string& path) const {
  Release r;
  if (n.is_scalar()) {
    r.kind = from_word<ReleaseKind>(kScheduleWords, n.text);
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
      r.on.push_back(from_word<Trigger>(kTriggerWords, item.text));
    r.share_per_event = read_number(*res.find("share_per_event"), path + ".reserve.share_per_event");
    r.lapse_at_year_end = text_or(res, "at_year_end", "carry") == "lapse";
  }
  return r;
}

BudgetLine Converter::read_line(const Entry& e, const std::string& donor_path) const {
  const std::string path = donor_path + ".lines." + e.key;
  const Node& n = e.value;
  if (n.find("loan")) return read_loan_line(e, donor_path);
  for (const char* key : {"share", "release"})
    if (!n.find(key))
      throw InputError(n.where, path, std::string("missing required key `") + key + "` (a grant line needs its " +
                                          (key == std::string("share") ? "share of the budget" : "release schedule") +
                                          "; a loan line has `loan:`)");
  BudgetLine line;
  line.id = e.key;
  line.where = e.key_where;
  line.share = read_number(*n.find("share"), path + ".share");
  line.scale = number_or(n, path, "scale", line.scale);
  if (const Node* amount = n.find("amount")) {
    LineAmount a;
    for (const auto& ye : amount->entries) a.by_year[std::stoi(ye.key)] = read_number(ye.value, path + ".amount." + ye.key);
    a.growth = number_or(n, path, "amount_growth", a.growth);
    line.amount = a;
  } else if (const Node* growth = n.find("amount_growth")) {
    throw InputError(growth->where, path + ".amount_growth", "`amount_growth` has no effect without `amount`");
  }
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
  // Keys the line's kind would ignore are refused, not dropped.
  if (const Node* pillars = n.find("pillars"); pillars && (to || reserve))
    throw InputError(pillars->where, path + ".pillars",
                     to ? std::string("`pillars` has no effect on a line that sends core money (`to:`): its channels "
                                      "decide where it goes")
                        : std::string("`pillars` has no effect on a reserve line: a reserve funds humanitarian "
                                      "programmes"));
  if (const Node* allocate = n.find("allocate"); allocate && reserve)
    throw InputError(allocate->where, path + ".allocate",
                     "`allocate` has no effect on a reserve line: each event that triggers it releases part of the "
                     "reserve to that country's humanitarian programme");
  if (reserve) line.pillars = {Pillar::humanitarian};
  read_line_purposes(n, path, line);
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

Donor Converter::read_donor(const Entry& e, const Scenario& s) const {
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
  d.fiscal_year_start = static_cast<int>(number_or(n, path, "fiscal_year_start", d.fiscal_year_start));
  const Node& budget = *n.find("budget");
  for (const auto& ye : budget.find("initial")->entries)
    d.budget.initial[std::stoi(ye.key)] = read_number(ye.value, path + ".budget.initial." + ye.key);
  d.budget.growth = number_or(budget, path + ".budget", "growth", d.budget.growth);
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
      sp.share_of_initial = number_or(*it, path + ".budget.supplementary", "share_of_initial", sp.share_of_initial);
      sp.amount = number_or(*it, path + ".budget.supplementary", "amount", sp.amount);
      if (const Node* l = it->find("line")) sp.line = l->text;  // checked once the lines are read
      read_earmark(*it, path + ".budget.supplementary", s, sp.country, sp.pillar, sp.deliver, sp.purposes);
      if (!sp.country.empty() && it->find("line"))
        throw InputError(it->find("line")->where, path + ".budget.supplementary.line",
                         "`line` has no effect on a supplementary budget earmarked to a country (`country:`)");
      if (!it->find("share_of_initial") && !it->find("amount"))
        throw InputError(it->where, path + ".budget.supplementary",
                         "give the supplementary budget's size: `share_of_initial` or `amount`");
      d.budget.supplementary.push_back(sp);
    }
  }
  const Node& lines = *n.find("lines");
  double sum = 0;
  std::vector<ShareMember> members;
  for (const auto& le : lines.entries) {
    d.lines.push_back(read_line(le, path));
    if (d.lines.back().loan) continue;  // loans are outside the budget's shares
    sum += d.lines.back().share;
    const Node* share = le.value.find("share");
    members.push_back({le.key + ".share", d.lines.back().share, share ? share->where : le.key_where});
  }
  if (!members.empty() && std::abs(sum - 1.0) > kShareTolerance)
    throw_share_error(lines.where, path + ".lines", members, sum, "line shares must sum to 1; these");
  std::vector<std::string> line_ids;
  for (const BudgetLine& line : d.lines) line_ids.push_back(line.id);
  // A line voted as amounts needs one for the horizon's first fiscal year.
  for (std::size_t l = 0; l < d.lines.size(); ++l)
    if (d.lines[l].amount && d.lines[l].amount->by_year.begin()->first > first_fy) {
      const Node* amount = lines.entries[l].value.find("amount");
      throw InputError(amount->where, path + ".lines." + d.lines[l].id + ".amount",
                       "the first listed fiscal year is " + std::to_string(d.lines[l].amount->by_year.begin()->first) +
                           ", after the horizon's first fiscal year " + std::to_string(first_fy) +
                           "; give an amount for " + std::to_string(first_fy));
    }
  if (const Node* sup = n.find("budget") ? n.find("budget")->find("supplementary") : nullptr) {
    std::vector<const Node*> items;
    if (sup->is_map()) items.push_back(sup);
    for (const auto& it : sup->items) items.push_back(&it);
    for (const Node* it : items)
      if (const Node* l = it->find("line")) {
        Entry named{l->text, l->where, {}};
        check_reference(named, path + ".budget.supplementary.line", line_ids, "budget line");
        for (const BudgetLine& line : d.lines)
          if (line.id == l->text && line.loan)
            throw InputError(l->where, path + ".budget.supplementary.line",
                             "`" + l->text + "` is a loan line; a supplementary budget funds grant lines "
                             "(add a commitment to the loan instead)");
      }
  }
  return d;
}

// Earmarked money may only be delivered to a channel whose mandate covers
// its pillar. (Sub-grants are followed in the network module.)
void Converter::check_mandates(const Scenario& s) const {
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

}  // namespace pbflow::scenario::detail
