// IATI activity files read with expat, streaming: every activity and every
// transaction kept (problems flagged with the activity and the file's line,
// never dropped), and the delivery chains that provider and receiver
// activity ids draw between activities linked hop by hop.
//
// Expat is used with entity declarations refused outright: IATI files need
// none, and refusing them is the only sure defence against entity bombs.
#include <expat.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstring>
#include <map>
#include <set>

#include "pbflow/errors.h"
#include "pbflow/records.h"
#include "records/iati_links.h"
#include "records/organisations.h"
#include "records/pillar_tables.h"
#include "records/record_files.h"

namespace pbflow {

namespace {

// IATI 1.0x transaction type letters and their 2.0x codes.
std::string type_code(const std::string& code) {
  static const std::map<std::string, std::string> letters = {
      {"IF", "1"}, {"C", "2"}, {"D", "3"}, {"E", "4"}, {"IR", "5"}, {"LR", "6"},
      {"R", "7"},  {"QP", "8"}, {"QS", "9"}, {"CG", "10"}};
  const auto it = letters.find(code);
  return it == letters.end() ? code : it->second;
}

bool known_type(const std::string& code) {
  static const std::set<std::string> codes = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13"};
  return codes.count(code) > 0;
}

struct Share {
  std::string code;
  double percent = 100.0;
  bool given = false;
};

std::string shares_text(const std::vector<Share>& shares) {
  std::string out;
  for (const Share& s : shares) {
    char pct[32];
    std::snprintf(pct, sizeof pct, "%g", s.percent);
    out += (out.empty() ? "" : "; ") + s.code + ":" + pct;
  }
  return out;
}

// The pillar holding the largest share of the purpose codes.
std::string dominant_pillar(const std::vector<Share>& sectors) {
  std::map<std::string, double> by;
  for (const Share& s : sectors) {
    const std::string p = records::purpose_pillar(s.code);
    if (!p.empty()) by[p] += s.percent;
  }
  std::string best;
  double most = -1.0;
  for (const auto& [pillar, pct] : by)
    if (pct > most) best = pillar, most = pct;
  return best;
}

class Reader {
 public:
  Reader(const std::string& file, IatiImport& out) : file_(file), out_(out) {}

  void parse(const std::string& text) {
    XML_Parser parser = XML_ParserCreate(nullptr);
    if (!parser) throw RuntimeFailure("cannot create an XML parser");
    parser_ = parser;
    XML_SetUserData(parser, this);
    XML_SetElementHandler(parser, &Reader::start, &Reader::end);
    XML_SetCharacterDataHandler(parser, &Reader::characters);
    XML_SetEntityDeclHandler(parser, &Reader::entity_declared);
    XML_SetParamEntityParsing(parser, XML_PARAM_ENTITY_PARSING_NEVER);
    const std::size_t chunk = 1 << 16;
    bool ok = true;
    for (std::size_t at = 0; ok && at <= text.size(); at += chunk) {
      const std::size_t n = std::min(chunk, text.size() - std::min(at, text.size()));
      const bool last = at + chunk >= text.size();
      ok = XML_Parse(parser, text.data() + at, static_cast<int>(n), last) == XML_STATUS_OK;
      if (last) break;
    }
    const int line = static_cast<int>(XML_GetCurrentLineNumber(parser));
    const int column = static_cast<int>(XML_GetCurrentColumnNumber(parser)) + 1;
    const std::string error = ok ? "" : XML_ErrorString(XML_GetErrorCode(parser));
    XML_ParserFree(parser);
    if (!refused_.empty()) throw InputError({file_, line, column}, "", refused_);
    if (!ok) {
      const bool early = error.find("no element found") != std::string::npos ||
                         error.find("unclosed token") != std::string::npos;
      throw InputError({file_, line, column}, "",
                       "not well-formed XML (" + error + ")" + (early ? "; the file ends early: truncated?" : ""));
    }
    if (!saw_root_)
      throw InputError({file_, 1, 1}, "", "not an IATI activity file: no <iati-activities> or <iati-activity>");
  }

 private:
  static void start(void* self, const XML_Char* name, const XML_Char** attributes) {
    static_cast<Reader*>(self)->open(name, attributes);
  }
  static void end(void* self, const XML_Char* name) { static_cast<Reader*>(self)->close(name); }
  static void characters(void* self, const XML_Char* s, int n) { static_cast<Reader*>(self)->text_.append(s, n); }
  static void entity_declared(void* self, const XML_Char* name, int, const XML_Char*, int, const XML_Char*,
                              const XML_Char*, const XML_Char*, const XML_Char*) {
    auto* r = static_cast<Reader*>(self);
    r->refused_ = std::string("declares the entity `") + name +
                  "`: entity declarations are refused (IATI files need none, and they can expand without "
                  "bound: an XML bomb)";
    XML_StopParser(r->parser_, XML_FALSE);
  }

  int line() const { return static_cast<int>(XML_GetCurrentLineNumber(parser_)); }

