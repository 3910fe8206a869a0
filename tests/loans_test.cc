// Loans (docs/model.md, "Loans"): the DAC grant element against its closed
// form, repayments worked out by hand, arrears while the borrower is at war,
// debt relief, the ledger's identity every month on random terms, and the
// language's refusals.
#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <sstream>

#include "pbflow/engine.h"
#include "pbflow/errors.h"
#include "pbflow/results_io.h"
#include "pbflow/scenario_io.h"
#include "plan/loan_terms.h"
#include "support/test_files.h"

namespace pbflow::testing {
namespace {

// The DAC's closed form for a loan repaid in equal principal parts after
// grace, `a` payments a year (OECD DAC reporting directives).
double closed_form(double interest, double grace, double maturity, double rate, int a = 2) {
  const double d = std::pow(1.0 + rate, 1.0 / a) - 1.0;
  const double r = interest / a;
  return (1.0 - r / d) *
         (1.0 - (std::pow(1.0 + d, -a * grace) - std::pow(1.0 + d, -a * maturity)) / (d * a * (maturity - grace)));
}

// The same for level payments after grace: interest only during grace, then
// the annuity that repays 1 in the remaining periods.
double annuity_closed_form(double interest, double grace, double maturity, double rate, int a = 2) {
  const double d = std::pow(1.0 + rate, 1.0 / a) - 1.0, r = interest / a;
  const int g = static_cast<int>(std::lround(grace * a)), m = static_cast<int>(std::lround(maturity * a));
  const double payment = r == 0.0 ? 1.0 / (m - g) : r / (1.0 - std::pow(1.0 + r, -(m - g)));
  double pv = 0.0;
  for (int k = 1; k <= m; ++k) pv += (k <= g ? r : payment) / std::pow(1.0 + d, k);
  return 1.0 - pv;
}

TEST(GrantElement, AnAnnuityMatchesItsClosedForm) {
  for (double interest : {0.0, 0.0075, 0.03, 0.09})
    for (double grace : {0.0, 5.0, 10.0})
      EXPECT_NEAR(plan::dac_grant_element(interest, grace, 30.0, 0.07, Repayment::annuity),
                  annuity_closed_form(interest, grace, 30.0, 0.07), 1e-12)
          << interest << " " << grace;
  // Level payments repay principal later than equal parts: more of a gift at interest below the rate.
  EXPECT_LT(plan::dac_grant_element(0.01, 5, 30, 0.07, Repayment::equal_principal),
            plan::dac_grant_element(0.01, 5, 30, 0.07, Repayment::annuity));
}

TEST(GrantElement, MatchesTheDacClosedForm) {
  std::mt19937 gen(3);
  std::uniform_real_distribution<double> interest(0.0, 0.08), rate(0.05, 0.10), years(1.0, 40.0);
  for (int i = 0; i < 200; ++i) {
    const double maturity = std::round(years(gen) * 2.0) / 2.0 + 1.0;
    const double grace = std::round(std::uniform_real_distribution<double>(0.0, maturity - 0.5)(gen) * 2.0) / 2.0;
    const double in = interest(gen), d = rate(gen);
    EXPECT_NEAR(plan::dac_grant_element(in, grace, maturity, d), closed_form(in, grace, maturity, d), 1e-12)
        << in << " " << grace << " " << maturity << " " << d;
  }
  // A gift has no repayments to discount; a loan at the discount rate is no gift.
  EXPECT_NEAR(plan::dac_grant_element(0.0, 59.5, 60.0, 0.09), 1.0 - std::pow(1.09, -59.75), 1e-3);
  EXPECT_NEAR(plan::dac_grant_element(2.0 * (std::sqrt(1.07) - 1.0), 5, 20, 0.07), 0.0, 1e-12);
  // The DAC's thresholds and rates by income group.
  EXPECT_EQ(plan::dac_discount_rate(IncomeGroup::ldc_lic), 0.09);
  EXPECT_EQ(plan::dac_grant_element_threshold(IncomeGroup::lmic), 0.15);
}

// small.yaml with a loan line to AFG and the hazards that keep it at peace
// (or at war) throughout.
std::string loan_scenario(const std::string& loan, const std::string& phase = "stable", int months = 48) {
  std::string hazards = phase == "stable" ? "onset_hazard: 0" : "conflict_end_hazard: 0";
  return "pbflow: 1\nextends: " + source_path("tests/data/small.yaml") + "\nname: loans\nhorizon: {start: 2025-04, months: " +
         std::to_string(months) + "}\nsimulation: {replicas: 4, seed: 7}\n"
         "channels:\n  jica: {kind: bilateral, overhead: 0.0, lag: {months: 0, stages: 1}, mandate: {pillars: [development]}}\n"
         "countries:\n  AFG: {phase: " + phase + "}\n"
         "model: {phases: {" + hazards + "}}\n"
         "donors:\n  japan:\n    lines:\n      afg_loan:\n        loan: " + loan +
         "\n        deliver: {development: {jica: 1.0}}\n";
}

RunResult run_yaml(const std::string& yaml, int replicas = 4) {
  TempDir dir;
  RunOptions o;
  o.replicas = replicas;
  return Engine::load(dir.write("loan.yaml", yaml)).run(o);
}

TEST(Loans, RepaymentsWorkedOutByHand) {
  // 1.2e9 yen committed in FY2025, all disbursed in that year (1e8 a month
  // from April 2025), 1.2% a year, one year of grace, repaid by month 24.
  const RunResult r = run_yaml(loan_scenario(
      "{borrower: AFG, commitments: {2025: 1.2e9}, disbursement: [1.0], interest: 0.012, grace_years: 1, "
      "maturity_years: 2}"));
  ASSERT_EQ(r.loans.size(), 1u);
  EXPECT_EQ(r.loans[0].currency, "JPY");
  // By hand: month m (0-11) owes interest on the m tenths disbursed before
  // it; from month 12 the 1.2e9 falls due in 12 equal parts of 1e8, with
  // interest on what is still owed (1.2e9 - 1e8 * j in month 12 + j).
  double interest = 0.0;
  for (int m = 0; m < 12; ++m) interest += 1e8 * m * 0.001;
  for (int j = 0; j < 12; ++j) interest += (1.2e9 - 1e8 * j) * 0.001;
  for (int i = 0; i < r.replicas; ++i) {
    const LoanTotals& t = r.loan_totals[i];
    EXPECT_NEAR(t.committed, 1.2e9, 1e-3);
    EXPECT_NEAR(t.disbursed, 1.2e9, 1e-3);
    EXPECT_NEAR(t.principal_repaid, 1.2e9, 1e-3);
    EXPECT_NEAR(t.outstanding, 0.0, 1e-3);
    EXPECT_NEAR(t.interest_paid, interest, 1e-3);
    EXPECT_EQ(t.arrears_principal, 0.0);
    EXPECT_NEAR(t.reflows(), 1.2e9 + interest, 1e-3);
    EXPECT_NEAR(t.net_disbursed(), 0.0, 1e-3);
  }
  // Signed in a month instead: the same loan two months later, the same sums.
  const RunResult at = run_yaml(loan_scenario(
      "{borrower: AFG, commitments_at: {2025-06: 1.2e9}, disbursement: [1.0], interest: 0.012, grace_years: 1, "
      "maturity_years: 2}"));
  for (int i = 0; i < at.replicas; ++i) {
    EXPECT_NEAR(at.loan_totals[i].principal_repaid, 1.2e9, 1e-3);
    EXPECT_NEAR(at.loan_totals[i].interest_paid, interest, 1e-3);
  }
  // The disbursements reach the borrower's development programme as grants would.
  for (int i = 0; i < r.replicas; ++i) EXPECT_GT(r.outcome(i, 1).spent[1], r.outcome(i, 0).spent[1]);
}

TEST(Loans, AnAnnuityIsRepaidByLevelPayments) {
  const RunResult r = run_yaml(loan_scenario(
      "{borrower: AFG, commitments: {2025: 1.2e9}, disbursement: [1.0], interest: 0.012, grace_years: 1, "
      "maturity_years: 3, repayment: annuity}"));
  // By hand: 11 months of interest as the tenths arrive, then from month 12
  // a level payment P that repays 1.2e9 in 24 months at 0.1% a month.
  double interest = 0.0;
  for (int m = 0; m < 12; ++m) interest += 1e8 * m * 0.001;
  const double rate = 0.001, payment = 1.2e9 * rate / (1.0 - std::pow(1.0 + rate, -24));
  double owed = 1.2e9;
  for (int k = 0; k < 24; ++k) {
    interest += owed * rate;
    owed -= payment - owed * rate;
  }
  for (int i = 0; i < r.replicas; ++i) {
    EXPECT_NEAR(r.loan_totals[i].principal_repaid, 1.2e9, 1e-3);
    EXPECT_NEAR(r.loan_totals[i].interest_paid, interest, 1e-3);
    EXPECT_NEAR(r.loan_totals[i].outstanding, 0.0, 1e-3);
  }
}

TEST(Loans, ABorrowerAtWarPaysNothingAndReliefCancelsArrears) {
  const std::string terms =
      "{borrower: AFG, commitments: {2025: 1.2e9}, disbursement: [1.0], interest: 0.012, grace_years: 1, "
      "maturity_years: 2";
  const RunResult war = run_yaml(loan_scenario(terms + "}", "conflict"));
  for (int i = 0; i < war.replicas; ++i) {
    const LoanTotals& t = war.loan_totals[i];
    EXPECT_EQ(t.principal_repaid, 0.0);
    EXPECT_EQ(t.interest_paid, 0.0);
    EXPECT_NEAR(t.arrears_principal, 1.2e9, 1e-3);  // all of it fell due, none was paid
    EXPECT_GT(t.arrears_interest, 0.0);
    EXPECT_NEAR(t.outstanding, 0.0, 1e-3);
  }
  // Relief of all arrears and half the outstanding principal in month 18
  // (October 2026): half the principal was due by then, half still to come.
  const RunResult relieved = run_yaml(loan_scenario(terms + ", relief: {at: 2026-10, arrears: 1.0, outstanding: 0.5}}", "conflict"));
  for (int i = 0; i < relieved.replicas; ++i) {
    const LoanTotals& t = relieved.loan_totals[i];
    EXPECT_NEAR(t.relieved_principal, 0.7e9 + 0.5 * 0.5e9, 1e-3);  // arrears of months 12-18, half the rest
    EXPECT_NEAR(t.arrears_principal, 0.25e9, 1e-3);                 // what fell due after the relief
    EXPECT_NEAR(t.disbursed, t.principal_repaid + t.outstanding + t.arrears_principal + t.relieved_principal, 1e-3);
  }
  // Arrears only if the scenario says a borrower at war stops paying.
  const RunResult paying = run_yaml(loan_scenario(terms + ", arrears_in_conflict: false}", "conflict"));
  EXPECT_NEAR(paying.loan_totals[0].principal_repaid, 1.2e9, 1e-3);
}

TEST(Loans, TheLedgerHoldsEveryMonthOnRandomTerms) {
  std::mt19937 gen(11);
  for (int k = 0; k < 25; ++k) {
    auto u = [&](double lo, double hi) { return std::uniform_real_distribution<double>(lo, hi)(gen); };
    const double maturity = u(1.0, 30.0), grace = u(0.0, maturity - 0.2);
    std::ostringstream terms;
    terms.precision(17);
    terms << "{borrower: AFG, commitments: {2025: " << u(1e6, 1e11) << ", 2027: " << u(0, 1e10)
          << "}, interest: " << u(0, 0.1) << ", grace_years: " << grace << ", maturity_years: " << maturity
          << ", income_group: umic, relief: {at: 2028-0" << 1 + k % 9 << ", arrears: " << u(0, 1)
          << ", outstanding: " << u(0, 1) << "}}";
    const RunResult r = run_yaml(loan_scenario(terms.str(), k % 2 ? "fragile" : "conflict", 96), 8);
    for (int i = 0; i < r.replicas; ++i) {
      const LoanTotals& t = r.loan_totals[i];
      EXPECT_LT(r.totals[i].conservation_error, 1e-12) << terms.str();
      EXPECT_NEAR(t.disbursed, t.principal_repaid + t.outstanding + t.arrears_principal + t.relieved_principal,
                  1e-9 * t.disbursed) << terms.str();
      EXPECT_LE(t.disbursed, t.committed * (1 + 1e-12));
    }
  }
}

TEST(Loans, SameBytesForAnyThreadsAndBlockSize) {
  TempDir dir;
  const Engine e = Engine::load(dir.write(
      "loan.yaml", loan_scenario("{borrower: AFG, commitments: {2025: 3e10}, grace_years: 2, maturity_years: 6}",
                                 "fragile", 96)));
  std::string first;
  for (auto [threads, block] : {std::pair{1, 64}, std::pair{2, 3}, std::pair{2, 16}}) {
    RunOptions o;
    o.replicas = 40;
    o.threads = threads;
    o.block_size = block;
    std::ostringstream out;
    write_loans_csv(e.run(o), out);
    if (first.empty()) first = out.str();
    EXPECT_EQ(out.str(), first) << threads << " threads, blocks of " << block;
  }
}

TEST(Loans, TheLanguageRefusesWhatALoanLineCannotBe) {
  auto refused = [](const std::string& yaml, const std::string& key, const std::string& words) {
    try {
      run_yaml(yaml);
      ADD_FAILURE() << "accepted: " << key;
    } catch (const InputError& e) {
      EXPECT_EQ(e.key_path(), key) << e.what();
      EXPECT_NE(std::string(e.what()).find(words), std::string::npos) << e.what();
    }
  };
  const std::string ok = "{borrower: AFG, commitments: {2025: 1e9}}";
  std::string with_share = loan_scenario(ok);
  with_share.replace(with_share.find("        loan:"), 0, "        share: 0.1\n");
  refused(with_share, "donors.japan.lines.afg_loan.share", "no effect on a loan line");
  refused(loan_scenario("{borrower: IRQ, commitments: {2025: 1e9}}"), "donors.japan.lines.afg_loan.loan.borrower",
          "IRQ");
  refused(loan_scenario("{borrower: AFG, commitments: {2025: 1e9}, disbursement: [0.5, 0.4]}"),
          "donors.japan.lines.afg_loan.loan.disbursement", "sum to 1");
  refused(loan_scenario("{borrower: AFG, commitments: {2025: 1e9}, grace_years: 12, maturity_years: 10}"),
          "donors.japan.lines.afg_loan.loan.grace_years", "before maturity");
  refused(loan_scenario("{borrower: AFG, commitments: {2025: 1e9}, pillar: peace}"), "donors.japan.lines.afg_loan.deliver",
          "peace");
  // A grant line still needs its share.
  refused(loan_scenario(ok) + "      extra: {release: upfront, to: {fund: 1.0}}\n", "donors.japan.lines.extra",
          "missing required key `share`");
}

}  // namespace
}  // namespace pbflow::testing
