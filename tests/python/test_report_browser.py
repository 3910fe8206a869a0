"""Every kind of report.html opened in a real browser (Debian's headless
Chromium through chromedriver): no console error, no network request of any
kind, the charts present, and a full-page screenshot that is not blank.

The screenshots are saved in $PBFLOW_SCREENSHOTS (default build/screenshots);
scripts/update-screenshots.sh keeps the copies docs/guide-planners.md shows.
"""
import io
import json
import os
import subprocess
from pathlib import Path

import pytest
from PIL import Image
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

from conftest import BUILD, ROOT

PBFLOW = BUILD / "engine" / "pbflow"
SCENARIOS = ROOT / "scenarios"
SHOTS = Path(os.environ.get("PBFLOW_SCREENSHOTS", BUILD / "screenshots"))


def pbflow(*args):
    quiet = ["--quiet"] if args[0] not in ("report", "discover") else []
    done = subprocess.run([str(PBFLOW), *map(str, args), *quiet], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    """One results folder of each kind, made by the command line."""
    base = tmp_path_factory.mktemp("reports")
    pbflow("run", SCENARIOS / "japan_baseline.yaml", "-n", "40", "--out", base / "run")
    pbflow("run", SCENARIOS / "whatif" / "budget_cut_20.yaml", "--against", SCENARIOS / "japan_baseline.yaml",
           "-n", "30", "--out", base / "whatif")
    pbflow("compare", SCENARIOS / "compare" / "robustness.yaml", "-n", "8", "--out", base / "compare")
    pbflow("sweep", SCENARIOS / "sweep_lhs.yaml", "-n", "2", "--set", "sweep.design.samples=16", "--out", base / "sweep",
           "--db", base / "sweep.sqlite")
    pbflow("discover", base / "sweep", "--output", "objective.mean", "--above", "0", "--min-coverage", "0.3",
           "--out", base / "discovery")
    (base / "store").mkdir()
    pbflow("report", base / "sweep.sqlite", "--out", base / "store" / "report.html")
    pbflow("check", SCENARIOS / "japan_baseline.yaml", "--against-figures", SCENARIOS / "records" / "japan_channels.csv",
           "-n", "20", "--out", base / "check")
    return base


@pytest.fixture(scope="module")
def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--window-size=1200,900", "--hide-scrollbars"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    yield driver
    driver.quit()


def requests_made(driver):
    """Every URL the page asked for, from the DevTools network log."""
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


def full_page_png(driver):
    metrics = driver.execute_cdp_cmd("Page.getLayoutMetrics", {})
    size = metrics["cssContentSize"]
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {
        "format": "png", "captureBeyondViewport": True,
        "clip": {"x": 0, "y": 0, "width": size["width"], "height": size["height"], "scale": 1}})
    import base64
    return base64.b64decode(shot["data"])


def assert_not_blank(png, charts=True):
    image = Image.open(io.BytesIO(png)).convert("RGB")
    small = image.resize((200, max(1, image.height * 200 // image.width)))
    pixels = list(small.getdata())
    ink = sum(1 for p in pixels if min(p) < 200) / len(pixels)
    colours = len(set(pixels))
    assert image.height > 500, "the page is too short to hold a report"
    assert ink > 0.02, f"the page is almost blank ({ink:.1%} of it is ink)"
    if charts:
        assert colours > 50, f"the page has only {colours} colours: no charts drawn"


@pytest.mark.parametrize("kind,charts", [
    ("run", ["figure.sankey svg path", "figure.fan svg polygon.band", "figure.mini svg"]),
    ("whatif", ["figure.intervals svg circle", "figure.sankey svg path", "figure.fan svg polygon.band"]),
    ("compare", ["figure.intervals svg circle"]),
    ("sweep", ["figure.scatter svg circle"]),
    ("store", ["figure.scatter svg circle"]),
    ("discovery", ["figure.scatter svg circle"]),
    ("check", []),  # tables only
])
def test_report_opens_cleanly_in_a_browser(reports, browser, kind, charts):
    page = (reports / kind / "report.html").resolve()
    browser.get_log("browser")
    browser.get_log("performance")  # start both logs afresh
    browser.get(page.as_uri())
    assert browser.execute_script("return document.readyState") == "complete"
    errors = [e for e in browser.get_log("browser") if e["level"] in ("SEVERE", "WARNING")]
    assert not errors, f"console messages on the {kind} report: {errors}"
    others = [u for u in requests_made(browser) if u != page.as_uri()]
    assert not others, f"the {kind} report asked the network for {others}"
    for selector in charts:
        found = browser.execute_script("return document.querySelectorAll(arguments[0]).length", selector)
        assert found > 0, f"no `{selector}` in the {kind} report"
    # Nothing drawn outside its chart: every chart's box lies within the page's width.
    overflow = browser.execute_script(
        "return [...document.querySelectorAll('svg')].filter(s => s.getBoundingClientRect().right >"
        " document.documentElement.clientWidth + 1).length")
    assert overflow == 0, f"{overflow} charts of the {kind} report overflow the page"
    png = full_page_png(browser)
    assert_not_blank(png, charts=bool(charts))
    SHOTS.mkdir(parents=True, exist_ok=True)
    (SHOTS / f"report-{kind}.png").write_bytes(png)
    # Printed on A4 (its style sheet for print, at an A4 page's width): nothing sticks out.
    browser.set_window_size(700, 1000)
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        wide = browser.execute_script(
            "return [...document.querySelectorAll('svg, table, pre')].filter(e => e.getBoundingClientRect().right >"
            " document.documentElement.clientWidth + 1).map(e => e.tagName)")
        assert not wide, f"printed on A4, the {kind} report's {wide} stick out of the page"
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
        browser.set_window_size(1200, 900)