  static std::string attribute(const XML_Char** a, const char* key) {
    for (int i = 0; a[i]; i += 2)
      if (std::strcmp(a[i], key) == 0) return a[i + 1];
    return "";
  }
  static bool has_attribute(const XML_Char** a, const char* key) {
    for (int i = 0; a[i]; i += 2)
      if (std::strcmp(a[i], key) == 0) return true;
    return false;
  }

  // A problem's activity is named when the activity closes (its identifier
  // may come after the problem).
  void problem(const std::string& kind, const std::string& detail, int at) {
    ++out_.problems[kind];
    if (out_.problem_list.size() >= 10000) return;
    out_.problem_list.push_back(file_ + ":" + std::to_string(at) + ": " + detail);
    if (in_activity_) pending_.push_back(out_.problem_list.size() - 1);
  }

  void name_problems() {
    for (std::size_t i : pending_) {
      std::string& p = out_.problem_list[i];
      const std::size_t at = p.find(": ", file_.size() + 1);
      p.insert(at + 2, (activity_.id.empty() ? "(no iati-identifier)" : activity_.id) + ": ");
    }
    pending_.clear();
  }

  void flag(const std::string& kind, const std::string& detail) {
    tx_.problems.push_back(detail);
    problem(kind, detail, tx_.line);
  }

  // IATI's Language codelist is lower case (`en`); `EN` is not in it.
  void check_language(const XML_Char** a, bool opens_activity) {
    const std::string lang = attribute(a, "xml:lang");
    std::string lower = lang;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
    if (lower == lang) return;
    const bool was = in_activity_;
    in_activity_ = in_activity_ || opens_activity;  // an activity's own attribute is its problem
    problem("language code not in the codelist (lower case)", "xml:lang `" + lang + "`", line());
    in_activity_ = was;
  }

  void open(const std::string& name, const XML_Char** a) {
    path_.push_back(name);
    text_.clear();
    if (name == "iati-activities" || name == "iati-activity") saw_root_ = true;
    check_language(a, name == "iati-activity");
    if (name == "iati-activity") {
      activity_ = {};
      activity_.file = file_;
      activity_.line = line();
      activity_.default_currency = attribute(a, "default-currency");
      activity_humanitarian_ = attribute(a, "humanitarian") == "1" || attribute(a, "humanitarian") == "true";
      activity_sectors_.clear();
      activity_countries_.clear();
      first_tx_ = out_.transactions.size();
      in_activity_ = true;
      return;
    }
    if (!in_activity_) return;
    const std::string parent = path_.size() >= 2 ? path_[path_.size() - 2] : "";
    if (name == "transaction") {
      tx_ = {};
      tx_.file = file_;
      tx_.line = line();
      tx_.humanitarian = activity_humanitarian_;
      if (has_attribute(a, "humanitarian")) tx_.humanitarian = attribute(a, "humanitarian") == "1";
      tx_sectors_.clear();
      tx_countries_.clear();
      in_tx_ = true;
    } else if (name == "reporting-org" && parent == "iati-activity") {
      activity_.reporting_org = attribute(a, "ref");
    } else if (name == "sector" || name == "recipient-country") {
      const std::string vocabulary = attribute(a, "vocabulary");
      const bool dac = name == "recipient-country" || vocabulary.empty() || vocabulary == "1" || vocabulary == "DAC";
      if (!dac) return;  // other vocabularies (DAC 3-digit, the reporter's own) do not name purpose codes
      Share s{attribute(a, "code"), 100.0, has_attribute(a, "percentage")};
      if (s.given) {
        char* end = nullptr;
        const std::string pct = attribute(a, "percentage");
        s.percent = std::strtod(pct.c_str(), &end);
        if (end == pct.c_str() || !std::isfinite(s.percent)) s.percent = 100.0;
      }
      if (name == "sector" && !s.code.empty() && records::purpose_pillar(s.code).empty())
        problem("sector code is not a 5-digit DAC purpose code", "sector `" + s.code + "`", line());
      auto& list = in_tx_ ? (name == "sector" ? tx_sectors_ : tx_countries_)
                          : (name == "sector" ? activity_sectors_ : activity_countries_);
      if (parent == "transaction" || parent == "iati-activity") list.push_back(s);
    } else if (in_tx_ && name == "transaction-type") {
      tx_.type = type_code(attribute(a, "code"));
    } else if (in_tx_ && name == "transaction-date") {
      tx_.date = attribute(a, "iso-date");
    } else if (in_tx_ && name == "value") {
      tx_.currency = attribute(a, "currency");
      tx_.value_date = attribute(a, "value-date");
    } else if (in_tx_ && name == "provider-org") {
      tx_.provider_ref = attribute(a, "ref");
      tx_.provider_activity = attribute(a, "provider-activity-id");
    } else if (in_tx_ && name == "receiver-org") {
      tx_.receiver_ref = attribute(a, "ref");
      tx_.receiver_activity = attribute(a, "receiver-activity-id");
    }
  }

