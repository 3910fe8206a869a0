#include "validate.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cerrno>
#include <cmath>
#include <cstdlib>

#include "iso3166.h"
#include "suggest.h"

namespace pbflow::scenario {

namespace {

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

[[noreturn]] void fail(const Node& node, const std::string& path, const std::string& what) {
  throw InputError(node.where, path, what);
}

std::string join(const std::string& path, const std::string& key) {
  return path.empty() ? key : path + "." + key;
}

bool is_identifier(const std::string& s) {
  if (s.empty() || !std::isalpha(static_cast<unsigned char>(s[0]))) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
  });
}

bool is_dotted_path(const std::string& s) {
  if (s.empty() || s.front() == '.' || s.back() == '.' || s.find("..") != std::string::npos) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.';
  });
}

// Does the string satisfy its format? Returns an explanation if not.
std::string format_problem(const std::string& s, StringFormat format) {
  switch (format) {
    case StringFormat::text: return "";
    case StringFormat::identifier: return is_identifier(s) ? "" : "not a valid name";
    case StringFormat::currency_code:
      return s.size() == 3 && std::all_of(s.begin(), s.end(), [](char c) { return c >= 'A' && c <= 'Z'; })
                 ? ""
                 : "not a three-letter upper-case currency code";
    case StringFormat::iso3:
      if (is_iso3166_alpha3(s)) return "";
      if (const std::string hint = iso3166_suggestion(s); !hint.empty())
        return "not an ISO 3166-1 alpha-3 country code" + hint;
      return "not an ISO 3166-1 alpha-3 country code" + did_you_mean(s, iso3166_alpha3_codes());
    case StringFormat::year_month:
      return parse_year_month(s) ? "" : "not a valid month (write YYYY-MM, month 01-12)";
    case StringFormat::dotted_path: return is_dotted_path(s) ? "" : "not a dotted key path";
    case StringFormat::year: {
      char* end = nullptr;
      long y = std::strtol(s.c_str(), &end, 10);
      return (!s.empty() && *end == '\0' && y >= 1900 && y <= 2500) ? "" : "not a year between 1900 and 2500";
    }
  }
  return "";
}

bool kind_fits(const Node& node, const Spec& spec) {
  switch (spec.type) {
    case Spec::Type::map:
    case Spec::Type::dict: return node.is_map();
    case Spec::Type::list: return node.is_sequence();
    case Spec::Type::one_of:
      return std::any_of(spec.alternatives.begin(), spec.alternatives.end(),
                         [&](const SpecPtr& a) { return kind_fits(node, *a); });
    default: return node.is_scalar();
  }
}

void validate_number(const Node& node, const Spec& spec, const std::string& path) {
  double v = 0.0;
  try {
    v = read_number(node, path);
  } catch (const InputError& e) {
    // Say what this key needs, not just "a number".
    std::string detail = e.detail();
    const std::string generic = "expected a number";
    if (detail.rfind(generic, 0) == 0) detail = "expected " + spec.expected() + detail.substr(generic.size());
    throw InputError(e.where(), path, detail);
  }
  if (spec.type == Spec::Type::integer && v != std::floor(v))
    fail(node, path, "expected " + spec.expected() + ", found " + node.describe());
  // Whole numbers written as digits are compared exactly: a double would
  // round 2^53 + 1 down to 2^53 and let it pass.
  if (spec.type == Spec::Type::integer) {
    const std::string& t = node.text;
    const bool digits = !t.empty() && std::all_of(t.begin() + (t[0] == '-' || t[0] == '+'), t.end(),
                                                  [](char c) { return c >= '0' && c <= '9'; });
    if (digits) {
      long long exact = 0;
      const char* first = t.data() + (t[0] == '+');
      auto [end, error] = std::from_chars(first, t.data() + t.size(), exact);
      const bool out = error != std::errc() || end != t.data() + t.size() ||
                       (spec.min && static_cast<long double>(exact) < static_cast<long double>(*spec.min)) ||
                       (spec.max && static_cast<long double>(exact) > static_cast<long double>(*spec.max));
      if (out) fail(node, path, "expected " + spec.expected() + ", found " + node.describe());
    }
  }
  bool low = spec.min && (spec.min_exclusive ? v <= *spec.min : v < *spec.min);
  bool high = spec.max && (spec.max_exclusive ? v >= *spec.max : v > *spec.max);
  if (low || high) fail(node, path, "expected " + spec.expected() + ", found " + node.describe());
}

}  // namespace

