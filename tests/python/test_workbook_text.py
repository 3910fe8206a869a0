"""The workbook keeps text a cell cannot hold, cut with a note, and never
turns a scenario's text into a formula."""
import subprocess

import openpyxl

from conftest import BUILD, ROOT

SMALL = ROOT / "tests" / "data" / "small.yaml"


def test_text_longer_than_a_cell_is_cut_with_a_note(tmp_path):
    name = "x" * 40000
    subprocess.run([str(BUILD / "engine" / "pbflow"), "run", str(SMALL), "-n", "2", "--quiet",
                    "--set", f"name={name}", "--out", str(tmp_path / "out")], check=True)
    book = openpyxl.load_workbook(tmp_path / "out" / "results.xlsx")
    title = book["Summary"]["A1"].value
    assert len(title) <= 32767
    assert title.startswith("x" * 30000)
    assert title.endswith("[cut: the full text has 40000 bytes]")


def test_formula_text_stays_text(tmp_path):
    subprocess.run([str(BUILD / "engine" / "pbflow"), "run", str(SMALL), "-n", "2", "--quiet",
                    "--set", "name='=1+1'", "--out", str(tmp_path / "out")], check=True)
    cell = openpyxl.load_workbook(tmp_path / "out" / "results.xlsx")["Summary"]["A1"]
    assert cell.data_type == "s"
    assert cell.value == "=1+1"
