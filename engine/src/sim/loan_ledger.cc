#include "sim/loan_ledger.h"

#include <algorithm>

#include "plan/loan_terms.h"

namespace pbflow::sim {

LoanLedger::LoanLedger(const plan::FlowPlan& plan) : plan_(plan) {
  for (std::size_t l = 0; l < plan.loans.size(); ++l)
    for (std::size_t k = 0; k < plan.loans[l].tranches.size(); ++k)
      slots_.push_back({static_cast<int>(l), static_cast<int>(k)});
}

void LoanLedger::reset(int replicas) {
  state_.setZero(static_cast<Eigen::Index>(slots_.size()) * kLoanFields, replicas);
  max_error_.setZero(replicas);
}

void LoanLedger::step(int t, const CountryState& countries) {
  const Eigen::Index B = state_.cols();
  for (std::size_t s = 0; s < slots_.size(); ++s) {
    const plan::LoanPlan& loan = plan_.loans[slots_[s].loan];
    const plan::LoanTranche& tranche = loan.tranches[slots_[s].tranche];
    auto row = [&](int field) { return state_.row(static_cast<Eigen::Index>(s) * kLoanFields + field).array(); };
    auto outstanding = row(kLoanOutstanding);
    const int age = t - tranche.commit_month;  // months since the commitment
    if (age >= 0) {
      const Eigen::Array<double, 1, Eigen::Dynamic> interest_due = outstanding * loan.monthly_interest;
      Eigen::Array<double, 1, Eigen::Dynamic> principal_due = Eigen::Array<double, 1, Eigen::Dynamic>::Zero(B);
      if (age >= loan.grace_months) {
        const int left = std::max(1, loan.maturity_months - age);
        const auto repayment = loan.annuity ? Repayment::annuity : Repayment::equal_principal;
        for (Eigen::Index r = 0; r < B; ++r)
          principal_due(r) = plan::principal_due(outstanding(r), left, loan.monthly_interest, repayment);
      }
      // 1 where the borrower is at war this month (and that stops its payments).
      Eigen::Array<double, 1, Eigen::Dynamic> unpaid =
          (countries.phase.row(loan.country).array() == static_cast<int>(Phase::conflict)).cast<double>();
      if (!loan.arrears_in_conflict) unpaid.setZero();
      row(kLoanArrearsPrincipal) += principal_due * unpaid;
      row(kLoanArrearsInterest) += interest_due * unpaid;
      row(kLoanPrincipalRepaid) += principal_due * (1.0 - unpaid);
      row(kLoanInterestPaid) += interest_due * (1.0 - unpaid);
      outstanding -= principal_due;
    }
    const double disbursed = tranche.disbursed[t];
    outstanding += disbursed;
    row(kLoanDisbursed) += disbursed;
    if (t == loan.relief_month) {
      row(kLoanRelievedPrincipal) += row(kLoanArrearsPrincipal) * loan.relief_arrears + outstanding * loan.relief_outstanding;
      row(kLoanRelievedInterest) += row(kLoanArrearsInterest) * loan.relief_arrears;
      row(kLoanArrearsPrincipal) *= 1.0 - loan.relief_arrears;
      row(kLoanArrearsInterest) *= 1.0 - loan.relief_arrears;
      outstanding *= 1.0 - loan.relief_outstanding;
    }
    // disbursed = repaid + outstanding + arrears + relieved, replica by replica.
    const auto held = row(kLoanPrincipalRepaid) + outstanding + row(kLoanArrearsPrincipal) + row(kLoanRelievedPrincipal);
    const auto scale = row(kLoanDisbursed).max(1.0);
    max_error_.array() = max_error_.array().max((row(kLoanDisbursed) - held).abs() / scale);
  }
}

Block LoanLedger::totals() const {
  Block out = Block::Zero(static_cast<Eigen::Index>(plan_.loans.size()) * kLoanFields, state_.cols());
  for (std::size_t s = 0; s < slots_.size(); ++s)  // tranches in order: the same sums for any block
    out.middleRows(static_cast<Eigen::Index>(slots_[s].loan) * kLoanFields, kLoanFields) +=
        state_.middleRows(static_cast<Eigen::Index>(s) * kLoanFields, kLoanFields);
  return out;
}

}  // namespace pbflow::sim
