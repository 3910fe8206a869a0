#include "converter.h"
#include "vocabulary.h"

#include "pbflow/limits.h"
#include "suggest.h"
#include "validate.h"

namespace pbflow::scenario::detail {

Shock Converter::read_shock(const Node& n, const std::string& path, const Scenario& s) const {
  Shock k;
  k.where = n.where;
  k.kind = from_word<ShockKind>(kShockKindWords, n.find("kind")->text);
  auto require = [&](const char* key, const char* why) {
    if (!n.find(key))
      throw InputError(n.where, path, std::string("missing `") + key + "`: " + why);
  };
  // Each kind's keys; any other key would do nothing where it is written.
  {
    std::vector<const char*> uses;
    switch (k.kind) {
      case ShockKind::budget: uses = {"donor", "line", "from", "scale"}; break;
      case ShockKind::supplementary:
        uses = n.find("country") ? std::vector<const char*>{"donor", "at", "amount", "country", "pillar", "deliver", "purposes"}
                                 : std::vector<const char*>{"donor", "line", "at", "amount"};
        break;
      case ShockKind::conflict_onset: uses = {"country", "at"}; break;
      case ShockKind::overhead:
      case ShockKind::lag: uses = {"channel", "from", "value"}; break;
      case ShockKind::disaster:
        uses = n.find("at") ? std::vector<const char*>{"country", "at", "people"}
                            : std::vector<const char*>{"countries", "rate_per_year", "people"};
        break;
      case ShockKind::displacement_surge: uses = {"countries", "people"}; break;
    }
    for (const Entry& e : n.entries) {
      if (e.key == "kind") continue;
      bool used = false;
      for (const char* key : uses) used = used || e.key == key;
      if (used) continue;
      std::string list = "kind";
      for (const char* key : uses) list += std::string(", ") + key;
      const std::string kind = n.find("kind")->text +
                               (k.kind == ShockKind::disaster ? (n.find("at") ? " (scheduled, with `at`)" : " (random)") : "");
      throw InputError(e.key_where, path + "." + e.key,
                       "`" + e.key + "` has no effect on a " + kind + " shock, which reads only: " + list);
    }
  }
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
    if (const Node* l = n.find("line")) {
      std::vector<std::string> lines;
      for (const auto& de : s.donors)
        if (de.id == k.donor)
          for (const auto& line : de.lines) lines.push_back(line.id);
      Entry named{l->text, l->where, {}};
      std::string what = "budget line of donor `";
      what.append(k.donor).append("`");
      check_reference(named, path + ".line", lines, what.c_str());
      k.line = l->text;
    }
  }
  if (const Node* c = n.find("channel")) {
    Entry fake{c->text, c->where, {}};
    check_reference(fake, path + ".channel", channel_ids_, "channel");
    k.channel = c->text;
  }
  if (const Node* f = n.find("from")) k.from = YearMonth{*parse_year_month(f->text)};
  if (const Node* a = n.find("at")) k.from = YearMonth{*parse_year_month(a->text)};
  k.rate_per_year = number_or(n, path, "rate_per_year", k.rate_per_year);
  if (const Node* p = n.find("people")) {
    k.people_median = read_number(*p->find("median"), path + ".people.median");
    k.people_sigma = number_or(*p, path + ".people", "sigma", k.people_sigma);
  }
  k.scale = number_or(n, path, "scale", k.scale);
  k.amount = number_or(n, path, "amount", k.amount);
  k.value = number_or(n, path, "value", k.value);
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
      if (n.find("country")) {
        std::string country;
        read_earmark(n, path, s, country, k.pillar, k.deliver, k.purposes);
      }
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

void Converter::read_earmark(const Node& n, const std::string& path, const Scenario& s, std::string& country,
                             Pillar& pillar, std::optional<ShareMap>& deliver,
                             std::map<int, double>& purposes) const {
  const Node* c = n.find("country");
  if (!c) {
    for (const char* key : {"pillar", "deliver", "purposes"})
      if (const Node* k = n.find(key))
        throw InputError(k->where, path + "." + key, std::string("`") + key + "` has no effect without `country`");
    return;
  }
  Entry named{c->text, c->where, {}};
  check_reference(named, path + ".country", country_ids_, "country");
  country = c->text;
  const Node* mix = n.find("deliver");
  if (!mix) throw InputError(n.where, path, "missing `deliver`: the channels that carry money earmarked to the country");
  if (const Node* p = n.find("pillar")) pillar = pillar_of(p->text);
  deliver = read_shares(*mix, path + ".deliver", true);
  for (const auto& [id, share] : *deliver)
    if (!s.channels[s.channel_index(id)].mandate.allows(pillar))
      throw InputError(mix->where, path + ".deliver." + id,
                       std::string("money earmarked for ") + to_string(pillar) + " is delivered to `" + id +
                           "`, whose mandate does not cover " + to_string(pillar));
  if (const Node* p = n.find("purposes"))
    read_purpose_shares(*p, path + ".purposes", {pillar}, "this budget funds", purposes);
}

void Converter::read_pillars(const Node* n, const std::string& path, PillarArray<double>& out) {
  if (n)
    for (const auto& e : n->entries) out[static_cast<int>(pillar_of(e.key))] = read_number(e.value, path + "." + e.key);
}

void Converter::read_phases(const Node* n, const std::string& path, PhaseArray<double>& out) {
  if (n)
    for (const auto& e : n->entries) out[static_cast<int>(phase_of(e.key))] = read_number(e.value, path + "." + e.key);
}

void Converter::read_model(const Node& n, ModelParameters& m) {
  read_purpose_parameters(n.find("purposes"), m.purposes);
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

}  // namespace pbflow::scenario::detail
