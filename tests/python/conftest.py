import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BUILD = Path(os.environ.get("PBFLOW_BUILD", ROOT / "build"))
sys.path.insert(0, str(BUILD / "bindings" / "python"))