std::optional<int> parse_year_month(const std::string& text) {
  if (text.size() != 7 || text[4] != '-') return std::nullopt;
  for (int i : {0, 1, 2, 3, 5, 6})
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) return std::nullopt;
  int year = std::stoi(text.substr(0, 4));
  int month = std::stoi(text.substr(5, 2));
  if (month < 1 || month > 12 || year < 1900 || year > 2500) return std::nullopt;
  return year * 12 + month - 1;
}

// A number written with thousands separators ("1,200", "150 000") or in
// quotes: how to write it so it reads as a number.
static std::string number_hint(const Node& node) {
  if (!node.is_scalar()) return "";
  std::string digits;
  bool separated = false;
  for (char c : node.text) {
    if (c == ',' || c == ' ' || c == '_') separated = true;
    else digits += c;
  }
  if (!separated && !node.quoted) return "";
  char* end = nullptr;
  std::strtod(digits.c_str(), &end);
  if (digits.empty() || *end != '\0') return "";
  return "; write it as " + digits + ", without " + (node.quoted ? "quotes" : "") +
         (node.quoted && separated ? " or " : "") + (separated ? "thousands separators" : "");
}

double read_number(const Node& node, const std::string& path) {
  if (!node.is_scalar() || node.quoted)
    fail(node, path, "expected a number, found " + (node.quoted ? "the quoted text " : std::string()) +
                         node.describe() + number_hint(node));
  std::string t = lower(node.text);
  if (t == ".nan" || t == "nan" || t == ".inf" || t == "-.inf" || t == "+.inf" || t == "inf" ||
      t == "-inf" || t == "infinity" || t == "-infinity")
    fail(node, path, "expected a finite number, found " + node.describe());
  errno = 0;
  char* end = nullptr;
  double v = std::strtod(node.text.c_str(), &end);
  if (node.text.empty() || *end != '\0')
    fail(node, path, "expected a number, found " + node.describe() + number_hint(node));
  if (!std::isfinite(v) || errno == ERANGE)
    fail(node, path, "expected a finite number, found " + node.describe() + " (out of range)");
  return v;
}

