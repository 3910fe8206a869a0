#include "plan/loan_terms.h"

#include <cmath>

namespace pbflow::plan {

double dac_discount_rate(IncomeGroup g) {
  switch (g) {
    case IncomeGroup::ldc_lic: return 0.09;
    case IncomeGroup::lmic: return 0.07;
    case IncomeGroup::umic: return 0.06;
  }
  return 0.07;
}

double dac_grant_element_threshold(IncomeGroup g) {
  switch (g) {
    case IncomeGroup::ldc_lic: return 0.45;
    case IncomeGroup::lmic: return 0.15;
    case IncomeGroup::umic: return 0.10;
  }
  return 0.15;
}

double principal_due(double outstanding, int periods, double rate, Repayment repayment) {
  if (repayment == Repayment::equal_principal || rate == 0.0) return outstanding / periods;
  // The level payment that repays `outstanding` in `periods`, less this period's interest.
  const double payment = outstanding * rate / (1.0 - std::pow(1.0 + rate, -periods));
  return payment - outstanding * rate;
}

double dac_grant_element(double interest, double grace_years, double maturity_years, double discount_rate,
                         Repayment repayment) {
  constexpr int kPerYear = 2;
  const double per_period = std::pow(1.0 + discount_rate, 1.0 / kPerYear) - 1.0;
  // Periods are counted in whole half-years; the principal falls due in
  // the periods after grace, up to maturity.
  const int grace = static_cast<int>(std::lround(grace_years * kPerYear));
  const int maturity = static_cast<int>(std::lround(maturity_years * kPerYear));
  double outstanding = 1.0, present_value = 0.0, discount = 1.0;
  for (int n = 1; n <= maturity; ++n) {
    discount /= 1.0 + per_period;
    const double interest_due = outstanding * interest / kPerYear;
    const double principal = n > grace ? principal_due(outstanding, maturity - n + 1, interest / kPerYear, repayment) : 0.0;
    present_value += (interest_due + principal) * discount;
    outstanding -= principal;
  }
  return 1.0 - present_value;
}

}  // namespace pbflow::plan
