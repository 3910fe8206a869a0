// A loan line (`loan:` on a budget line): its terms, its borrower, and the
// keys a loan line cannot have (it is outside the budget's shares and
// released by its disbursement profile).
#include <cmath>

#include "converter.h"
#include "validate.h"
#include "vocabulary.h"

namespace pbflow::scenario::detail {

BudgetLine Converter::read_loan_line(const Entry& e, const std::string& donor_path) const {
  const std::string path = donor_path + ".lines." + e.key;
  const Node& n = e.value;
  const Node& ln = *n.find("loan");
  const std::string lpath = path + ".loan";
  for (const char* key : {"share", "release", "allocate", "to", "pillars", "amount", "amount_growth"})
    if (const Node* k = n.find(key))
      throw InputError(k->where, path + "." + key,
                       std::string("`") + key + "` has no effect on a loan line: its commitments are "
                       "`loan.commitments`, disbursed by `loan.disbursement` to the borrower's programme");
  BudgetLine line;
  line.id = e.key;
  line.where = e.key_where;
  line.share = 0.0;
  line.scale = number_or(n, path, "scale", line.scale);
  Loan loan;
  const Node& borrower = *ln.find("borrower");
  Entry named{borrower.text, borrower.where, {}};
  check_reference(named, lpath + ".borrower", country_ids_, "country");
  loan.borrower = borrower.text;
  if (const Node* p = ln.find("pillar")) loan.pillar = pillar_of(p->text);
  if (const Node* c = ln.find("commitments"))
    for (const auto& ye : c->entries) loan.commitments[std::stoi(ye.key)] = read_number(ye.value, lpath + ".commitments." + ye.key);
  if (const Node* c = ln.find("commitments_at"))
    for (const auto& me : c->entries)
      loan.commitments_at[*parse_year_month(me.key)] = read_number(me.value, lpath + ".commitments_at." + me.key);
  if (loan.commitments.empty() && loan.commitments_at.empty())
    throw InputError(ln.where, lpath, "a loan needs `commitments` (per fiscal year) or `commitments_at` (per month)");
  if (const Node* profile = ln.find("disbursement")) {
    loan.disbursement.clear();
    std::vector<ShareMember> members;
    double sum = 0.0;
    for (std::size_t i = 0; i < profile->items.size(); ++i) {
      const double share = read_number(profile->items[i], lpath + ".disbursement[" + std::to_string(i) + "]");
      loan.disbursement.push_back(share);
      members.push_back({"year " + std::to_string(i), share, profile->items[i].where});
      sum += share;
    }
    if (std::abs(sum - 1.0) > kShareTolerance)
      throw_share_error(profile->where, lpath + ".disbursement", members, sum,
                        "a commitment's disbursement shares must sum to 1; these");
  }
  loan.interest = number_or(ln, lpath, "interest", loan.interest);
  loan.grace_years = number_or(ln, lpath, "grace_years", loan.grace_years);
  loan.maturity_years = number_or(ln, lpath, "maturity_years", loan.maturity_years);
  if (loan.grace_years >= loan.maturity_years) {
    const Node* g = ln.find("grace_years") ? ln.find("grace_years") : ln.find("maturity_years");
    throw InputError(g ? g->where : ln.where, lpath + ".grace_years",
                     "the grace period (" + show(loan.grace_years) + " years) must end before maturity (" +
                         show(loan.maturity_years) + " years)");
  }
  if (const Node* r = ln.find("repayment")) loan.repayment = from_word<Repayment>(kRepaymentWords, r->text);
  if (const Node* g = ln.find("income_group")) loan.income_group = from_word<IncomeGroup>(kIncomeGroupWords, g->text);
  if (const Node* a = ln.find("arrears_in_conflict")) loan.arrears_in_conflict = a->text == "true";
  if (const Node* relief = ln.find("relief")) {
    loan.relief_at = YearMonth{*parse_year_month(relief->find("at")->text)};
    loan.relief_arrears = number_or(*relief, lpath + ".relief", "arrears", loan.relief_arrears);
    loan.relief_outstanding = number_or(*relief, lpath + ".relief", "outstanding", loan.relief_outstanding);
  }
  // Its disbursements go to the borrower's programme through the channels
  // its pillar's `deliver:` names, and nowhere else.
  const Node* deliver = n.find("deliver");
  const std::string pillar = to_string(loan.pillar);
  if (!deliver || !deliver->find(pillar))
    throw InputError(deliver ? deliver->where : e.key_where, path + ".deliver",
                     "a loan line needs `deliver: {" + pillar + ": {channel: share, ...}}`: the channels that carry "
                     "its disbursements to " + loan.borrower + "'s " + pillar + " programme");
  for (const auto& pe : deliver->entries) {
    if (pe.key != pillar)
      throw InputError(pe.key_where, path + ".deliver." + pe.key,
                       "a loan's disbursements fund its `loan.pillar` (" + pillar + ") only; `" + pe.key +
                           "` has no effect");
    line.deliver[static_cast<int>(loan.pillar)] = read_shares(pe.value, path + ".deliver." + pe.key, true);
  }
  line.pillars = {loan.pillar};
  read_line_purposes(n, path, line);
  line.loan = loan;
  return line;
}

}  // namespace pbflow::scenario::detail
