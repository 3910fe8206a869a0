#include "pbflow/scenario.h"

#include "vocabulary.h"

namespace pbflow {

const char* to_string(PurposeEffect e) { return scenario::kPurposeEffectWords[static_cast<int>(e)].c_str(); }

// The defaults of docs/model.md 1.9. A code whose programmes do what its
// pillar's general programme does carries the pillar's own figures (and
// says so); the rest are illustrative until a study pins them, which is why
// every one of them can be set and swept (model.purposes.CODE.KEY).
std::vector<PurposeCode> default_purpose_codes() {
  using E = PurposeEffect;
  constexpr Pillar H = Pillar::humanitarian, P = Pillar::peace;
  const std::string peace_pillar = "the peace pillar's own defaults (docs/model.md 2.2)";
  const std::string relief_pillar = "the humanitarian pillar's own defaults (docs/model.md 2.2)";
  // code, name, pillar, acts on, usd per person-month, decay a month, strength, scale, window, source
  return {
      {15130, "Legal and judicial development", P, E::peace, 0.05, 1.0 / 60.0, 1.0, 2.0, 36, ""},
      {15151, "Elections", P, E::peace, 0.10, 1.0 / 12.0, 1.0, 2.0, 36, ""},
      {15210, "Security system management and reform", P, E::peace, 0.05, 1.0 / 48.0, 1.0, 2.0, 36, ""},
      {15220, "Civilian peace-building, conflict prevention and resolution", P, E::peace, 0.30, 1.0 / 24.0, 1.0, 2.0,
       36, peace_pillar},
      {15230, "Participation in international peacekeeping operations", P, E::peace, 0.30, 1.0 / 24.0, 1.0, 2.0, 36,
       "peacekeeping spending as the relapse calibration reads it (docs/model.md 1.8)"},
      {15240, "Reintegration and SALW control", P, E::early_peace, 0.10, 1.0 / 24.0, 2.0, 2.0, 36, ""},
      {15250, "Removal of land mines and explosive remnants of war", P, E::development_absorption, 0.05, 1.0 / 120.0,
       0.5, 2.0, 36, ""},
      {72010, "Material relief assistance and services", H, E::humanitarian_reach, 1.0, 1.0 / 3.0, 1.0, 2.0, 36,
       relief_pillar},
      {72040, "Emergency food assistance", H, E::humanitarian_reach, 1.0, 1.0 / 3.0, 1.0, 2.0, 36, relief_pillar},
      {72050, "Relief co-ordination and support services", H, E::humanitarian_reach, 0.20, 1.0 / 3.0, 0.5, 2.0, 36, ""},
      {73010, "Immediate post-emergency reconstruction and rehabilitation", H, E::development, 0.50, 1.0 / 60.0, 1.0,
       2.0, 36, ""},
      {74020, "Multi-hazard response preparedness", H, E::development, 0.10, 1.0 / 60.0, 0.5, 2.0, 36, ""},
  };
}

const PurposeCode* find_purpose_code(const std::vector<PurposeCode>& purposes, int code) {
  for (const PurposeCode& p : purposes)
    if (p.code == code) return &p;
  return nullptr;
}

}  // namespace pbflow
