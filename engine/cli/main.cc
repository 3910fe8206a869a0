// The `pbflow` command: a thin layer over pbflow::Engine.
// Exit codes: 0 success, 1 runtime failure, 2 invalid input or usage.
#include <CLI/CLI.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <cctype>
#include <charconv>
#include <cstdlib>
#include <tuple>
#include <iostream>
#include <sstream>

#include "import_command.h"
#include "interrupt.h"
#include "printable_output.h"
#include "progress.h"
#include "pbflow/difference.h"
#include "pbflow/engine.h"
#include "pbflow/records.h"
#include "pbflow/limits.h"
#include "pbflow/parallel.h"
#include "pbflow/results_io.h"
#include "pbflow/discovery.h"
#include "pbflow/scenario_io.h"
#include "pbflow/sensitivity.h"
#include "pbflow/sweep.h"

namespace {

int validate_files(const std::vector<std::string>& files, const std::vector<std::string>& overrides) {
  int status = 0;
  for (const auto& file : files) {
    try {
      pbflow::Engine engine = pbflow::Engine::load(file, overrides);
      const pbflow::Scenario& s = engine.scenario();
      std::cout << file << ": ok (" << s.donors.size() << " donor(s), " << s.channels.size() << " channels, "
                << s.countries.size() << " countries, " << s.horizon.months << " months)\n";
      for (const auto& w : engine.warnings()) std::cout << "warning: " << w << "\n";
    } catch (const pbflow::InputError& e) {
      std::cerr << e.what() << "\n";
      status = 2;
    }
  }
  return status;
}

// Adds an option that takes a whole number in [lo, hi]. The text is checked
// before it becomes an integer, so an out-of-range value is refused by name
// (exit 2) instead of wrapping, truncating or overflowing.
template <typename T>
CLI::Option* add_whole_number(CLI::App* cmd, const std::string& names, T& target, std::int64_t lo, std::uint64_t hi,
                              const std::string& help, bool* given = nullptr) {
  const std::string flag = names.substr(0, names.find(','));
  auto* option = cmd->add_option_function<std::string>(
      names,
      [&target, given, flag, lo, hi](const std::string& text) {
        const auto refuse = [&] {
          throw CLI::ValidationError(flag, "expected a whole number from " + std::to_string(lo) + " to " +
                                               std::to_string(hi) + ", found `" + text + "`");
        };
        const char* first = text.data();
        const char* last = text.data() + text.size();
        if (text.empty()) refuse();
        bool negative = *first == '-';
        if (*first == '+' || negative) ++first;
        std::uint64_t magnitude = 0;
        auto [end, error] = std::from_chars(first, last, magnitude);
        if (error != std::errc() || end != last || first == last) refuse();
        if (negative ? (magnitude > 0 && (lo >= 0 || magnitude > static_cast<std::uint64_t>(-lo))) : magnitude > hi) refuse();
        if (!negative && lo > 0 && magnitude < static_cast<std::uint64_t>(lo)) refuse();
        target = negative ? static_cast<T>(-static_cast<std::int64_t>(magnitude)) : static_cast<T>(magnitude);
        if (given) *given = true;
      },
      help + " [" + std::to_string(lo) + ".." + std::to_string(hi) + "]");
  option->type_name("INT");
  return option;
}

// The command line as a shell would take it back: `pbflow run 'my file.yaml' -n 10`.
std::string command_line(int argc, char** argv) {
  std::string out = "pbflow";
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const bool plain = !arg.empty() && arg.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                                             "0123456789-_./=:,+@%") == std::string::npos;
    std::string quoted = "'";
    for (char c : arg) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    out += " " + (plain ? arg : quoted + "'");
  }
  return out;
}

struct RunArgs {
  std::string file;
  std::vector<std::string> overrides;
  std::string out;
  int replicas = 0;
  std::uint64_t seed = 0;
  bool seed_given = false;
  double max_memory_gb = 0;
  bool quiet = false;
  std::string command;  // the command line, for the results' provenance
  bool no_trace = false;  // run --out without trace.csv and the Trace sheet
  std::string iati;       // run --iati FILE: the simulated flows as IATI XML
  pbflow::RunOptions options;

