// Sub-sectors by DAC purpose code (docs/model.md, 1.9): a line's shares of
// its pillars' money by code, the codes a channel is limited to, and the
// codes' model parameters.
#include <algorithm>

#include "converter.h"
#include "validate.h"
#include "vocabulary.h"

namespace pbflow::scenario::detail {

namespace {

const PurposeCode& purpose_of(const std::vector<PurposeCode>& purposes, const std::string& code) {
  return *find_purpose_code(purposes, std::stoi(code));  // validated: one of the known codes
}

std::string code_and_pillar(const PurposeCode& p) {
  return std::to_string(p.code) + " (" + p.name + ") is a " + to_string(p.pillar) + " code";
}

}  // namespace

void Converter::read_line_purposes(const Node& n, const std::string& path, BudgetLine& line) const {
  const Node* purposes = n.find("purposes");
  if (!purposes) return;
  if (line.to)
    throw InputError(purposes->where, path + ".purposes",
                     "`purposes` has no effect on a line that sends core money (`to:`): give its channels "
                     "`purposes:` instead");
  read_purpose_shares(*purposes, path + ".purposes", line.pillars, "this line funds", line.purposes);
}

void Converter::read_purpose_shares(const Node& purposes, const std::string& path, const std::vector<Pillar>& pillars,
                                    const char* funds_what, std::map<int, double>& out) const {
  PillarArray<std::vector<ShareMember>> members;
  PillarArray<double> sums{};
  for (const Entry& e : purposes.entries) {
    const PurposeCode& p = purpose_of(purposes_, e.key);
    if (std::find(pillars.begin(), pillars.end(), p.pillar) == pillars.end())
      throw InputError(e.key_where, path + "." + e.key,
                       code_and_pillar(p) + ", and " + funds_what + " no " + to_string(p.pillar) + " programme");
    const double share = read_number(e.value, path + "." + e.key);
    out[p.code] = share;
    const int pillar = static_cast<int>(p.pillar);
    members[pillar].push_back({e.key, share, e.value.where});
    sums[pillar] += share;
  }
  for (int pillar = 0; pillar < kPillars; ++pillar)
    if (sums[pillar] > 1.0 + kShareTolerance)
      throw_share_error(purposes.where, path, members[pillar], sums[pillar],
                        std::string("a pillar's purpose shares must sum to at most 1 (the rest funds its general "
                                    "programme); the ") + to_string(static_cast<Pillar>(pillar)) + " codes'");
}

void Converter::read_channel_purposes(const Node& n, const std::string& path, Channel& c) const {
  const Node* purposes = n.find("purposes");
  if (!purposes) return;
  for (const Entry& e : purposes->entries) {
    const PurposeCode& p = purpose_of(purposes_, e.key);
    if (!c.mandate.allows(p.pillar))
      throw InputError(e.key_where, path + ".purposes." + e.key,
                       code_and_pillar(p) + ", outside the channel's mandate");
    c.purposes[p.code] = read_number(e.value, path + ".purposes." + e.key);
  }
  // Core money it earmarks to a pillar goes to its codes of that pillar.
  if (c.core)
    for (int pillar = 0; pillar < kPillars; ++pillar) {
      if (c.core->pillar_weights[pillar] <= 0.0) continue;
      bool covered = false;
      for (const auto& [code, weight] : c.purposes)
        covered = covered || find_purpose_code(purposes_, code)->pillar == static_cast<Pillar>(pillar);
      if (!covered)
        throw InputError(purposes->where, path + ".purposes",
                         std::string("the channel's core money funds ") + to_string(static_cast<Pillar>(pillar)) +
                             " programmes, but it works on no " + to_string(static_cast<Pillar>(pillar)) +
                             " purpose code; name one here or leave the pillar out of `core.pillars`");
    }
}

void Converter::read_purpose_parameters(const Node* n, std::vector<PurposeCode>& purposes) {
  if (!n) return;
  for (const Entry& e : n->entries) {
    PurposeCode& p = purposes[&purpose_of(purposes, e.key) - purposes.data()];
    const std::string path = "model.purposes." + e.key;
    if (const Node* a = e.value.find("acts_on")) p.acts_on = from_word<PurposeEffect>(kPurposeEffectWords, a->text);
    p.usd_per_person_month = number_or(e.value, path, "usd_per_person_month", p.usd_per_person_month);
    p.decay = number_or(e.value, path, "decay", p.decay);
    p.strength = number_or(e.value, path, "strength", p.strength);
    p.scale = number_or(e.value, path, "scale", p.scale);
    p.window_months = static_cast<int>(number_or(e.value, path, "window_months", p.window_months));
  }
}

}  // namespace pbflow::scenario::detail