  void close(const std::string& name) {
    const std::string parent = path_.size() >= 2 ? path_[path_.size() - 2] : "";
    const std::string text = trimmed(text_);
    if (in_activity_ && name == "iati-identifier" && parent == "iati-activity") activity_.id = text;
    if (in_tx_ && name == "value") read_value(text);
    if (in_tx_ && name == "narrative" && text.size()) {
      if (parent == "provider-org" && tx_.provider_name.empty()) tx_.provider_name = text;
      if (parent == "receiver-org" && tx_.receiver_name.empty()) tx_.receiver_name = text;
    }
    // IATI 1.0x puts the organisation's name in the element itself.
    if (in_tx_ && name == "provider-org" && tx_.provider_name.empty()) tx_.provider_name = text;
    if (in_tx_ && name == "receiver-org" && tx_.receiver_name.empty()) tx_.receiver_name = text;
    if (in_tx_ && name == "transaction") {
      in_tx_ = false;
      tx_sectors_of_.push_back(tx_sectors_);  // kept until the activity closes (its own may come later)
      tx_countries_of_.push_back(tx_countries_);
      out_.transactions.push_back(std::move(tx_));
      ++activity_.transactions;
    }
    if (in_activity_ && name == "iati-activity") finish_activity();
    path_.pop_back();
    text_.clear();
  }

  static std::string trimmed(const std::string& s) {
    const auto first = s.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) return "";
    return s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1);
  }

  void read_value(const std::string& text) {
    char* end = nullptr;
    const double v = std::strtod(text.c_str(), &end);
    if (!text.empty() && end == text.c_str() + text.size() && std::isfinite(v)) {
      tx_.has_value = true;
      tx_.value = v;
    }
  }

  // The activity is whole: its transactions get what they inherit from it,
  // and what they lack is flagged.
  void finish_activity() {
    if (activity_.id.empty()) problem("activity without iati-identifier", "no iati-identifier", activity_.line);
    for (std::size_t i = first_tx_; i < out_.transactions.size(); ++i) {
      tx_ = std::move(out_.transactions[i]);
      tx_.activity = activity_.id;
      std::vector<Share> sectors = tx_sectors_of_[i - first_tx_], countries = tx_countries_of_[i - first_tx_];
      if (sectors.empty()) sectors = activity_sectors_;
      if (countries.empty()) countries = activity_countries_;
      tx_.sectors = shares_text(sectors);
      tx_.pillar = dominant_pillar(sectors);
      tx_.countries = shares_text(countries);
      if (tx_.type.empty()) flag("transaction without a type", "no transaction-type");
      else if (!known_type(tx_.type)) flag("undeclared transaction type code", "transaction type `" + tx_.type + "`");
      if (!tx_.has_value) flag("transaction without a value", "no value (or not a number)");
      if (tx_.currency.empty()) {
        tx_.currency = activity_.default_currency;
        if (tx_.currency.empty()) flag("value without currency", "no currency on the value or the activity");
      }
      if (tx_.has_value && tx_.value_date.empty()) flag("value without value-date", "value without value-date");
      for (const std::string* ref : {&tx_.provider_ref, &tx_.receiver_ref})
        if (!ref->empty()) {
          const records::Organisation* o = records::find_organisation(*ref);
          if (o && !o->id.empty() && records::normalised(o->id) != records::normalised(*ref))
            flag("legacy organisation id", "organisation id `" + *ref + "` (now " + o->id + ")");
        }
      out_.transactions[i] = std::move(tx_);
    }
    name_problems();
    in_activity_ = false;
    out_.activities.push_back(activity_);
    tx_sectors_of_.clear();
    tx_countries_of_.clear();
  }

  std::string file_;
  IatiImport& out_;
  XML_Parser parser_ = nullptr;
  std::vector<std::string> path_;
  std::string text_;
  std::string refused_;
  bool saw_root_ = false;
  bool in_activity_ = false, in_tx_ = false;
  bool activity_humanitarian_ = false;
  IatiActivity activity_;
  IatiTransaction tx_;
  std::size_t first_tx_ = 0;
  std::vector<Share> activity_sectors_, activity_countries_, tx_sectors_, tx_countries_;
  std::vector<std::vector<Share>> tx_sectors_of_, tx_countries_of_;
  std::vector<std::size_t> pending_;  // problem_list entries awaiting their activity's id
};

}  // namespace

IatiImport import_iati(const std::vector<std::string>& files) {
  if (files.empty()) throw InputError({}, "import iati", "give the IATI files to read");
  IatiImport out;
  out.files = files;
  for (const std::string& file : files) {
    const std::string text = records::read_record_file(file);
    Reader reader(file, out);
    reader.parse(text);
  }
  out.links = records::link_activities(out);
  for (const IatiLink& link : out.links)
    if (link.status != "linked") ++out.problems["chain link broken: " + link.status.substr(0, link.status.find(" ("))];
  return out;
}

}  // namespace pbflow