  // The run options with what the command line gave; a run that may be
  // stopped (SIGINT, SIGTERM) and shows progress when `progress` is given.
  pbflow::RunOptions resolved(std::optional<int> default_replicas = std::nullopt,
                              pbflow::cli::Progress* progress = nullptr) const {
    pbflow::RunOptions o = options;
    if (progress) {
      o.progress = [progress](long long done, long long total) { progress->update(done, total); };
      o.stop = &pbflow::cli::stop_requested();
    }
    if (replicas > 0) o.replicas = replicas;
    else if (default_replicas) o.replicas = default_replicas;
    if (seed_given) o.seed = seed;
    o.max_memory_bytes = max_memory_gb * 1e9;
    return o;
  }
};

// After a stop: what was written, on stderr, and the exit code a shell expects.
int said_stopped(const std::string& what) {
  std::cerr << "pbflow: stopped by signal " << pbflow::cli::stop_signal() << "; " << what << "\n";
  return pbflow::cli::stopped_exit_code();
}

int run_file(RunArgs& a) {
  if (!a.out.empty()) pbflow::check_output_folder(a.out);  // before a long run, not after
  pbflow::Engine engine = pbflow::Engine::load(a.file, a.overrides);
  for (const auto& w : engine.warnings()) std::cerr << "warning: " << w << "\n";
  pbflow::cli::Progress progress("replicas", a.quiet);
  // With --out, the run is traced too (the same run: tracing changes no
  // number), for trace.csv and the workbook's Trace sheet.
  std::optional<pbflow::TraceResult> trace;
  pbflow::RunResult plain;
  if (a.out.empty() || a.no_trace) plain = engine.run(a.resolved(std::nullopt, &progress));
  else trace = engine.trace(a.resolved(std::nullopt, &progress), pbflow::TraceOptions{});
  progress.finish();
  pbflow::RunResult& result = trace ? trace->run : plain;
  result.command = a.command;
  if (!a.out.empty()) pbflow::write_run_outputs(result, a.out, trace ? &*trace : nullptr);
  if (!a.iati.empty()) pbflow::write_iati_export(result, a.iati);
  if (!a.quiet) std::cout << pbflow::summary_table(result);
  if (!a.out.empty() && !a.quiet) std::cout << "\nResults written to " << a.out << "/\n";
  if (result.partial)
    return said_stopped("the " + std::to_string(result.replicas) + " replicas of " +
                        std::to_string(result.replicas_requested) + " that had finished are " +
                        (a.out.empty() ? "summarised above" : "in " + a.out + "/") + ", marked partial");
  return 0;
}

