// The converter from a validated document tree to the typed Scenario,
// shared by the files that read each part of the language: convert.cc
// (the whole, horizon, currency), convert_network.cc (channels, countries,
// donors and their lines), convert_strategy.cc, convert_model.cc (shocks and
// model parameters), convert_experiments.cc (compare, uncertainties, sweep).
#pragma once

#include <algorithm>
#include <cmath>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "pbflow/scenario.h"
#include "vocabulary.h"
#include "yaml_tree.h"

namespace pbflow::scenario::detail {

inline constexpr double kShareTolerance = 1e-9;

struct ShareMember {
  std::string name;
  double value;
  SourceLocation where;  // of its value
};
[[noreturn]] void throw_share_error(const SourceLocation& map_where, const std::string& path,
                                   const std::vector<ShareMember>& members, double sum, const std::string& what);

inline std::string join(const std::string& path, const std::string& key) { return path + "." + key; }

inline std::string show(double v) {
  std::ostringstream s;
  s.precision(12);
  s << v;
  return s.str();
}

inline Pillar pillar_of(const std::string& t) { return from_word<Pillar>(kPillarWords, t); }
inline Phase phase_of(const std::string& t) { return from_word<Phase>(kPhaseWords, t); }
inline Outcome outcome_of(const std::string& t) {
  for (int k = 0; k < kOutcomes; ++k)
    if (t == to_string(static_cast<Outcome>(k))) return static_cast<Outcome>(k);
  throw std::logic_error("unknown outcome " + t + " passed validation");
}

class Converter {
 public:
  explicit Converter(const Node& root) : root_(root) {}
  Scenario run(const std::string& file);

 private:
  const Node& root_;
  std::string file_;  // the file loaded (its bases are earlier layers, --set later ones)
  std::vector<std::string> channel_ids_;
  std::vector<std::string> country_ids_;
  const std::vector<PurposeCode> purposes_ = default_purpose_codes();  // each code's pillar (fixed by the code)

  static std::string text_or(const Node& n, const std::string& key, const std::string& fallback);
  static double number_or(const Node& n, const std::string& path, const std::string& key, double fallback);
  void check_reference(const Entry& e, const std::string& path, const std::vector<std::string>& known,
                       const char* what) const;
  ShareMap read_shares(const Node& n, const std::string& path, bool must_sum_to_one) const;
  static std::vector<Pillar> pillars_of(const Node& list);
  void read_horizon(Scenario& s) const;
  void read_currency(Scenario& s) const;
  Channel read_channel(const Entry& e) const;
  Country read_country(const Entry& e) const;
  Release read_release(const Node& n, const std::string& path) const;
  BudgetLine read_line(const Entry& e, const std::string& donor_path) const;
  BudgetLine read_loan_line(const Entry& e, const std::string& donor_path) const;  // convert_loan.cc
  Peacekeeping read_peacekeeping(const Node& n, const Scenario& s) const;          // convert_peacekeeping.cc
  Donor read_donor(const Entry& e, const Scenario& s) const;
  // Earmarked money may only be delivered to a channel whose mandate covers
  // its pillar. (Sub-grants are followed in the network module.)
  void check_mandates(const Scenario& s) const;
  Strategy read_strategy(const Node& n, const std::string& path, Strategy s) const;
  // A key of `n` that strategies of its kind do not read is refused, unless
  // it was inherited from a base file whose kind an extending layer changed.
  void check_strategy_keys(const Node& n, const std::string& path, StrategyKind kind) const;
  // pba reads every country's performance rating and income.
  void check_pba(const Strategy& st, const Node& at, const std::string& path, const Scenario& s) const;
  Shock read_shock(const Node& n, const std::string& path, const Scenario& s) const;
  // A supplementary budget's earmark (`country`, `pillar`, `deliver`), if it has one.
  void read_earmark(const Node& n, const std::string& path, const Scenario& s, std::string& country, Pillar& pillar,
                    std::optional<ShareMap>& deliver, std::map<int, double>& purposes) const;
  static void read_pillars(const Node* n, const std::string& path, PillarArray<double>& out);
  static void read_phases(const Node* n, const std::string& path, PhaseArray<double>& out);
  static void read_model(const Node& n, ModelParameters& m);
  // convert_purposes.cc
  void read_line_purposes(const Node& n, const std::string& path, BudgetLine& line) const;
  // Shares by purpose code of money for `pillars`; each pillar's sum at most 1.
  void read_purpose_shares(const Node& purposes, const std::string& path, const std::vector<Pillar>& pillars,
                           const char* funds_what, std::map<int, double>& out) const;
  void read_channel_purposes(const Node& n, const std::string& path, Channel& c) const;
  static void read_purpose_parameters(const Node* n, std::vector<PurposeCode>& purposes);
  Compare read_compare(const Node& n, const Scenario& s) const;
  // `parameters:` of a sweep or of uncertainties: key path -> range or list.
  static std::vector<ParameterRange> read_ranges(const Node& parameters, const std::string& prefix);
  static Uncertainties read_uncertainties(const Node& n);
  static Sweep read_sweep(const Node& n);
};

}  // namespace pbflow::scenario::detail
