// The language of instruments beyond grants: loan lines and UN
// peacekeeping (docs/model.md, 1.7 and 1.8).
#include "pbflow/scenario.h"
#include "spec_builders.h"

namespace pbflow::scenario::spec_builders {

SpecPtr loan_spec() {
  const Loan d;
  auto relief = map({
      req("at", year_month(), "the month the relief is granted"),
      opt("arrears", share(), shown(d.relief_arrears), "share of the arrears cancelled"),
      opt("outstanding", share(), shown(d.relief_outstanding), "share of the outstanding principal cancelled"),
  }, "debt relief");
  return map({
      req("borrower", iso3(), "the borrowing country, one of the scenario's countries"),
      opt("pillar", pillar(), "development", "the borrower's programme the disbursements fund"),
      opt("commitments", dict(str(StringFormat::year, "fiscal year"), num(0.0, 1e18), 1), "none",
          "amounts committed (loan agreements) per fiscal year, donor currency; disbursing from the year's first month"),
      opt("commitments_at", dict(year_month(), num(0.0, 1e18), 1), "none",
          "amounts committed in a given month (YYYY-MM), donor currency; disbursing from that month"),
      opt("disbursement", list(share(), 1, 40), "[0.10, 0.20, 0.25, 0.20, 0.15, 0.10] (illustrative)",
          "share of a commitment disbursed in its fiscal year and in each one after; sums to 1"),
      opt("interest", num(0.0, 0.5), shown(d.interest), "interest a year on the outstanding principal"),
      opt("grace_years", num(0.0, 50.0), shown(d.grace_years), "years from the commitment with interest only"),
      opt("maturity_years", num(0.5, 60.0), shown(d.maturity_years),
          "years from the commitment to the last repayment"),
      opt("repayment", enumeration(kRepaymentWords, "repayment schedule"), "equal_principal",
          "after grace, monthly: `equal_principal` (the principal in equal parts, with interest on what is owed) "
          "or `annuity` (level payments of principal and interest together)"),
      opt("income_group", enumeration(kIncomeGroupWords, "income group"), "lmic",
          "the borrower's income group: the DAC discount rate of the grant element (ldc_lic 9%, lmic 7%, umic 6%)"),
      opt("arrears_in_conflict", boolean(), "true", "a borrower at war pays nothing: what falls due becomes arrears"),
      opt("relief", relief, "none", "debt relief at a month: shares of the arrears and the outstanding principal cancelled"),
  }, "loan");
}

SpecPtr peacekeeping_spec() {
  auto mission = map({
      opt("name", str(), "its id", "the mission's name"),
      req("country", iso3(), "the country it serves, one of the scenario's countries"),
      req("budgets", dict(str(StringFormat::year, "UN peacekeeping year"), num(0.0, 1e13), 1),
          "budget per UN peacekeeping year (July of the year to June of the next), base currency"),
  }, "mission");
  auto assessment = map({
      req("rates", dict(str(StringFormat::year, "UN peacekeeping year"), num(0.0, 1.0), 1),
          "share of every mission's budget assessed to this donor, from that UN peacekeeping year on"),
      opt("payment_delay_months", integer(0, limits::kMaxMonths), "0",
          "months after the assessment (each July) the donor pays"),
  }, "assessment");
  return map({
      opt("missions", dict(id("mission id"), mission, 1), "none", "UN peacekeeping missions"),
      opt("assessments", dict(id("donor id"), assessment, 1), "none",
          "donors' assessed contributions to every mission, keyed by donor id"),
  }, "peacekeeping");
}

}  // namespace pbflow::scenario::spec_builders

namespace pbflow::scenario::spec_builders {

// model.purposes: a code's parameters, each defaulting to the code's row of
// the table in docs/model.md 1.9 (which differs by code, so the reference
// points there rather than showing one value).
SpecPtr purposes_spec() {
  auto code = map({
      opt("acts_on", enumeration(kPurposeEffectWords, "purpose effect"), "by code",
          "where its programmes act: humanitarian_reach (people reached), development (the development stock), "
          "peace (the peace stock), early_peace (the peace stock, only within window_months of a settlement), "
          "development_absorption (raises development absorptive capacity)"),
      opt("usd_per_person_month", num(0.0, 1e6), "by code",
          "spending its programmes absorb per person a month at full capacity, times its pillar's phase factor"),
      opt("decay", num(0.0, 1.0), "by code", "share of its effect stock lost each month"),
      opt("strength", num(0.0, 100.0), "by code",
          "how many times its stock counts in its target's (humanitarian_reach: its spending; "
          "development_absorption: the gain g in 1 + g ln(1 + X / scale))"),
      opt("scale", num(0.0, 1e9, true), "by code", "development_absorption: stock per head (USD) at which ln(1 + X/scale) is ln 2"),
      opt("window_months", integer(0, limits::kMaxMonths), "by code", "early_peace: months after a settlement it counts"),
  }, "purpose parameters");
  return dict(purpose_code(), code, 1);
}

}  // namespace pbflow::scenario::spec_builders
