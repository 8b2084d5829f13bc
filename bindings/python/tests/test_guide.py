"""The analyst guide runs as written: every ```python block of docs/analyst-guide.md,
in order, in one namespace (as a reader pasting them into a notebook would)."""

import os
import re

from conftest import ROOT


def test_every_example_in_the_analyst_guide_runs_as_written(tmp_path):
    guide = (ROOT / "docs" / "analyst-guide.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", guide, flags=re.S)
    assert len(blocks) >= 8, "the guide's examples were not found"
    namespace: dict = {"__name__": "__guide__"}
    here = os.getcwd()
    os.chdir(tmp_path)  # the examples write report.csv and report.html
    try:
        for n, code in enumerate(blocks, 1):
            exec(compile(code, f"analyst-guide.md example {n}", "exec"), namespace)
    finally:
        os.chdir(here)
    assert (tmp_path / "report.csv").read_text(encoding="utf-8").startswith("# summary")
    assert "<table" in (tmp_path / "report.html").read_text(encoding="utf-8")