// `run WHATIF --against BASELINE`: both on the what-if's seed and replicas
// (common random numbers), and their paired difference. `--set` changes
// both (a shorter horizon, another model parameter): what differs between
// them is what the what-if's file says.
// `--change KEY=VALUE` (repeatable) changes the what-if only: a what-if
// without a file of its own (`run BASE --against BASE --change ...`).
int run_against(RunArgs& a, const std::string& baseline_file, const std::vector<std::string>& changes) {
  if (!a.out.empty()) pbflow::check_output_folder(a.out);  // before a long run, not after
  std::vector<std::string> whatif_overrides = a.overrides;
  for (const auto& c : changes) whatif_overrides.push_back(c);
  pbflow::Engine whatif = pbflow::Engine::load(a.file, whatif_overrides);
  pbflow::Engine baseline = pbflow::Engine::load(baseline_file, a.overrides);
  for (const auto& w : whatif.warnings()) std::cerr << "warning: " << w << "\n";
  for (const auto& w : baseline.warnings())  // each once: a what-if's base warns of the same things
    if (std::find(whatif.warnings().begin(), whatif.warnings().end(), w) == whatif.warnings().end())
      std::cerr << "warning: " << w << "\n";
  pbflow::cli::Progress progress("replicas", a.quiet);
  pbflow::RunOptions o = a.resolved(whatif.scenario().simulation.replicas, &progress);
  if (!o.seed) o.seed = whatif.scenario().simulation.seed;
  pbflow::RunResult w = whatif.run(o);
  pbflow::RunResult b = w.partial ? w : baseline.run(o);
  progress.finish();
  // The two must be paired replica by replica: a stopped pair is no difference.
  if (w.partial || b.partial) return said_stopped("a what-if needs both runs whole, so nothing was written");
  w.command = b.command = a.command;
  pbflow::DifferenceResult d = pbflow::paired_difference(w, b);
  if (!a.out.empty()) pbflow::write_difference_outputs(w, d, a.out);
  if (!a.quiet) std::cout << pbflow::difference_table(d);
  if (!a.out.empty() && !a.quiet) std::cout << "\nResults written to " << a.out << "/ (diff.json, diff.csv and the what-if's own)\n";
  return 0;
}

int compare_file(RunArgs& a) {
  if (!a.out.empty()) pbflow::check_output_folder(a.out);  // before a long run, not after
  pbflow::Engine engine = pbflow::Engine::load(a.file, a.overrides);
  pbflow::cli::Progress progress("replicas", a.quiet);
  pbflow::CompareResult result = engine.compare(a.resolved(std::nullopt, &progress));
  progress.finish();
  result.command = a.command;
  if (!a.out.empty()) pbflow::write_compare_outputs(result, a.out);
  if (!a.quiet) std::cout << pbflow::compare_table(result);
  if (!a.out.empty() && !a.quiet) std::cout << "\nResults written to " << a.out << "/\n";
  return 0;
}

int trace_file(RunArgs& a, const std::string& country, const std::string& pillar, int top) {
  if (!a.out.empty()) pbflow::check_output_folder(a.out);  // before a long run, not after
  pbflow::Engine engine = pbflow::Engine::load(a.file, a.overrides);
  pbflow::TraceOptions options;
  options.countries = {country};
  for (pbflow::Pillar p : {pbflow::Pillar::humanitarian, pbflow::Pillar::development, pbflow::Pillar::peace})
    if (pillar == pbflow::to_string(p)) options.pillar = p;  // CLI11 admits these three words only
  pbflow::TraceResult result = engine.trace(a.resolved(200), options);
  if (!a.out.empty()) pbflow::write_trace_outputs(result, a.out);
  if (!a.quiet) std::cout << pbflow::trace_table(result, &engine.scenario(), top);
  if (!a.out.empty() && !a.quiet) std::cout << "\nResults written to " << a.out << "/ (trace.csv, trace.json)\n";
  return 0;
}

// `pbflow report DIR` rebuilds a folder's report; `pbflow report FILE.sqlite`
// writes a sweep store's report beside it (or where --out says).
int report_file(const std::string& path, std::string out) {
  namespace fs = std::filesystem;
  if (!fs::is_regular_file(path)) {
    if (fs::exists(path + "/check.json")) pbflow::write_check_report(path);  // records, a later module than results
    else pbflow::write_report(path);
    std::cout << "Wrote " << path << "/report.html\n";
    return 0;
  }
  if (out.empty()) out = (fs::path(path).parent_path() / (fs::path(path).stem().string() + "-report.html")).string();
  const std::string html = pbflow::sweep_report_html(pbflow::read_sweep_store(path));
  pbflow::write_text_file(out, html);
  std::cout << "Wrote " << out << "\n";
  return 0;
}

