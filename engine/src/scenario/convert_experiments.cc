#include <algorithm>
#include <filesystem>
#include <map>

#include "converter.h"

#include "pbflow/limits.h"
#include "suggest.h"
#include "validate.h"

namespace pbflow::scenario::detail {

Compare Converter::read_compare(const Node& n, const Scenario& s) const {
  Compare c;
  c.replicas = static_cast<int>(number_or(n, "compare", "replicas", s.simulation.replicas));
  const Node& strategies = *n.find("strategies");
  std::vector<std::string> names;
  for (const auto& e : strategies.entries) {
    names.push_back(e.key);
    CompareStrategy cs;
    cs.name = e.key;
    const std::string path = "compare.strategies." + e.key;
    // `{}`, or only `set:`: the scenario's own strategy, as the set leaves it
    // (a copy taken here would hide a set: of strategy keys).
    const bool own = e.value.is_map() && std::all_of(e.value.entries.begin(), e.value.entries.end(),
                                                     [](const Entry& x) { return x.key == "set"; });
    if (!own) {
      Strategy base = e.value.find("kind") ? Strategy{} : s.strategy;
      cs.strategy = read_strategy(e.value, path, base);
      check_pba(*cs.strategy, e.value, path, s);
    }
    if (const Node* set = e.value.find("set"))
      for (const auto& se : set->entries) cs.set.push_back({se.key, se.value.text});
    c.strategies.push_back(cs);
  }
  if (const Node* sat = n.find("satisficing")) c.satisficing_objective = number_or(*sat, "compare.satisficing", "objective_at_most", 0);
  for (const auto& cs : c.strategies) {
    if (!cs.strategy) continue;
    const Node* start = strategies.find(cs.name)->find("start");
    for (const auto& name : cs.strategy->start) {
      if (std::find(names.begin(), names.end(), name) == names.end())
        throw InputError(start->where, "compare.strategies." + cs.name + ".start",
                         "no strategy named `" + name + "`" + did_you_mean(name, names));
      if (name == cs.name)
        throw InputError(start->where, "compare.strategies." + cs.name + ".start", "a strategy cannot start from itself");
    }
  }
  c.baseline = text_or(n, "baseline", names.front());
  if (std::find(names.begin(), names.end(), c.baseline) == names.end())
    throw InputError(n.find("baseline")->where, "compare.baseline",
                     "no strategy named `" + c.baseline + "`" + did_you_mean(c.baseline, names));
  return c;
}

// `parameters:` of a sweep or of uncertainties: key path -> range or list.
std::vector<ParameterRange> Converter::read_ranges(const Node& parameters, const std::string& prefix) {
  std::vector<ParameterRange> out;
  for (const auto& e : parameters.entries) {
    ParameterRange p;
    p.path = e.key;
    const std::string path = prefix + e.key;
    if (e.value.find("min")) p.min = number_or(e.value, path, "min", 0);
    if (e.value.find("max")) p.max = number_or(e.value, path, "max", 0);
    if (const Node* v = e.value.find("values"))
      for (const auto& item : v->items) p.values.push_back(item.text);
    if (const Node* d = e.value.find("distribution")) {
      static const std::vector<std::pair<std::string, Distribution>> kinds = {
          {"uniform", Distribution::uniform}, {"normal", Distribution::normal}, {"lognormal", Distribution::lognormal},
          {"triangular", Distribution::triangular}, {"truncated_normal", Distribution::truncated_normal}};
      for (const auto& [word, kind] : kinds)
        if (d->text == word) p.distribution = kind;
    }
    p.mean = number_or(e.value, path, "mean", 0);
    p.sd = number_or(e.value, path, "sd", 0);
    p.median = number_or(e.value, path, "median", 0);
    p.sigma = number_or(e.value, path, "sigma", 0);
    p.mode = number_or(e.value, path, "mode", 0);
    // Each distribution reads its own keys; any other is an error where it is written.
    const std::map<Distribution, std::vector<std::string>> reads = {
        {Distribution::uniform, {"min", "max"}}, {Distribution::normal, {"mean", "sd"}},
        {Distribution::lognormal, {"median", "sigma"}}, {Distribution::triangular, {"min", "mode", "max"}},
        {Distribution::truncated_normal, {"mean", "sd", "min", "max"}}};
    const auto& needed = reads.at(p.distribution);
    const std::string kind = e.value.find("distribution") ? e.value.find("distribution")->text : "uniform";
    if (!p.values.empty()) {
      for (const auto& entry : e.value.entries)
        if (entry.key != "values")
          throw InputError(entry.key_where, path + "." + entry.key, "`" + entry.key + "` has no effect beside `values`");
    } else {
      for (const auto& entry : e.value.entries)
        if (entry.key != "distribution" && std::find(needed.begin(), needed.end(), entry.key) == needed.end())
          throw InputError(entry.key_where, path + "." + entry.key,
                           "`" + entry.key + "` has no effect on a " + kind + " parameter");
      for (const auto& key : needed)
        if (!e.value.find(key))
          throw InputError(e.value.where, path,
                           "a " + kind + " parameter needs " + [&] {
                             std::string all;
                             for (const auto& k : needed) all += (all.empty() ? "`" : ", `") + k + "`";
                             return all;
                           }() + (e.value.find("distribution") ? "" : " (or `values`, or a `distribution`)"));
      if (p.min && p.max && *p.min > *p.max) throw InputError(e.value.where, path, "`min` is above `max`");
      if ((p.distribution == Distribution::normal || p.distribution == Distribution::truncated_normal) && !(p.sd > 0))
        throw InputError(e.value.find("sd")->where, path + ".sd", "a standard deviation must be above 0");
      if (p.distribution == Distribution::lognormal && (!(p.median > 0) || !(p.sigma > 0)))
        throw InputError(e.value.where, path, "a lognormal needs `median` and `sigma` above 0");
      if (p.distribution == Distribution::triangular && (p.mode < *p.min || p.mode > *p.max))
        throw InputError(e.value.find("mode")->where, path + ".mode", "the mode must lie between `min` and `max`");
    }
    out.push_back(p);
  }
  return out;
}

Uncertainties Converter::read_uncertainties(const Node& n) {
  Uncertainties u;
  u.futures = static_cast<int>(number_or(n, "uncertainties", "futures", u.futures));
  u.replicas = static_cast<int>(number_or(n, "uncertainties", "replicas", 0));
  u.parameters = read_ranges(*n.find("parameters"), "uncertainties.parameters.");
  return u;
}

Sweep Converter::read_sweep(const Node& n) {
  Sweep w;
  const Node& design = *n.find("design");
  w.design = design.find("kind")->text;
  w.samples = static_cast<int>(number_or(design, "sweep.design", "samples", 0));
  w.levels = static_cast<int>(number_or(design, "sweep.design", "levels", w.levels));
  if (const Node* l = design.find("levels"); l && (w.design != "morris" || w.levels % 2 != 0))
    throw InputError(l->where, "sweep.design.levels",
                     w.design != "morris" ? "`levels` has no effect on a " + w.design + " design"
                                          : "a morris grid needs an even number of levels (its step is half the grid)");
  if (const Node* f = design.find("file")) {
    if (w.design != "file") throw InputError(f->where, "sweep.design.file", "`file` has no effect on a " + w.design + " design");
    w.file = (std::filesystem::path(f->where.file).parent_path() / f->text).string();
  } else if (w.design == "file") {
    throw InputError(design.where, "sweep.design", "a file design needs `file:`, the CSV of its points");
  }
  if (const Node* t = n.find("test_function")) w.test_function = t->text;
  w.replicas = static_cast<int>(number_or(n, "sweep", "replicas", 0));
  w.parameters = read_ranges(*n.find("parameters"), "sweep.parameters.");
  if (const Node* o = n.find("outputs"))
    for (const auto& item : o->items) w.outputs.push_back(item.text);
  // A grid's size is the product of its levels: refuse a design too large
  // to run before anything is allocated for it.
  double points = w.samples > 0 ? w.samples : 16;
  if (w.design == "sobol") points *= 2.0 * w.parameters.size() + 2;
  if (w.design == "morris") points *= w.parameters.size() + 1;
  if (w.design == "grid") {
    points = 1;
    for (const auto& p : w.parameters) points *= p.values.empty() ? (w.samples > 0 ? w.samples : 3) : p.values.size();
  }
  if (points > static_cast<double>(limits::kMaxSweepPoints))
    throw InputError(design.find("samples") ? design.find("samples")->where : design.where, "sweep.design",
                     "this design has " + show(points) + " points, more than the " +
                         std::to_string(limits::kMaxSweepPoints) + " a sweep may have; use fewer levels or an lhs design");
  return w;
}

}  // namespace pbflow::scenario::detail
