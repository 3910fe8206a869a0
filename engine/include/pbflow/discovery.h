// Scenario discovery (`pbflow discover`): which region of a sweep's
// parameter space leads to the outcomes of interest (an output above or
// below a threshold), by PRIM, the patient rule induction method (Friedman
// and Fisher 1999), as scenario discovery uses it (Bryant and Lempert 2010).
//
// Starting from the box holding every point, each step peels off the
// `alpha` share of the points in the box at one end of one parameter (the
// peel that leaves the highest share of cases of interest), until the box
// holds less than `min_mass` of all points. Each box on the way has a
// coverage (cases of interest inside / all cases of interest) and a
// density (cases of interest inside / points inside); the box chosen is
// the densest whose coverage is at least `min_coverage`. Each restriction
// of the chosen box has a quasi-p-value: the chance, were the restriction
// dropped, of a box at least this dense by luck (one-sided binomial).
#pragma once

#include <string>
#include <vector>

#include "pbflow/sweep.h"

namespace pbflow {

struct DiscoveryOptions {
  std::string output;          // one of the sweep's outputs
  double threshold = 0.0;
  bool above = true;           // cases of interest: output > threshold (else <)
  double alpha = 0.05;         // share of the box's points peeled a step
  double min_mass = 0.05;      // stop below this share of all points
  double min_coverage = 0.5;   // the chosen box keeps at least this coverage

  bool IsValid(std::string* error) const;
};

struct PeelStep {
  double coverage = 0, density = 0, mass = 0;
  int restricted = 0;          // parameters the box restricts
};

struct BoxLimit {
  std::string parameter;
  double low = 0, high = 0;            // the box
  double full_low = 0, full_high = 0;  // the values the sweep covered
  bool restricted = false;
  double qp = 1.0;                     // quasi-p-value of the restriction
};

struct DiscoveryResult {
  std::string scenario, output;
  double threshold = 0;
  bool above = true;
  int points = 0, of_interest = 0;
  std::vector<PeelStep> trajectory;    // step 0: every point
  int chosen = 0;                      // the step whose box is reported
  std::vector<BoxLimit> box;           // per numeric parameter
  std::vector<std::string> notes;      // parameters left out, and why
};

// Throws InputError for an output the sweep lacks, no case of interest,
// or no parameter with numeric values.
DiscoveryResult discover(const SweepResult& sweep, const DiscoveryOptions& options);

}  // namespace pbflow
