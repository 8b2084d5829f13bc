import json
import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def hoth_bin() -> str:
    """The native CLI, built by cargo, as the reference for byte-identical output."""
    path = os.environ.get("HOTH_BIN", str(ROOT / "target" / "release" / "hoth"))
    if not Path(path).exists():
        subprocess.run(["cargo", "build", "-q", "--release", "-p", "hoth-cli"], cwd=ROOT, check=True)
    return path


def golden_cases():
    for p in sorted((ROOT / "tests" / "golden").glob("*.json")):
        yield p.stem, json.loads(p.read_text(encoding="utf-8"))