namespace {

// The errors found so far when a whole file is checked, and how many are worth reading.
struct ErrorList {
  std::vector<InputError> errors;
  static constexpr std::size_t kCap = 20;
};

struct EnoughErrors {};

void check(const Node& node, const Spec& spec, const std::string& path, ErrorList* list);

// Checks a child; with a list, notes its error and goes on to the next child.
void check_child(const Node& node, const Spec& spec, const std::string& path, ErrorList* list) {
  if (!list) return check(node, spec, path, nullptr);
  try {
    check(node, spec, path, list);
  } catch (const InputError& e) {
    list->errors.push_back(e);
    if (list->errors.size() >= ErrorList::kCap) throw EnoughErrors{};
  }
}

void check(const Node& node, const Spec& spec, const std::string& path, ErrorList* list) {
  switch (spec.type) {
    case Spec::Type::number:
    case Spec::Type::integer:
      validate_number(node, spec, path);
      return;
    case Spec::Type::string: {
      if (!node.is_scalar()) fail(node, path, "expected " + spec.expected() + ", found " + node.describe());
      std::string problem = format_problem(node.text, spec.format);
      if (!problem.empty()) fail(node, path, "expected " + spec.expected() + ", found " + node.describe() + ": " + problem);
      return;
    }
    case Spec::Type::boolean: {
      std::string t = node.is_scalar() ? lower(node.text) : "";
      if (t != "true" && t != "false") fail(node, path, "expected true or false, found " + node.describe());
      return;
    }
    case Spec::Type::enumeration: {
      if (!node.is_scalar() ||
          std::find(spec.values.begin(), spec.values.end(), node.text) == spec.values.end())
        fail(node, path, "expected " + spec.expected() + ", found " + node.describe() +
                             (node.is_scalar() ? did_you_mean(node.text, spec.values) : ""));
      return;
    }
    case Spec::Type::map: {
      if (!node.is_map()) fail(node, path, "expected " + spec.title + " (a map), found " + node.describe());
      std::vector<std::string> names;
      for (const auto& f : spec.fields) names.push_back(f.name);
      for (const auto& e : node.entries) {
        const Field* f = spec.field(e.key);
        if (!f) {
          InputError unknown(e.key_where, join(path, e.key), "unknown key in " + spec.title + did_you_mean(e.key, names));
          if (!list) throw unknown;
          list->errors.push_back(unknown);
          if (list->errors.size() >= ErrorList::kCap) throw EnoughErrors{};
          continue;
        }
        check_child(e.value, *f->spec, join(path, e.key), list);
      }
      for (const auto& f : spec.fields)
        if (f.required && !node.find(f.name)) {
          InputError missing(node.where, path.empty() ? f.name : path,
                             "missing required key `" + f.name + "` (" + f.doc + ")");
          if (!list) throw missing;
          list->errors.push_back(missing);
          if (list->errors.size() >= ErrorList::kCap) throw EnoughErrors{};
        }
      return;
    }
    case Spec::Type::dict: {
      if (!node.is_map()) fail(node, path, "expected " + spec.expected() + ", found " + node.describe());
      if (static_cast<int>(node.entries.size()) < spec.min_items)
        fail(node, path, "expected at least " + std::to_string(spec.min_items) + " entry, found none");
      for (const auto& e : node.entries) {
        Node key;
        key.kind = Node::Kind::scalar;
        key.text = e.key;
        key.where = e.key_where;
        if (spec.key_spec->type == Spec::Type::enumeration) {
          const auto& v = spec.key_spec->values;
          if (std::find(v.begin(), v.end(), e.key) == v.end())
            throw InputError(e.key_where, join(path, e.key),
                             "unknown " + spec.key_spec->title + "; expected " + spec.key_spec->expected() +
                                 did_you_mean(e.key, v));
        } else {
          check(key, *spec.key_spec, join(path, e.key), nullptr);
        }
        check_child(e.value, *spec.item, join(path, e.key), list);
      }
      return;
    }
    case Spec::Type::list: {
      if (!node.is_sequence()) fail(node, path, "expected " + spec.expected() + ", found " + node.describe());
      int n = static_cast<int>(node.items.size());
      if (n < spec.min_items || (spec.max_items >= 0 && n > spec.max_items))
        fail(node, path,
             "expected " +
                 (spec.min_items == spec.max_items ? "exactly " + std::to_string(spec.min_items)
                                                   : "at least " + std::to_string(spec.min_items)) +
                 " items, found " + std::to_string(n));
      for (int i = 0; i < n; ++i) check_child(node.items[i], *spec.item, path + "[" + std::to_string(i) + "]", list);
      return;
    }
    case Spec::Type::one_of: {
      std::vector<const Spec*> fitting;
      for (const auto& a : spec.alternatives)
        if (kind_fits(node, *a)) fitting.push_back(a.get());
      if (fitting.empty()) fail(node, path, "expected " + spec.expected() + ", found " + node.describe());
      // Several alternatives of the same shape: accept the first that fits,
      // otherwise report the one whose error reaches deepest into the value.
      std::optional<InputError> best;
      for (const Spec* a : fitting) {
        try {
          check(node, *a, path, nullptr);  // alternatives are tried one at a time: first error only
          return;
        } catch (const InputError& e) {
          if (!best || e.key_path().size() > best->key_path().size()) best = e;
        }
      }
      if (fitting.size() == 1 || best->key_path() != path) throw *best;
      fail(node, path, "expected " + spec.expected() + ", found " + node.describe());
    }
  }
}

}  // namespace

void validate(const Node& node, const Spec& spec, const std::string& path) { check(node, spec, path, nullptr); }

void validate_all(const Node& node, const Spec& spec) {
  ErrorList list;
  bool capped = false;
  try {
    check(node, spec, "", &list);
  } catch (const EnoughErrors&) {
    capped = true;
  }
  if (list.errors.empty()) return;
  if (list.errors.size() == 1) throw list.errors.front();
  // The first where an editor jumps; every one listed, each with its place.
  const InputError& first = list.errors.front();
  std::string detail = first.detail();
  for (std::size_t i = 1; i < list.errors.size(); ++i) detail.append("\n").append(list.errors[i].what());
  detail.append("\n(").append(std::to_string(list.errors.size()));
  detail.append(capped ? " errors shown; there may be more)" : " errors)");
  throw InputError(first.where(), first.key_path(), detail);
}

}  // namespace pbflow::scenario
