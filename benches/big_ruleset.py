#!/usr/bin/env python3
"""Writes a synthetic ruleset 10x the Tees one in indicators and descriptors (for timing
how cost grows with ruleset size). Rules keep R1-R11 and the level actions, and gain extra
raise-only rules up to the engine's 128-clause limit. Usage: big_ruleset.py > big.json"""
import copy
import json
import sys
from pathlib import Path

base = json.loads((Path(__file__).resolve().parents[1] / "seeds" / "tees-hoth.ruleset.json").read_text())
big = copy.deepcopy(base)
big["id"], big["version"] = "tees-hoth-synthetic-10x", base["version"] + "+10x"
for k in range(1, 10):
    for ind in base["indicators"]:
        extra = dict(ind, id=f"{ind['id']}_x{k}", title=f"{ind['title']} (copy {k})")
        big["indicators"].append(extra)
    for d in base["threshold_descriptors"]:
        big["threshold_descriptors"].append(dict(d, id=f"{d['id']}_x{k}", title=f"{d['title']} (copy {k})"))
clauses = sum(len(r["clauses"]) for r in big["rules"])
n = 0
while clauses < 128:
    n += 1
    big["rules"].append({"id": f"X{n}", "title": f"Synthetic raise-only rule {n}", "source": "synthetic benchmark rule", "provenance": "reconstructed",
                         "clauses": [{"when": {"all": [{"any_indicator_yes": {"category": "harm", "min_weight": 3}}, {"age_at_most": 5 + n % 20}]},
                                      "then": {"concern_at_least": "low"}}]})
    clauses += 1
json.dump(big, sys.stdout)
