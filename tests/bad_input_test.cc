// The catalogue of bad input: each case breaks tests/data/small.yaml one way
// and checks that `pbflow validate` exits 2 with FILE:LINE:COL, the key path
// and a useful explanation.
#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "support/test_files.h"

namespace pbflow::testing {
namespace {

struct BadCase {
  const char* name;
  const char* find;     // text in small.yaml to replace
  const char* replace;  // with this
  const char* anchor;   // the error must point at the line holding this text
  const char* key;      // key path the message must name
  const char* message;  // and this explanation
};

// Shown by GoogleTest (and ctest) for each case: its name, not its bytes.
void PrintTo(const BadCase& c, std::ostream* out) { *out << c.name; }

int line_of(const std::string& text, const std::string& anchor) {
  auto pos = text.find(anchor);
  if (pos == std::string::npos) return -1;
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + pos, '\n'));
}

std::string replaced(std::string text, const std::string& find, const std::string& replace) {
  auto pos = text.find(find);
  if (pos == std::string::npos) ADD_FAILURE() << "test setup: `" << find << "` not in small.yaml";
  else text.replace(pos, find.size(), replace);
  return text;
}

class BadInput : public ::testing::TestWithParam<BadCase> {};

TEST_P(BadInput, ExitsTwoNamingLineAndKey) {
  const BadCase& c = GetParam();
  TempDir dir;
  std::string text = replaced(read_text(source_path("tests/data/small.yaml")), c.find, c.replace);
  std::string file = dir.write("bad.yaml", text);
  CommandResult r = run_pbflow({"validate", file});
  EXPECT_EQ(r.exit_code, 2) << r.out;
  int line = line_of(text, c.anchor);
  ASSERT_GT(line, 0) << "test setup: anchor not found";
  EXPECT_NE(r.out.find(file + ":" + std::to_string(line) + ":"), std::string::npos)
      << "expected line " << line << " in: " << r.out;
  EXPECT_NE(r.out.find(c.key), std::string::npos) << "expected key " << c.key << " in: " << r.out;
  EXPECT_NE(r.out.find(c.message), std::string::npos) << "expected `" << c.message << "` in: " << r.out;
}