// --shard I/N, or auto from a Slurm job array's variables.
std::pair<int, int> parse_shard(const std::string& text) {
  auto number = [&](const std::string& digits, const std::string& what) {
    int value = 0;
    const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (error != std::errc() || end != digits.data() + digits.size() || digits.empty())
      throw pbflow::InputError({}, "--shard", what + " is not a whole number: `" + digits + "`");
    return value;
  };
  if (text == "auto") {
    auto env = [&](const char* name) {
      const char* value = std::getenv(name);
      if (!value) throw pbflow::InputError({}, "--shard", std::string("--shard auto needs Slurm's ") + name + " (run it as a job array task)");
      return number(value, name);
    };
    const int id = env("SLURM_ARRAY_TASK_ID"), count = env("SLURM_ARRAY_TASK_COUNT");
    const int first = std::getenv("SLURM_ARRAY_TASK_MIN") ? env("SLURM_ARRAY_TASK_MIN") : 0;
    return {id - first, count};
  }
  const auto slash = text.find('/');
  if (slash == std::string::npos) throw pbflow::InputError({}, "--shard", "write it I/N (say 0/4), or auto");
  return {number(text.substr(0, slash), "I"), number(text.substr(slash + 1), "N")};
}

// `pbflow sensitivity DIR|FILE.sqlite`: the indices of a finished sweep.
int sensitivity_file(const std::string& source, const pbflow::SensitivityOptions& o, const std::string& out) {
  namespace fs = std::filesystem;
  const pbflow::SweepResult sweep =
      fs::is_regular_file(source) ? pbflow::read_sweep_store(source) : pbflow::read_sweep_folder(source);
  const pbflow::SensitivityResult indices = pbflow::sensitivity(sweep, o);
  std::cout << pbflow::sensitivity_table(indices);
  if (!out.empty()) {
    std::ostringstream csv;
    pbflow::write_sensitivity_csv(indices, csv);
    pbflow::write_text_file(out, csv.str());
    std::cout << "\nWritten to " << out << "\n";
  }
  return 0;
}

// `pbflow discover DIR|FILE.sqlite --output O --above|--below X`.
int discover_file(const std::string& source, const pbflow::DiscoveryOptions& o, const std::string& out) {
  namespace fs = std::filesystem;
  if (!out.empty()) pbflow::check_output_folder(out);
  const pbflow::SweepResult sweep =
      fs::is_regular_file(source) ? pbflow::read_sweep_store(source) : pbflow::read_sweep_folder(source);
  const pbflow::DiscoveryResult found = pbflow::discover(sweep, o);
  std::cout << pbflow::discovery_table(found);
  if (!out.empty()) {
    pbflow::write_discovery_outputs(found, out);
    std::cout << "\nWritten to " << out << "/ (discovery.json, discovery_trajectory.csv)\n";
  }
  return 0;
}

