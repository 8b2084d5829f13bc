"""Every screening tool encoded in seeds/rulesets/ loads in Python and gives, for each of
its golden cases (tests/golden-rulesets/<id>/*.json, written from the tool's own rules,
not captured from the engine), what that tool says; and the outcome is byte for byte the
CLI's for the same ruleset file (one engine, every binding)."""

import json
import subprocess

import pytest

import hoth
from conftest import ROOT

RULESETS = sorted((ROOT / "seeds" / "rulesets").glob("*.ruleset.json"))
CASES = [
    (path, case)
    for path in RULESETS
    for case in sorted((ROOT / "tests" / "golden-rulesets" / json.loads(path.read_text())["id"]).glob("*.json"))
]


def test_there_are_tools_and_cases_to_replay():
    assert len(RULESETS) >= 3
    assert all(any(p == path for p, _ in CASES) for path in RULESETS), "a tool without golden cases"


@pytest.mark.parametrize("path", RULESETS, ids=lambda p: p.name)
def test_each_tool_loads_with_its_own_id_and_a_stable_hash(path):
    text = path.read_text(encoding="utf-8")
    ruleset = hoth.Ruleset.from_json(text)
    assert ruleset.id == json.loads(text)["id"]
    assert hoth.Ruleset.load(str(path)).sha256 == ruleset.sha256
    assert ruleset.sha256 != hoth.Ruleset.default().sha256


def _meets(outcome, key, want):
    if key == "threshold_level":
        return (outcome["threshold"] or {}).get("level") == want
    if key == "actions_include":
        ids = [a["id"] for a in outcome["actions"]]
        return all(w in ids for w in want)
    if key == "actions_exclude":
        ids = [a["id"] for a in outcome["actions"]]
        return not any(w in ids for w in want)
    if key == "action_urgencies":
        got = {a["id"]: a["urgency"] for a in outcome["actions"]}
        return all(got.get(i) == u for i, u in want.items())
    if key == "rules_fired":
        fired = iter(r["rule"] for r in outcome["reasons"])
        return all(any(f == w for f in fired) for w in want)   # in that order
    return outcome[key] == want


@pytest.mark.parametrize("path,case", CASES, ids=lambda x: x.stem if hasattr(x, "stem") else str(x))
def test_golden_case_says_what_the_tool_says(path, case, hoth_bin):
    golden = json.loads(case.read_text(encoding="utf-8"))
    ruleset = hoth.Ruleset.load(str(path))
    outcome = hoth.screen(golden["request"], ruleset)
    wrong = {k: w for k, w in golden["expect"].items() if not _meets(outcome, k, w)}
    assert not wrong, f"{case.name}: expected {wrong}; why: {golden.get('why')}"
    cli = subprocess.run([hoth_bin, "--ruleset", str(path), "screen", "-"], input=json.dumps(golden["request"]).encode(),
                         capture_output=True, check=True).stdout
    assert hoth.screen_json(golden["request"], ruleset).encode() == cli.rstrip(b"\n")
