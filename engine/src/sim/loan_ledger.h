// Loans in a block of replicas (MODEL.md's money, extended for loans in
// docs/model.md, "Loans"): each fiscal year's commitment of a loan line is
// a tranche whose disbursements the plan fixes; each month the tranche's
// interest and, after grace, an equal part of its principal fall due. A
// borrower at war pays nothing (what falls due becomes arrears); debt
// relief cancels shares of arrears and outstanding principal at its month.
// Per tranche, replica by replica:
//   disbursed = principal repaid + outstanding + arrears + relieved,
// checked every month. Amounts are in the loan's (the donor's) currency.
#pragma once

#include "plan/flow_plan.h"
#include "sim/block.h"
#include "sim/country_state.h"

namespace pbflow::sim {

// A loan line's totals in a replica, in this order (rows of LoanLedger::totals).
enum LoanField {
  kLoanDisbursed = 0, kLoanPrincipalRepaid, kLoanInterestPaid, kLoanOutstanding, kLoanArrearsPrincipal,
  kLoanArrearsInterest, kLoanRelievedPrincipal, kLoanRelievedInterest
};
inline constexpr int kLoanFields = 8;

class LoanLedger {
 public:
  explicit LoanLedger(const plan::FlowPlan& plan);
  void reset(int replicas);
  // Month t: what falls due is paid or, for a borrower at war (its phase
  // this month), goes into arrears; then the month's disbursements; then
  // relief if it is due.
  void step(int t, const CountryState& countries);
  // Rows loan * kLoanFields + field: each loan line's tranches summed.
  Block totals() const;
  // Per replica, the largest relative error of the identity over months so far.
  const Row& max_error() const { return max_error_; }

 private:
  const plan::FlowPlan& plan_;
  struct Slot {
    int loan, tranche;
  };
  std::vector<Slot> slots_;  // every tranche of every loan
  Block state_;              // rows slot * kLoanFields + field
  Row max_error_;
};

}  // namespace pbflow::sim