const BadCase kCases[] = {
    {"syntax_error", "    kind: ngo\n", "    kind: [ngo\n", "overhead: 0.05", "", "YAML syntax error"},
    {"unknown_key", "overhead: 0.08", "overhed: 0.08", "overhed", "channels.agency.overhed",
     "did you mean `overhead`?"},
    {"unknown_top_key", "channels:\n", "chanels:\n", "chanels:", "chanels", "did you mean `channels`?"},
    {"wrong_type", "months: 24}", "months: many}", "months: many", "horizon.months", "expected a whole number"},
    {"wrong_type_map", "    lag: {months: 2, stages: 1}", "    lag: 2", "lag: 2", "channels.ngo.lag",
     "expected lag (a map)"},
    {"missing_required", "SDN: {population: 5.0e7, phase: conflict, ", "SDN: {population: 5.0e7, ", "SDN:",
     "countries.SDN", "missing required key `phase`"},
    {"overhead_one", "overhead: 0.08", "overhead: 1.0", "overhead: 1.0", "channels.agency.overhead", "in [0, 1)"},
    {"overhead_negative", "overhead: 0.08", "overhead: -0.1", "overhead: -0.1", "channels.agency.overhead",
     "in [0, 1)"},
    {"negative_lag", "lag: {months: 3, stages: 2}", "lag: {months: -2, stages: 2}", "months: -2",
     "channels.agency.lag.months", "at least 0"},
    {"zero_stages", "lag: {months: 3, stages: 2}", "lag: {months: 3, stages: 0}", "stages: 0",
     "channels.agency.lag.stages", "in [1, 64]"},
    {"zero_population", "population: 4.2e7", "population: 0", "population: 0", "countries.AFG.population",
     "in (0, 1e+10]"},
    {"negative_population", "population: 4.2e7", "population: -5", "population: -5", "countries.AFG.population",
     "in (0, 1e+10]"},
    {"nan", "overhead: 0.05", "overhead: .nan", "overhead: .nan", "channels.ngo.overhead", "finite number"},
    {"infinity", "population: 4.2e7", "population: .inf", "population: .inf", "countries.AFG.population",
     "finite number"},
    {"huge_number", "population: 4.2e7", "population: 1e999", "population: 1e999", "countries.AFG.population",
     "finite number"},
    {"line_shares", "share: 0.7", "share: 0.6", "programmes:", "donors.japan.lines", "sum to 0.9: "},
    {"deliver_shares", "{agency: 0.5, ngo: 0.5}", "{agency: 0.5, ngo: 0.4}", "{agency: 0.5, ngo: 0.4}",
     "donors.japan.lines.programmes.deliver.development", "sum to 0.9: agency 0.5, ngo 0.4"},
    {"passes_shares", "passes: {ngo: 0.2}", "passes: {ngo: 1.0}", "passes: {ngo: 1.0}", "channels.agency.passes.ngo",
     "in [0, 1)"},
    {"unknown_channel", "peace: {fund: 1.0}", "peace: {fnd: 1.0}", "peace: {fnd", "deliver.peace.fnd",
     "did you mean `fund`?"},
    {"unknown_country", "    stable: {humanitarian: 0.1, development: 0.8, peace: 0.1}\n",
     "    stable: {humanitarian: 0.1, development: 0.8, peace: 0.1}\nshocks:\n  - {kind: conflict_onset, "
     "country: SSD, at: 2025-09}\n",
     "country: SSD", "shocks[0].country", "no country named `SSD`"},
    {"invalid_iso3", "  AFG: {", "  AFX: {", "AFX:", "countries.AFX", "ISO 3166-1 alpha-3"},
    {"invalid_phase", "phase: conflict,", "phase: war,", "phase: war", "countries.SDN.phase",
     "one of: conflict, fragile, stable"},
    {"invalid_kind", "kind: trust_fund", "kind: trustfund", "kind: trustfund", "channels.fund.kind",
     "did you mean `trust_fund`?"},
    {"invalid_release", "release: quarterly", "release: quartely", "release: quartely",
     "donors.japan.lines.programmes.release", "did you mean `quarterly`?"},
    {"invalid_release_vector", "release: upfront", "release: [0.5, 0.5]", "release: [0.5", "lines.core.release",
     "exactly 12"},
    {"invalid_strategy_kind", "kind: nexus_phase", "kind: nexus", "kind: nexus", "strategy.kind", "nexus_phase"},
    {"invalid_month", "start: 2025-04", "start: 2025-13", "start: 2025-13", "horizon.start", "month 01-12"},
    {"invalid_fiscal_month", "fiscal_year_start: 4", "fiscal_year_start: 13", "fiscal_year_start: 13",
     "donors.japan.fiscal_year_start", "in [1, 12]"},
    {"unsupported_version", "pbflow: 1", "pbflow: 2", "pbflow: 2", "pbflow", "unsupported scenario language version"},
    {"duplicate_key", "    overhead: 0.08\n", "    overhead: 0.08\n    overhead: 0.07\n", "overhead: 0.07", "overhead",
     "duplicate key (first given at line"},
    {"outside_mandate", "peace: {fund: 1.0}", "peace: {agency: 1.0}", "peace: {agency", "deliver.peace.agency",
     "mandate does not cover peace"},
    {"no_exchange_rate", "    currency: JPY", "    currency: EUR", "currency: EUR", "donors.japan.currency",
     "no exchange rate for EUR"},
    {"cycle", "    lag: {months: 2, stages: 1}", "    lag: {months: 2, stages: 1}\n    passes: {agency: 0.1}", "  agency:",
     "channels.agency", "cycle: agency -> ngo -> agency"},
    {"sub_grant_outside_mandate", "    kind: ngo\n", "    kind: ngo\n    mandate: {pillars: [development]}\n",
     "  agency:", "channels.agency.passes.ngo", "mandate does not cover humanitarian"},
    {"untagged_dead_end", "to: {fund: 1.0}", "to: {ngo: 1.0}", "  ngo:", "channels.ngo", "neither `to:` nor `core:`"},
    {"capacity_above_one", "capacity: 0.15", "capacity: 1.5", "capacity: 1.5", "countries.SDN.capacity", "in [0, 1]"},
    {"negative_months_in_phase", "months_in_phase: 30", "months_in_phase: -3", "months_in_phase: -3",
     "countries.SDN.months_in_phase", "a whole number in [0, 120000], found `-3`"},
    {"months_in_phase_beyond_int", "months_in_phase: 30", "months_in_phase: 2147483648", "months_in_phase: 2147483648",
     "countries.SDN.months_in_phase", "a whole number in [0, 120000]"},
    {"horizon_months_beyond_int", "months: 24}", "months: 4294967297}", "months: 4294967297", "horizon.months",
     "a whole number in [1, 1200]"},
    {"budget_before_horizon", "initial: {2025: 1.5e10}", "initial: {2026: 1.5e10}", "initial:",
     "donors.japan.budget.initial", "horizon starts in fiscal year 2025"},
    {"to_and_core", "    core: {allocate: equal}", "    core: {allocate: equal}\n    to: {ngo: 1.0}", "to: {ngo",
     "channels.fund.to", "not both"},
    {"need_above_population", "people_in_need: 2.3e7", "people_in_need: 9.3e7", "people_in_need: 9.3e7",
     "countries.AFG.people_in_need", "more people in need"},
};

