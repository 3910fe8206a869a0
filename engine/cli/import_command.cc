#include "import_command.h"

#include <filesystem>
#include <iostream>

#include "pbflow/engine.h"
#include "pbflow/errors.h"
#include "pbflow/records.h"
#include "pbflow/results_io.h"

namespace pbflow::cli {

void add_import_command(CLI::App& app, ImportArgs& args) {
  args.command = app.add_subcommand("import", "read recorded flows (OCHA FTS pages, IATI files) into tables");
  args.command->require_subcommand(1);
  args.fts = args.command->add_subcommand(
      "fts", "FTS flow-search pages (JSON, any order): every flow, and the search's funding total by FTS's rule");
  args.fts->add_option("PAGES", args.files, "the pages of one search")->required();
  args.fts->add_option("--donor", args.donor, "only flows from this source organisation (a name or id it is known by)");
  args.fts->add_option("--out", args.out, "folder for fts_flows.csv and fts_summary.json");
  args.fts->add_option("--scenario", args.scenario, "seed a scenario (YAML) from the --donor's counted flows");
  args.fts->add_option("--base", args.base, "with --scenario: the scenario it extends (its countries' states)");
  args.iati = args.command->add_subcommand("iati", "IATI activity files (XML): every transaction, and delivery chains");
  args.iati->add_option("FILES", args.files, "IATI activity files")->required();
  args.iati->add_option("--out", args.out, "folder for iati_transactions.csv, iati_chains.csv and iati_summary.json");
  args.iati->add_option("--donor", args.donor, "with --scenario: the organisation whose disbursements seed it");
  args.iati->add_option("--scenario", args.scenario, "seed a scenario (YAML) from the --donor's disbursements");
  args.iati->add_option("--base", args.base, "with --scenario: the scenario it extends (its countries' states)");
}

namespace {

// The seeded file's `extends:` is read relative to its own folder.
SeedOptions seed_options(const ImportArgs& args) {
  SeedOptions o;
  if (args.base.empty()) return o;
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path folder = fs::absolute(args.scenario, ec).parent_path();
  const fs::path relative = fs::absolute(args.base, ec).lexically_relative(folder);
  o.base = relative.empty() ? fs::absolute(args.base, ec).string() : relative.string();
  o.base_file = args.base;
  return o;
}

void seed(const SeedResult& seeded, const std::string& path) {
  write_seeded_scenario(seeded.yaml, path);
  std::cout << "Scenario seeded from the records: " << path << "\n";
  for (const std::string& name : seeded.unmatched) std::cout << "  not in the organisation table: " << name << "\n";
}

}  // namespace

int import_files(const ImportArgs& args) {
  if (*args.fts) {
    FtsOptions options;
    options.donor = args.donor;
    const FtsImport fts = import_fts(args.files, options);
    std::cout << fts_table(fts);
    if (!args.out.empty()) {
      write_fts_outputs(fts, args.out);
      std::cout << "Written to " << args.out << "/\n";
    }
    if (!args.scenario.empty()) seed(seed_scenario(fts, seed_options(args)), args.scenario);
    return 0;
  }
  const IatiImport iati = import_iati(args.files);
  std::cout << iati_table(iati);
  if (!args.out.empty()) {
    write_iati_outputs(iati, args.out);
    std::cout << "Written to " << args.out << "/\n";
  }
  if (!args.scenario.empty()) seed(seed_scenario(iati, args.donor, seed_options(args)), args.scenario);
  return 0;
}

void add_check_command(CLI::App& app, CheckArgs& args) {
  args.command = app.add_subcommand(
      "check", "run a scenario and set its donor's simulated money beside recorded FTS or IATI payments, or published figures");
  args.command->add_option("SCENARIO", args.scenario, "the scenario")->required();
  args.command->add_option("--against-fts", args.fts, "FTS pages of one search (JSON)");
  args.command->add_option("--against-iati", args.iati, "IATI activity files (XML)");
  args.command->add_option("--against-figures", args.figures,
                           "published figures (CSV: organisation, country, year, low_usd, high_usd, source)");
  args.command->add_option("--donor", args.donor, "the scenario's donor (default: the one the records' donor is)");
  args.command->add_option("--records-donor", args.records_donor,
                           "the donor in the records (default: the scenario's donor, through the organisation table)");
  args.command->add_option("--year", args.year, "compare every recorded year with this calendar year of the scenario");
  args.command->add_option("-n,--replicas", args.replicas, "replicas (default: the scenario's)");
  args.command->add_option("--set", args.overrides, "change a key of the scenario, KEY=VALUE (repeatable)");
  args.command->add_option("--out", args.out, "folder for check.csv, check.json and report.html");
  args.command->add_flag("--quiet,-q", args.quiet, "print nothing on success");
}

int check_scenario(const CheckArgs& args) {
  if (!args.out.empty()) check_output_folder(args.out);
  const Engine engine = Engine::load(args.scenario, args.overrides);
  CheckRequest request;
  request.fts_pages = args.fts;
  request.iati_files = args.iati;
  request.figure_files = args.figures;
  request.records_donor = args.records_donor;
  request.options.donor = args.donor;
  if (args.year > 0) request.options.year = args.year;
  RunOptions run;
  if (args.replicas > 0) run.replicas = args.replicas;
  const CheckResult check = check_records(engine, run, request);
  if (!args.quiet) std::cout << check_table(check);
  if (!args.out.empty()) {
    write_check_outputs(check, args.out);
    if (!args.quiet) std::cout << "Written to " << args.out << "/\n";
  }
  return 0;
}

}  // namespace pbflow::cli
