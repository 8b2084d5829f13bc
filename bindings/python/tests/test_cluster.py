"""docs/cluster.md runs as written: every ```python block, in order, in one namespace
(run as a script would be: ``__name__ == "__main__"``). Its Spark block runs only where
pyspark and Java are installed, as the page says; CI installs both."""

import re

from conftest import ROOT


def test_every_example_in_the_cluster_guide_runs_as_written():
    page = (ROOT / "docs" / "cluster.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", page, flags=re.S)
    assert len(blocks) == 5, "the cluster guide's examples were not found"
    namespace: dict = {"__name__": "__main__"}
    for n, code in enumerate(blocks, 1):
        exec(compile(code, f"cluster.md example {n}", "exec"), namespace)
    assert namespace["merged"].num_rows == namespace["requests"].num_rows