INSTANTIATE_TEST_SUITE_P(Catalogue, BadInput, ::testing::ValuesIn(kCases),
                         [](const ::testing::TestParamInfo<BadCase>& info) { return std::string(info.param.name); });

TEST(BadInput, ExtendsMissingFile) {
  TempDir dir;
  std::string file = dir.write("child.yaml", "pbflow: 1\nextends: nothere.yaml\nname: x\n");
  CommandResult r = run_pbflow({"validate", file});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.out.find(file + ":2:"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("extends"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("does not exist"), std::string::npos) << r.out;
}

TEST(BadInput, ExtendsLoop) {
  TempDir dir;
  dir.write("a.yaml", "pbflow: 1\nextends: b.yaml\n");
  dir.write("b.yaml", "pbflow: 1\n\nextends: a.yaml\n");
  CommandResult r = run_pbflow({"validate", dir.path() + "/a.yaml"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.out.find("b.yaml:3:"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("loop: a.yaml -> b.yaml -> a.yaml"), std::string::npos) << r.out;
}

TEST(BadInput, CompareSetThatBreaksTheScenarioNamesItsLine) {
  TempDir dir;
  dir.write("small.yaml", read_text(source_path("tests/data/small.yaml")));
  std::string file = dir.write("cmp.yaml",
                               "pbflow: 1\nextends: small.yaml\ncompare:\n  strategies:\n    a: {}\n    b:\n"
                               "      kind: fixed\n      set:\n        donors.japan.lines.core.share: 0.5\n");
  CommandResult r = run_pbflow({"validate", file});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.out.find(file + ":8:"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("compare.strategies.b.set"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("line shares must sum to 1; these sum to 1.2"), std::string::npos) << r.out;
}

TEST(BadInput, UncertainRangeOutsideTheLanguageIsRefused) {
  TempDir dir;
  dir.write("small.yaml", read_text(source_path("tests/data/small.yaml")));
  std::string file = dir.write("u.yaml",
                               "pbflow: 1\nextends: small.yaml\nuncertainties:\n  parameters:\n"
                               "    channels.agency.overhead: {min: 0.0, max: 1.5}\n");
  CommandResult r = run_pbflow({"validate", file});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.out.find(file + ":5:"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("in [0, 1)"), std::string::npos) << r.out;
}

TEST(BadInput, BadOverrideNamesTheOverride) {
  CommandResult r = run_pbflow({"validate", source_path("tests/data/small.yaml"), "--set", "channels.agency.overhead=2"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.out.find("--set channels.agency.overhead"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("in [0, 1)"), std::string::npos) << r.out;
}

TEST(BadInput, RunTooLargeForMemoryIsRefusedWithTheOverride) {
  CommandResult r = run_pbflow({"run", source_path("tests/data/small.yaml"), "--replicas", "2000000000", "--quiet"});
  EXPECT_EQ(r.exit_code, 2) << r.out;
  EXPECT_NE(r.out.find("this run needs about"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("--max-memory"), std::string::npos) << r.out;
}

// Whole numbers on the command line are range-checked as text, before they
// become integers: nothing wraps, truncates or overflows into a wrong run.
struct FlagCase {
  const char* command;
  const char* flag;
  const char* value;
};
void PrintTo(const FlagCase& c, std::ostream* out) { *out << c.command << ' ' << c.flag << ' ' << c.value; }
class OutOfRangeFlag : public ::testing::TestWithParam<FlagCase> {};

TEST_P(OutOfRangeFlag, IsRefusedByName) {
  const FlagCase& c = GetParam();
  CommandResult r = run_pbflow({c.command, source_path("scenarios/sweep_lhs.yaml"), c.flag, c.value, "--quiet"});
  EXPECT_EQ(r.exit_code, 2) << r.out;
  EXPECT_NE(r.out.find(std::string(c.flag) + ": expected a whole number from"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(std::string("found `") + c.value + "`"), std::string::npos) << r.out;
}

const FlagCase kFlagCases[] = {
    {"run", "--threads", "100000"},          {"run", "--threads", "-1"},
    {"run", "--block-size", "2147483647"},   {"run", "--block-size", "0"},
    {"run", "--replicas", "2147483648"},     {"run", "--replicas", "0"},
    {"run", "--replicas", "1e3"},            {"run", "--seed", "-1"},
    {"run", "--seed", "9007199254740993"},   {"run", "--seed", "18446744073709551616"},
    {"compare", "--threads", "4294967296"},  {"sweep", "--jobs", "0"},
    {"sweep", "--jobs", "100000"},           {"trace", "--replicas", "-5"},
};
INSTANTIATE_TEST_SUITE_P(Flags, OutOfRangeFlag, ::testing::ValuesIn(kFlagCases));

TEST(BadInput, SeedHasTheSameRangeOnTheCommandLineAsInAScenario) {
  const std::string top = "9007199254740992";  // 2^53: the largest seed either accepts
  CommandResult flag = run_pbflow({"validate", source_path("tests/data/small.yaml"), "--set", "simulation.seed=" + top});
  EXPECT_EQ(flag.exit_code, 0) << flag.out;
  CommandResult over = run_pbflow({"validate", source_path("tests/data/small.yaml"), "--set", "simulation.seed=9007199254740993"});
  EXPECT_EQ(over.exit_code, 2) << over.out;
  CommandResult run = run_pbflow({"run", source_path("tests/data/small.yaml"), "-n", "2", "--seed", top, "--quiet"});
  EXPECT_EQ(run.exit_code, 0) << run.out;
}

TEST(BadInput, SweepDesignTooLargeIsRefusedBeforeItRuns) {
  TempDir dir;
  dir.write("small.yaml", read_text(source_path("tests/data/small.yaml")));
  // 1000 levels on four ranges: 10^12 grid points.
  std::string grid = dir.write("grid.yaml",
                               "pbflow: 1\nextends: small.yaml\nsweep:\n  design: {kind: grid, samples: 1000}\n"
                               "  parameters:\n    channels.agency.overhead: {min: 0, max: 0.1}\n"
                               "    channels.ngo.overhead: {min: 0, max: 0.1}\n    channels.fund.overhead: {min: 0, max: 0.1}\n"
                               "    donors.japan.budget.growth: {min: 0, max: 0.1}\n");
  auto start = std::chrono::steady_clock::now();
  CommandResult r = run_pbflow({"sweep", grid, "--quiet"});
  EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(), 20.0);
  EXPECT_EQ(r.exit_code, 2) << r.out;
  EXPECT_NE(r.out.find(grid + ":4:"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("1e+12 points, more than the 1000000"), std::string::npos) << r.out;
  // 3e9 samples is no longer read as an int (it was cast to 16 points).
  std::string lhs = dir.write("lhs.yaml",
                              "pbflow: 1\nextends: small.yaml\nsweep:\n  design: {kind: lhs, samples: 3e9}\n"
                              "  parameters:\n    channels.agency.overhead: {min: 0, max: 0.1}\n");
  r = run_pbflow({"sweep", lhs, "--quiet"});
  EXPECT_EQ(r.exit_code, 2) << r.out;
  EXPECT_NE(r.out.find(lhs + ":4:"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("sweep.design.samples"), std::string::npos) << r.out;
  // A design that fits the cap but not the memory is refused before it runs.
  std::string big = dir.write("big.yaml",
                              "pbflow: 1\nextends: small.yaml\nsweep:\n  design: {kind: lhs, samples: 1000000}\n"
                              "  parameters:\n    channels.agency.overhead: {min: 0, max: 0.1}\n");
  r = run_pbflow({"sweep", big, "--quiet", "--max-memory", "0.01"});
  EXPECT_EQ(r.exit_code, 2) << r.out;
  EXPECT_NE(r.out.find("this sweep (1000000 points"), std::string::npos) << r.out;
}

// Hostile files are refused quickly and cleanly: never a crash or a hang.
void expect_refused_quickly(const std::string& name, const std::string& content, const std::string& message) {
  TempDir dir;
  std::string file = dir.write(name, content);
  auto start = std::chrono::steady_clock::now();
  CommandResult r = run_pbflow({"validate", file});
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_EQ(r.exit_code, 2) << r.out;
  EXPECT_NE(r.out.find(file + ":"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(message), std::string::npos) << r.out;
  EXPECT_LT(seconds, 20.0);
}

TEST(HostileInput, EmptyFile) { expect_refused_quickly("empty.yaml", "", "the file is empty"); }
TEST(HostileInput, OnlyComments) { expect_refused_quickly("comments.yaml", "# nothing\n\n", "the file is empty"); }
TEST(HostileInput, BinaryFile) {
  expect_refused_quickly("binary.yaml", std::string("\x7f" "ELF\x02\x01\x01\0\0\0", 10), "binary file");
}
TEST(HostileInput, NotARegularFile) {
  CommandResult r = run_pbflow({"validate", "/dev/zero"});
  EXPECT_EQ(r.exit_code, 2) << r.out;
  EXPECT_NE(r.out.find("/dev/zero: not a regular file"), std::string::npos) << r.out;
}

TEST(HostileInput, HugeFileIsRefusedUnread) {
  TempDir dir;
  std::string file = dir.write("huge.yaml", "# " + std::string(40u << 20, 'x') + "\n");
  CommandResult r = run_pbflow({"validate", file});
  EXPECT_EQ(r.exit_code, 2) << r.out.substr(0, 300);
  EXPECT_NE(r.out.find("larger than the 32 MB"), std::string::npos) << r.out.substr(0, 300);
}

TEST(HostileInput, NotAMap) { expect_refused_quickly("list.yaml", "- 1\n- 2\n", "expected a scenario"); }

TEST(HostileInput, AliasBomb) {
  std::string text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
  for (int i = 1; i < 12; ++i) {
    std::string name = "a", previous = "*a";
    name.append(std::to_string(i));
    previous.append(std::to_string(i - 1));
    text.append(name).append(": &").append(name).append(" [");
    for (int k = 0; k < 10; ++k) text.append(k ? ", " : "").append(previous);
    text.append("]\n");
  }
  expect_refused_quickly("bomb.yaml", text, "alias bomb");
}

TEST(HostileInput, DeepNesting) {
  std::string text = "pbflow: 1\nname: " + std::string(5000, '[') + std::string(5000, ']') + "\n";
  CommandResult r = run_pbflow({"validate", "/dev/null"});  // warm-up: the binary runs
  (void)r;
  TempDir dir;
  std::string file = dir.write("deep.yaml", text);
  CommandResult deep = run_pbflow({"validate", file});
  EXPECT_EQ(deep.exit_code, 2) << deep.out;
  EXPECT_NE(deep.out.find(file + ":"), std::string::npos) << deep.out;
}

TEST(HostileInput, DeepBlockNesting) {
  std::string text;
  for (int i = 0; i < 3000; ++i) text += std::string(i, ' ') + "k:\n";
  expect_refused_quickly("deep_block.yaml", text, "YAML syntax error");
}

}  // namespace
}  // namespace pbflow::testing

namespace pbflow::testing {
namespace {

// Mistakes a person makes in a YAML file, told in their terms at their line.
TEST(BadInput, TabsMissingColonsAndSeparatedNumbersAreToldPlainly) {
  TempDir dir;
  const std::pair<std::string, std::pair<std::string, std::string>> cases[] = {
      {"pbflow: 1\nname: x\nhorizon:\n\tstart: 2025-01\n", {":4:1:", "a tab in the indentation"}},
      {"pbflow: 1\nname x\nhorizon: {start: 2025-01, months: 12}\n", {":2:1:", "no `:` after its key (`name x`)"}},
      {"pbflow: 1\nname: x\nhorizon: {start: 2025-01, months: \"1,200\"}\n",
       {":3:", "write it as 1200, without quotes or thousands separators"}},
  };
  for (const auto& [text, expected] : cases) {
    const std::string file = dir.write("f.yaml", text);
    CommandResult r = run_pbflow({"validate", file});
    EXPECT_EQ(r.exit_code, 2) << text;
    EXPECT_NE(r.out.find(file + expected.first), std::string::npos) << r.out;
    EXPECT_NE(r.out.find(expected.second), std::string::npos) << r.out;
  }
}

}  // namespace
}  // namespace pbflow::testing

namespace pbflow::testing {
namespace {

// A file with several mistakes reports them all, each at its place, up to 20.
TEST(BadInput, SeveralErrorsAreReportedTogether) {
  TempDir dir;
  const std::string file =
      dir.write("m.yaml", "pbflow: 1\nname: x\nhorizon: {start: 2025-13, months: 12}\n"
                          "simulation: {replicas: -5, seeed: 3}\ndonors: {}\nchannels: {}\ncountries: {}\n");
  CommandResult r = run_pbflow({"validate", file});
  EXPECT_EQ(r.exit_code, 2);
  for (const char* at : {":3:18: horizon.start", ":4:24: simulation.replicas", ":4:28: simulation.seeed",
                         ":5:9: donors", ":7:12: countries"})
    EXPECT_NE(r.out.find(file + at), std::string::npos) << at << "\n" << r.out;
  EXPECT_NE(r.out.find("(6 errors)"), std::string::npos) << r.out;
  std::string many = "pbflow: 1\nname: x\nhorizon: {start: 2025-01, months: 12}\nsimulation: {";
  for (int i = 0; i < 30; ++i) many.append("k").append(std::to_string(i)).append(": 1, ");
  many += "replicas: 10}\ndonors: {}\nchannels: {}\ncountries: {}\n";
  CommandResult capped = run_pbflow({"validate", dir.write("many.yaml", many)});
  EXPECT_EQ(capped.exit_code, 2);
  EXPECT_NE(capped.out.find("(20 errors shown; there may be more)"), std::string::npos) << capped.out;
}

}  // namespace
}  // namespace pbflow::testing

namespace pbflow::testing {
namespace {

// A country written as its name, or its code in small letters, gets its code.
TEST(BadInput, ACountryNameOrASmallCodeSuggestsTheCode) {
  TempDir dir;
  const std::string base = source_path("scenarios/japan_baseline.yaml");
  const std::pair<std::string, std::string> cases[] = {
      {"countries:\n  Ethiopia: {population: 1.0e8, phase: conflict}\n", "did you mean `ETH`, Ethiopia?"},
      {"countries:\n  eth: {population: 1.0e8, phase: conflict}\n", "write codes in capitals: `ETH`"},
      {"shocks:\n  add:\n    - {kind: conflict_onset, country: \"Cote d'Ivoire\", at: 2026-10}\n",
       "did you mean `CIV`, Cote d'Ivoire?"},
      {"shocks:\n  add:\n    - {kind: conflict_onset, country: south sudan, at: 2026-10}\n",
       "did you mean `SSD`, South Sudan?"},
  };
  for (const auto& [text, said] : cases) {
    CommandResult r = run_pbflow({"validate", dir.write("c.yaml", "pbflow: 1\nextends: " + base + "\nname: w\n" + text)});
    EXPECT_EQ(r.exit_code, 2) << text;
    EXPECT_NE(r.out.find(said), std::string::npos) << r.out;
  }
}

}  // namespace
}  // namespace pbflow::testing
