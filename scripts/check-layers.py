#!/usr/bin/env python3
"""Refuses a backward include between pbflow's modules (run by the build).

Data flows one way: scenario -> network -> plan -> sim -> strategy, and
results (writers of the public result types) -> experiment -> cli, and
results -> records (recorded flows read from FTS and IATI) -> experiment. A module
may include its own headers and those of the modules it depends on below;
each public header in engine/include/pbflow/ belongs to the module that
implements it. The command line uses the public headers only. Prints every violation as
FILE:LINE and exits 1. Usage: check-layers.py [ROOT].
"""
import pathlib
import re
import sys

ROOT = pathlib.Path(sys.argv[1]).resolve() if len(sys.argv) > 1 else pathlib.Path(__file__).resolve().parent.parent
DEPENDS = {
    "scenario": set(),
    "network": {"scenario"},
    "plan": {"scenario", "network"},
    "sim": {"scenario", "plan"},
    "strategy": {"scenario", "plan", "sim"},
    "results": {"scenario"},
    "experiment": {"scenario", "network", "plan", "sim", "strategy", "results", "records"},
    "records": {"scenario", "results"},
    "cli": {"scenario", "results", "experiment", "records"},
}
PUBLIC = {  # engine/include/pbflow/<header> -> the module that implements it (plain types: scenario)
    "errors.h": "scenario", "limits.h": "scenario", "scenario.h": "scenario", "scenario_io.h": "scenario",
    "run_result.h": "scenario", "compare.h": "results", "sweep.h": "results", "results_io.h": "results", "difference.h": "results", "trace.h": "results", "sensitivity.h": "results", "discovery.h": "results", "archive.h": "results",
    "engine.h": "experiment", "parallel.h": "experiment", "records.h": "records",
}
INCLUDE = re.compile(r'^\s*#\s*include\s*"([^"]+)"')


def module_of(path):
    parts = path.relative_to(ROOT).parts
    if parts[:2] == ("engine", "src"):
        return parts[2]
    if parts[:2] == ("engine", "cli"):
        return "cli"
    if parts[:3] == ("engine", "include", "pbflow"):
        return PUBLIC.get(parts[3])
    return None


def main():
    problems = []
    files = [p for p in (ROOT / "engine").rglob("*") if p.suffix in (".h", ".cc")]
    for path in sorted(files):
        module = module_of(path)
        if module is None:
            problems.append(f"{path.relative_to(ROOT)}: belongs to no module (add it to scripts/check-layers.py)")
            continue
        allowed = DEPENDS[module] | {module}
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            match = INCLUDE.match(line)
            if not match:
                continue
            target = match.group(1)
            first = target.split("/")[0]
            if first == "pbflow":
                owner = PUBLIC.get(target.split("/", 1)[1])
            elif first in DEPENDS:
                owner = first
            else:
                owner = module  # a header beside this file
            if module == "cli" and first in DEPENDS:
                problems.append(f"{path.relative_to(ROOT)}:{number}: the command line uses the public API "
                                f"(engine/include/pbflow/), not {target}")
            elif owner is None:
                problems.append(f"{path.relative_to(ROOT)}:{number}: {target} belongs to no module")
            elif owner not in allowed:
                problems.append(f"{path.relative_to(ROOT)}:{number}: {module} may not include {target} "
                                f"({owner} comes later in the data flow)")
    for p in problems:
        print(p, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
