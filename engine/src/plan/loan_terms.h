// A loan's terms as the OECD DAC measures them: the grant element, the
// share of a loan's face value that is a gift, from its interest, grace
// period and maturity at the discount rate of the borrower's income group
// (docs/model.md, "Loans").
#pragma once

#include "pbflow/scenario.h"

namespace pbflow::plan {

// The DAC's discount rate (a year) for loans to the official sector of a
// country of this income group, and the grant element a loan needs to count
// as ODA (OECD DAC, ODA definition since 2018 reporting: 9% and 45% for LDCs
// and other LICs, 7% and 15% for LMICs, 6% and 10% for UMICs).
double dac_discount_rate(IncomeGroup g);
double dac_grant_element_threshold(IncomeGroup g);

// The grant element of a loan of face value 1 disbursed at once, repaid by
// the DAC's convention: two payments a year, interest on the outstanding
// principal, after grace the principal in equal parts to maturity (or, for
// an annuity, level payments); discounted at `discount_rate` a year (per
// half-year, (1 + rate)^(1/2) - 1). A share in [.., 1]: 1 for a gift, 0 at
// the discount rate, below 0 above it. Computed by summing the payments'
// present values (the closed forms are the test's).
double dac_grant_element(double interest, double grace_years, double maturity_years, double discount_rate,
                         Repayment repayment = Repayment::equal_principal);

// The principal falling due in a repayment period: `outstanding` owed with
// `periods` repayments left (>= 1) at `rate` interest a period.
double principal_due(double outstanding, int periods, double rate, Repayment repayment);

}  // namespace pbflow::plan
