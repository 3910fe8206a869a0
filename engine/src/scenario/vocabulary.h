// The words of the scenario language for each of its enums, in the enum's
// order. The language description (validation, `pbflow schema`, the
// reference docs), the converter and to_string all read these lists, so a
// word is written once.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

#include "pbflow/scenario.h"

namespace pbflow::scenario {

inline const std::vector<std::string> kPillarWords = {"humanitarian", "development", "peace"};
inline const std::vector<std::string> kPhaseWords = {"conflict", "fragile", "stable"};
inline const std::vector<std::string> kTriggerWords = {"conflict_onset", "disaster", "displacement_surge"};
inline const std::vector<std::string> kRepaymentWords = {"equal_principal", "annuity"};  // Repayment's order
inline const std::vector<std::string> kIncomeGroupWords = {"ldc_lic", "lmic", "umic"};  // IncomeGroup's order
inline const std::vector<std::string> kScheduleWords = {"upfront", "quarterly", "monthly"};  // ReleaseKind's named schedules
inline const std::vector<std::string> kPurposeEffectWords = {"humanitarian_reach", "development", "peace",
                                                             "early_peace", "development_absorption"};  // PurposeEffect's order
// The DAC purpose codes the model knows (default_purpose_codes), as the keys a file writes.
inline std::vector<std::string> purpose_code_words() {
  std::vector<std::string> words;
  for (const PurposeCode& p : default_purpose_codes()) words.push_back(std::to_string(p.code));
  return words;
}
inline const std::vector<std::string> kCoreRuleWords = {"equal", "population", "needs"};
inline const std::vector<std::string> kChannelKindWords = {"un_agency", "trust_fund", "pooled_fund",
                                                           "ngo",       "ngo_platform", "bilateral"};
inline const std::vector<std::string> kStrategyKindWords = {"fixed", "needs", "pba", "nexus_phase", "crisis_reserve",
                                                            "optimised"};
inline const std::vector<std::string> kReviewWords = {"monthly", "quarterly", "fiscal_year"};
inline const std::vector<std::string> kCountryWeightWords = {"needs", "population", "equal"};  // CountryWeights' named rules
inline const std::vector<std::string> kShockKindWords = {"disaster", "budget",   "conflict_onset",    "supplementary",
                                                         "overhead", "lag",      "displacement_surge"};

// The enum value a validated word names.
template <typename E>
E from_word(const std::vector<std::string>& words, const std::string& word) {
  for (std::size_t i = 0; i < words.size(); ++i)
    if (words[i] == word) return static_cast<E>(i);
  throw std::logic_error("`" + word + "` passed validation but names no value");
}

}  // namespace pbflow::scenario
