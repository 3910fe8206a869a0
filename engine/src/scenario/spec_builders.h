// The builders the language description is written with (spec.cc and the
// files that describe a part of it), so each part reads like a table.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "pbflow/limits.h"
#include "spec.h"
#include "vocabulary.h"

namespace pbflow::scenario {
// A default as the reference shows it (spec.cc).
std::string shown(double v);
}  // namespace pbflow::scenario

namespace pbflow::scenario::spec_builders {

// Small builders so the language below reads like a table.
inline SpecPtr num(std::optional<double> lo = {}, std::optional<double> hi = {}, bool lo_ex = false,
            bool hi_ex = false, std::string title = "number") {
  auto s = std::make_shared<Spec>();
  s->type = Spec::Type::number;
  s->title = std::move(title);
  s->min = lo;
  s->max = hi;
  s->min_exclusive = lo_ex;
  s->max_exclusive = hi_ex;
  return s;
}
// Every whole number has both ends, so no value overflows when it becomes an int.
inline SpecPtr integer(double lo, double hi = static_cast<double>(limits::kMaxInt)) {
  auto s = std::make_shared<Spec>(*num(lo, hi, false, false, "whole number"));
  s->type = Spec::Type::integer;
  return s;
}
inline SpecPtr str(StringFormat f = StringFormat::text, std::string title = "text") {
  auto s = std::make_shared<Spec>();
  s->type = Spec::Type::string;
  s->format = f;
  s->title = std::move(title);
  return s;
}
inline SpecPtr boolean() {
  auto s = std::make_shared<Spec>();
  s->type = Spec::Type::boolean;
  s->title = "true or false";
  return s;
}
inline SpecPtr enumeration(std::vector<std::string> values, std::string title) {
  auto s = std::make_shared<Spec>();
  s->type = Spec::Type::enumeration;
  s->values = std::move(values);
  s->title = std::move(title);
  return s;
}
inline SpecPtr map(std::vector<Field> fields, std::string title = "map") {
  auto s = std::make_shared<Spec>();
  s->type = Spec::Type::map;
  s->fields = std::move(fields);
  s->title = std::move(title);
  return s;
}
inline SpecPtr dict(SpecPtr key, SpecPtr value, int min_items = 0) {
  auto s = std::make_shared<Spec>();
  s->type = Spec::Type::dict;
  s->title = "map of " + key->title;
  s->key_spec = std::move(key);
  s->item = std::move(value);
  s->min_items = min_items;
  return s;
}
inline SpecPtr list(SpecPtr item, int min_items = 0, int max_items = -1) {
  auto s = std::make_shared<Spec>();
  s->type = Spec::Type::list;
  s->title = "list";
  s->item = std::move(item);
  s->min_items = min_items;
  s->max_items = max_items;
  return s;
}
inline SpecPtr one_of(std::vector<SpecPtr> alternatives, std::string title) {
  auto s = std::make_shared<Spec>();
  s->type = Spec::Type::one_of;
  s->alternatives = std::move(alternatives);
  s->title = std::move(title);
  return s;
}
inline Field req(std::string name, SpecPtr spec, std::string doc) {
  return {std::move(name), std::move(spec), true, "", std::move(doc)};
}
inline Field opt(std::string name, SpecPtr spec, std::string def, std::string doc) {
  return {std::move(name), std::move(spec), false, std::move(def), std::move(doc)};
}

inline SpecPtr share() { return num(0.0, 1.0, false, false, "share"); }
inline SpecPtr id(std::string title) { return str(StringFormat::identifier, std::move(title)); }
inline SpecPtr pillar() { return enumeration(kPillarWords, "pillar"); }
inline SpecPtr phase() { return enumeration(kPhaseWords, "phase"); }
inline SpecPtr year_month() { return str(StringFormat::year_month, "month (YYYY-MM)"); }
inline SpecPtr iso3() { return str(StringFormat::iso3, "ISO3 country code"); }
inline SpecPtr channel_shares() { return dict(id("channel id"), share(), 1); }
inline SpecPtr pillar_weights() { return dict(pillar(), num(0.0), 1); }
inline SpecPtr purpose_code() { return enumeration(purpose_code_words(), "DAC purpose code"); }

// Parts of the language described in their own files.
SpecPtr loan_spec();          // spec_instruments.cc
SpecPtr peacekeeping_spec();  // spec_instruments.cc
SpecPtr purposes_spec();      // spec_instruments.cc: model.purposes

}  // namespace pbflow::scenario::spec_builders
