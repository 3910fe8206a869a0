#!/usr/bin/env bash
# Regenerates docs/images/report-*.png, the report screenshots
# docs/guide-planners.md shows: runs the browser test
# (tests/python/test_report_browser.py), which saves full-page screenshots,
# and keeps a smaller copy of the top of each.
set -euo pipefail
cd "$(dirname "$0")/.."
shots=$(mktemp -d)
trap 'rm -rf "$shots"' EXIT
PBFLOW_BUILD="$PWD/build" PBFLOW_SCREENSHOTS="$shots" /usr/bin/python3 -m pytest -q -p no:cacheprovider \
  tests/python/test_report_browser.py
mkdir -p docs/images
/usr/bin/python3 - "$shots" docs/images <<'PY'
import sys
from pathlib import Path
from PIL import Image
source, target = Path(sys.argv[1]), Path(sys.argv[2])
for shot in sorted(source.glob("report-*.png")):
    image = Image.open(shot).convert("RGB")
    image = image.crop((0, 0, image.width, min(image.height, 2600)))
    image = image.resize((900, image.height * 900 // image.width), Image.LANCZOS)
    image.quantize(colors=128).save(target / shot.name, optimize=True)
    print(target / shot.name)
PY
