import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BUILD = Path(os.environ.get("PBFLOW_BUILD", ROOT / "build"))
# The package under test: the installed one when scripts/test.sh says where
# (PBFLOW_PYTHONPATH), else the build tree's. Worker processes (a process
# pool, a Dask cluster) find it through PYTHONPATH.
PACKAGE_DIR = Path(os.environ.get("PBFLOW_PYTHONPATH", BUILD / "bindings" / "python"))
sys.path.insert(0, str(PACKAGE_DIR))
os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (str(PACKAGE_DIR), os.environ.get("PYTHONPATH")) if p)
CLI = BUILD / "engine" / "pbflow"
