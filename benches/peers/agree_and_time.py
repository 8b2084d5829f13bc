#!/usr/bin/env python3
"""Checks that the peer encodings (tees.jdm.json for GoRules ZEN, tees.jsonlogic.json for
JsonLogic) reach the same concern, threshold and actions (with urgencies) as hoth on the
golden cases and 10,000 generated requests, and only then times them against hoth, in
one Python process. A peer that disagrees is reported and not timed.
Usage: python agree_and_time.py [TIMED_REQUESTS]   (0: agreement only; needs the hoth wheel,
zen-engine and json-logic-qubit, which .ci/install.sh installs)"""
import json
import random
import sys
import time
from pathlib import Path

import hoth

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT / "benches"))
import synth_requests  # noqa: E402

# Every action the ruleset defines: a peer that leaves one out (no u_<action>) never takes it,
# so it disagrees wherever hoth does.
ACTIONS = [a["id"] for a in json.loads((ROOT / "seeds" / "tees-hoth.ruleset.json").read_text())["actions"]]
URG = {"routine": 0, "within_1_working_day": 1, "same_day": 2, "immediate": 3}
LEVEL = {"no_current_indicators": 0, "low": 1, "moderate": 2, "significant": 3}


def flatten(r):
    """The peers' input: every field present (fully populated, as the issue asks). Fields that
    change only texts (screened_by, send, education, concern_basis, the area) are left out."""
    c = r["child"]
    h = r.get("history") or {}
    j = r.get("professional_judgement") or {}
    return {"age": c["age_years"], "ld": c.get("learning_disability", "not_known"), "looked_after": c.get("looked_after", "not_known"),
            "care_leaver": c.get("care_leaver", "not_known"), "open_case": c.get("open_case", "not_known"), "danger": r["immediate_danger"],
            "crime": r["crime_suspected"], "disclosure": r["disclosure"], "indicators": r.get("indicators", {}),
            "missing": h.get("missing_episodes_last_90_days"), "rerefer": h.get("re_referral_within_12_months", "not_known"),
            "descriptors": r.get("threshold_descriptors", []), "jdir": j.get("direction", "")}


def view_hoth(o):
    return (LEVEL[o["hoth_concern"]], o["threshold"]["level"] if o["threshold"] else None, {a["id"]: URG[a["urgency"]] for a in o["actions"]})


def view_peer(res):
    return (int(res["concern"]), None if res.get("threshold") is None else int(res["threshold"]),  # ZEN drops null keys
            {a: int(res.get(f"u_{a}", -1)) for a in ACTIONS if int(res.get(f"u_{a}", -1)) >= 0})


def main():
    import zen
    from json_logic import jsonLogic

    timed = int(sys.argv[1]) if len(sys.argv) > 1 else 20000
    jdm = (HERE / "tees.jdm.json").read_text()
    logic = json.loads((HERE / "tees.jsonlogic.json").read_text())
    engine = zen.ZenEngine({"loader": lambda key: jdm})
    decision = engine.create_decision(jdm)

    def run_jl(inp):
        data = dict(inp)
        for step in logic:
            data[step["key"]] = jsonLogic(step["rule"], data)
        return data

    cases = [json.loads(p.read_text())["request"] for p in sorted((ROOT / "tests" / "golden").glob("*.json"))]
    cases = [c for c in cases if isinstance(c, dict) and not hoth.validate(c)]
    rng = random.Random(2025)
    cases += [synth_requests.request(rng) for _ in range(10000)]
    agree = {"ZEN": 0, "JsonLogic": 0}
    first_bad = {}
    for r in cases:
        want = view_hoth(hoth.screen(r))
        inp = flatten(r)
        for name, got in (("ZEN", view_peer(decision.evaluate(inp)["result"])), ("JsonLogic", view_peer(run_jl(inp)))):
            if got == want:
                agree[name] += 1
            else:
                first_bad.setdefault(name, (r, want, got))
    print(f"agreement on {len(cases)} requests (golden + 10,000 generated): " + ", ".join(f"{k} {v}/{len(cases)}" for k, v in agree.items()))
    for name, (r, want, got) in first_bad.items():
        print(f"  {name} disagrees, e.g. hoth {want} vs {name} {got} for {json.dumps(r)[:300]}")

    if timed == 0:  # agreement only (CI)
        sys.exit(1 if first_bad else 0)
    reqs = [synth_requests.request(rng) for _ in range(timed)]
    flat = [flatten(r) for r in reqs]
    texts = [json.dumps(r) for r in reqs]
    rows = []

    def clock(label, fn, n):
        t = time.perf_counter()
        fn()
        s = time.perf_counter() - t
        rows.append((label, n / s))

    native = hoth.Ruleset.default()._native
    clock("hoth (JSON in, outcome JSON out, batch)", lambda: native.screen_many_json(texts), timed)
    clock("hoth.screen_many (dicts in, dicts out)", lambda: hoth.screen_many(reqs), timed)
    if "ZEN" not in first_bad:
        batch = [{"key": "tees", "context": f} for f in flat]
        clock("ZEN evaluate_batch, trace off", lambda: engine.evaluate_batch(batch, {"trace": False}), timed)
        clock("ZEN evaluate_batch, trace on", lambda: engine.evaluate_batch(batch, {"trace": True}), timed)
    if "JsonLogic" not in first_bad:
        n = min(timed, 2000)
        clock("JsonLogic (json-logic-qubit, pre-parsed)", lambda: [run_jl(f) for f in flat[:n]], n)
    base = rows[0][1]
    print(f"\n{'Python interface':<44} {'rows/s':>10}  {'hoth is':>10}")
    for label, r in rows:
        print(f"{label:<44} {r:>10,.0f}  {base / r:>9.1f}x")
    sys.exit(1 if first_bad else 0)


if __name__ == "__main__":
    main()
