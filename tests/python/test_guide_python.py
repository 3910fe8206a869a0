"""docs/guide-python.md runs: every ```python block, in order, in one
namespace, from the repository's folder (what the guide writes goes to a
scratch folder), so the guide never goes stale."""
import os
import re

from conftest import ROOT

GUIDE = ROOT / "docs" / "guide-python.md"


def blocks():
    return re.findall(r"^```python\n(.*?)^```", GUIDE.read_text(), flags=re.S | re.M)


def test_the_guide_has_code_for_each_step():
    code = "\n".join(blocks())
    for step in ("pbflow.load", ".set(", ".with_(", "to_yaml", "pbflow.run", "pbflow.diff", "pbflow.compare",
                 "pbflow.sweep", "sensitivity", "ProcessPoolExecutor", "get_executor", "matplotlib", "pickle",
                 "pbflow.check"):
        assert step in code, step


def test_every_code_block_of_the_guide_runs(tmp_path, monkeypatch):
    # Relative paths in the guide are the repository's; files it writes land in tmp_path.
    for name in ("scenarios", "tests"):
        os.symlink(ROOT / name, tmp_path / name)
    monkeypatch.chdir(tmp_path)
    namespace = {"__name__": "__guide__"}
    for number, code in enumerate(blocks(), start=1):
        try:
            exec(compile(code, f"{GUIDE.name}, block {number}", "exec"), namespace)
        except Exception as error:
            raise AssertionError(f"block {number} of the guide failed:\n{code}") from error
    assert (tmp_path / "guide-plot.png").stat().st_size > 10000
    assert (tmp_path / "guide-run" / "summary.json").exists()