int sweep_file(RunArgs& a, pbflow::SweepOptions& o) {
  if (!a.out.empty()) pbflow::check_output_folder(a.out);  // before a long run, not after
  pbflow::Engine engine = pbflow::Engine::load(a.file, a.overrides);
  const pbflow::RunOptions run = a.resolved();
  o.replicas = run.replicas;
  o.seed = run.seed;
  o.threads = run.threads;
  o.max_memory_bytes = run.max_memory_bytes;
  pbflow::cli::Progress progress("points", a.quiet || !pbflow::reports_results());
  o.progress = [&progress](long long done, long long total) { progress.update(done, total); };
  o.stop = &pbflow::cli::stop_requested();
  pbflow::SweepResult result = engine.sweep(o);
  progress.finish();
  result.command = a.command;
  if (!pbflow::reports_results()) return 0;  // rank 0 reports
  if (o.design_only) {
    pbflow::write_sweep_csv(result, std::cout);  // the points, without outputs
    return 0;
  }
  // A sobol or morris sweep ends with its sensitivity indices.
  std::optional<pbflow::SensitivityResult> indices;
  if (result.design == "sobol" || result.design == "morris") {
    indices = pbflow::sensitivity(result);
    if (!o.db.empty()) pbflow::save_sensitivity_to_store(o.db, *indices);
  }
  if (!a.out.empty()) pbflow::write_sweep_outputs(result, a.out, indices ? &*indices : nullptr);
  if (!a.quiet) std::cout << pbflow::sweep_table(result);
  if (indices && !a.quiet) std::cout << "\n" << pbflow::sensitivity_table(*indices);
  if (!a.out.empty() && !a.quiet) std::cout << "\nResults written to " << a.out << "/sweep.csv\n";
  if (result.partial)
    return said_stopped(std::to_string(result.points.size()) + " of " + std::to_string(result.points_planned) +
                        " points had finished" + (o.db.empty() ? "" : " (every one kept in " + o.db + ")") +
                        "; --resume runs the rest");
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  pbflow::MpiSession mpi(&argc, &argv);  // only under mpirun
  pbflow::cli::PrintableOutput printable_out(std::cout), printable_err(std::cerr);
  CLI::App app{"pbflow: follows peacebuilding and humanitarian money from donors' budgets through\n"
               "intermediaries to country programmes, and simulates what it does there."};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("pbflow ") + pbflow::version());

  std::vector<std::string> validate_files_arg, validate_overrides;
  auto* validate = app.add_subcommand("validate", "check scenario files; exit 2 with file:line:col on error");
  validate->add_option("FILE", validate_files_arg, "scenario files")->required();
  validate->add_option("--set", validate_overrides, "override a scenario key: KEY=VALUE (repeatable)");

  // Options `run` and `compare` share.
  auto add_run_options = [](CLI::App* cmd, RunArgs& a, const char* replicas_help, const char* out_help) {
    cmd->add_option("FILE", a.file, "scenario file")->required();
    add_whole_number(cmd, "--replicas,-n", a.replicas, 1, pbflow::limits::kMaxReplicas, replicas_help);
    add_whole_number(cmd, "--seed", a.seed, 0, pbflow::limits::kMaxSeed, "random seed (default: the scenario's)",
                     &a.seed_given);
    add_whole_number(cmd, "--threads,-t", a.options.threads, 0, pbflow::limits::kMaxThreads,
                     "threads (default 0: every core)");
    add_whole_number(cmd, "--block-size", a.options.block_size, 1, pbflow::limits::kMaxBlockSize,
                     "replicas per block (default 16; results do not depend on it)");
    cmd->add_option("--set", a.overrides, "override a scenario key: KEY=VALUE (repeatable)");
    cmd->add_option("--out,-o", a.out, out_help);
    cmd->add_option("--max-memory", a.max_memory_gb, "memory a run may use, GB (default: 80% of the machine)")
        ->check(CLI::Range(0.001, 1e6));
    cmd->add_flag("--quiet,-q", a.quiet, "print nothing on success");
  };

  RunArgs run_args;
  auto* run = app.add_subcommand("run", "run a scenario's Monte Carlo and print its summary");
  add_run_options(run, run_args, "replicas (default: the scenario's)",
                  "folder for summary.json, outcomes.csv, flows.csv, timeseries.csv");
  run->add_option("--iati", run_args.iati,
                  "also write the simulated flows (means over replicas) as IATI 2.03 XML to this file");
  run->add_flag("--no-trace", run_args.no_trace,
                "with --out: skip trace.csv, trace.json and the workbook's Trace sheet (tracing every route costs "
                "about as much again as the run)");
  run->add_flag("--trajectories", run_args.options.trajectories,
                "also write trajectories.csv: every replica's monthly country states");
  std::string against;
  std::vector<std::string> changes;
  auto* against_option = run->add_option("--against", against,
                                         "baseline scenario: run both on the same replicas and report the paired "
                                         "difference (--set changes both)")
                             ->check(CLI::ExistingFile);
  run->add_option("--change", changes, "with --against: change a key of the what-if only, KEY=VALUE (repeatable)")
      ->needs(against_option);

  RunArgs compare_args;
  auto* compare = app.add_subcommand("compare", "compare the strategies of a scenario's compare: block on the same replicas");
  add_run_options(compare, compare_args, "replicas (default: compare.replicas)",
                  "folder for compare.json, compare.csv and futures.csv");

  RunArgs trace_args;
  std::string trace_country, trace_pillar;
  auto* trace = app.add_subcommand("trace", "where the money for a country's programmes went, route by route");
  add_run_options(trace, trace_args, "replicas (default: 200)", "folder for trace.csv and trace.json");
  trace->add_option("--country", trace_country, "ISO3 code of the country (any case)")->required();
  int trace_top = 10;
  add_whole_number(trace, "--top", trace_top, 0, 1000000, "routes shown per programme, the largest first (default 10; 0: all)");
  trace->add_option("--pillar", trace_pillar, "humanitarian, development or peace (default: all three)")
      ->check(CLI::IsMember({"humanitarian", "development", "peace"}));

  RunArgs sweep_args;
  pbflow::SweepOptions sweep_options;
  auto* sweep = app.add_subcommand("sweep", "run every point of a scenario's sweep: block");
  add_run_options(sweep, sweep_args, "replicas per point (default: sweep.replicas)", "folder for sweep.csv");
  add_whole_number(sweep, "--jobs,-j", sweep_options.jobs, 1, pbflow::limits::kMaxThreads,
                   "points run at once, one thread each (default 1)");
  sweep->add_option("--db", sweep_options.db, "SQLite file keeping every finished point");
  sweep->add_flag("--resume", sweep_options.resume, "reuse the points --db already holds");
  sweep->add_flag("--design-only", sweep_options.design_only, "print the design's points as CSV without running them");
  sweep->add_flag("--fail-fast", sweep_options.fail_fast, "stop at the first point whose run fails (else record it and go on)");
  std::string shard;
  sweep->add_option("--shard", shard,
                    "I/N: run the points whose index modulo N is I (0 <= I < N), as one task of N; auto: from Slurm's "
                    "SLURM_ARRAY_TASK_ID, _COUNT and _MIN");

  std::vector<std::string> merge_inputs;
  std::string merge_db;
  auto* merge = app.add_subcommand("merge", "combine the stores of a sweep's shards into one, checking they match");
  merge->add_option("STORES", merge_inputs, "the shards' stores (--db of each)")->required();
  merge->add_option("--db", merge_db, "the merged store (a new file)")->required();

  std::string discover_source, discover_out;
  pbflow::DiscoveryOptions discover_options;
  double discover_above = std::nan(""), discover_below = std::nan("");
  auto* discover = app.add_subcommand("discover", "scenario discovery (PRIM): the region of a sweep's parameters "
                                                  "where an output is above or below a threshold");
  discover->add_option("DIR|FILE.sqlite", discover_source, "a sweep's results folder, or its store (--db)")->required();
  discover->add_option("--output", discover_options.output, "the sweep output to look at")->required();
  auto* above_option = discover->add_option("--above", discover_above, "cases of interest: the output above this");
  discover->add_option("--below", discover_below, "cases of interest: the output below this")->excludes(above_option);
  discover->add_option("--alpha", discover_options.alpha, "share of the box peeled a step (default 0.05)");
  discover->add_option("--min-mass", discover_options.min_mass, "peel until the box holds this share (default 0.05)");
  discover->add_option("--min-coverage", discover_options.min_coverage,
                       "the chosen box keeps at least this coverage (default 0.5)");
  discover->add_option("--out,-o", discover_out, "folder for discovery.json and discovery_trajectory.csv");

  std::string sensitivity_source, sensitivity_out;
  pbflow::SensitivityOptions sensitivity_options;
  auto* sensitivity = app.add_subcommand("sensitivity", "Sobol' indices or Morris effects of a sobol or morris sweep");
  sensitivity->add_option("DIR|FILE.sqlite", sensitivity_source, "a sweep's results folder, or its store (--db)")
      ->required();
  sensitivity->add_flag("--second-order", sensitivity_options.second_order, "sobol: also the index of every pair");
  add_whole_number(sensitivity, "--bootstrap", sensitivity_options.bootstrap, 10, 100000,
                   "bootstrap resamples for the intervals (default 1000)");
  sensitivity->add_option("--out,-o", sensitivity_out, "file for sensitivity.csv (default: print the table only)");

  std::string report_dir, report_out;
  auto* report = app.add_subcommand("report", "(re)build report.html of a results folder (run, what-if, compare, "
                                              "sweep), or a report of a sweep store");
  report->add_option("DIR|FILE.sqlite", report_dir, "a results folder, or a sweep store made with --db")->required();
  report->add_option("--out,-o", report_out, "for a store: the report's file (default: beside it, NAME-report.html)");

  bool markdown = false;
  pbflow::cli::ImportArgs import_args;
  pbflow::cli::add_import_command(app, import_args);
  pbflow::cli::CheckArgs check_args;
  pbflow::cli::add_check_command(app, check_args);
  auto* schema = app.add_subcommand("schema", "print the JSON Schema of the scenario language");
  schema->add_flag("--markdown", markdown, "print the reference table (docs/scenario-reference.md) instead");

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return 2;
  }

  for (RunArgs* args : {&run_args, &compare_args, &trace_args, &sweep_args}) args->command = command_line(argc, argv);
  if (*run || *compare || *sweep) pbflow::cli::catch_stop_signals();
  try {
    if (*validate) return validate_files(validate_files_arg, validate_overrides);
    if (*run) return against.empty() ? run_file(run_args) : run_against(run_args, against, changes);
    if (*compare) return compare_file(compare_args);
    if (*trace) return trace_file(trace_args, trace_country, trace_pillar, trace_top);
    if (*sweep) {
      if (!shard.empty()) std::tie(sweep_options.shard_index, sweep_options.shard_count) = parse_shard(shard);
      return sweep_file(sweep_args, sweep_options);
    }
    if (*merge) {
      const pbflow::MergeReport m = pbflow::merge_sweep_stores(merge_inputs, merge_db);
      std::cout << "Merged " << m.stores << " stores into " << merge_db << ": " << m.points << " of " << m.planned
                << " points";
      if (m.missing.empty()) {
        std::cout << ", none missing\n";
        return 0;
      }
      std::cout << "; " << m.missing.size() << " missing (points";
      for (std::size_t i = 0; i < m.missing.size() && i < 10; ++i) std::cout << " " << m.missing[i];
      std::cout << (m.missing.size() > 10 ? " ...)" : ")") << ": run the shards that hold them again with --resume\n";
      return 0;
    }
    if (*report) return report_file(report_dir, report_out);
    if (*import_args.command) return pbflow::cli::import_files(import_args);
    if (*check_args.command) return pbflow::cli::check_scenario(check_args);
    if (*sensitivity) return sensitivity_file(sensitivity_source, sensitivity_options, sensitivity_out);
    if (*discover) {
      if (std::isnan(discover_above) == std::isnan(discover_below))
        throw pbflow::InputError({}, "discover", "give the threshold with --above X or --below X");
      discover_options.above = !std::isnan(discover_above);
      discover_options.threshold = discover_options.above ? discover_above : discover_below;
      return discover_file(discover_source, discover_options, discover_out);
    }
    if (*schema) {
      std::cout << (markdown ? pbflow::scenario_reference_markdown() : pbflow::scenario_json_schema());
      return 0;
    }
  } catch (const pbflow::InputError& e) {
    std::cerr << e.what() << "\n";
    return 2;
  } catch (const pbflow::RuntimeFailure& e) {
    std::cerr << "pbflow: " << e.what() << "\n";
    return 1;
  } catch (const pbflow::Interrupted& e) {
    return said_stopped(e.what());
  } catch (const std::bad_alloc&) {
    std::cerr << "pbflow: out of memory; try fewer replicas or a smaller --block-size\n";
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "pbflow: internal error: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
