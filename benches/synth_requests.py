#!/usr/bin/env python3
"""Writes N synthetic screening requests as JSON Lines (no real children: random answers
from a fixed seed, so the same N gives the same file). Usage: synth_requests.py N [SEED]

The mix is realistic rather than uniform: most answers are "no", some "not_known",
a few "yes"; a small share of lines carry a safety answer or a judgement.
"""
import json
import random
import sys

RULESET = json.load(open(__file__.rsplit("/", 2)[0] + "/seeds/tees-hoth.ruleset.json"))
IDS = [i["id"] for i in RULESET["indicators"]]
DESCRIPTORS = [d["id"] for d in RULESET["threshold_descriptors"]]
AREAS = ["hartlepool", "stockton_on_tees", "middlesbrough", "redcar_and_cleveland"]


def request(rng):
    def ans(p_yes, p_unknown):
        x = rng.random()
        return "yes" if x < p_yes else "not_known" if x < p_yes + p_unknown else "no"

    indicators = {}
    for i in IDS:
        if rng.random() < 0.85:  # some questions left unanswered
            indicators[i] = ans(0.08, 0.1)
    r = {
        "local_authority": rng.choice(AREAS),
        "child": {"age_years": rng.randint(8, 21), "learning_disability": ans(0.05, 0.2), "education": "in_school"},
        "immediate_danger": ans(0.02, 0.03),
        "crime_suspected": ans(0.1, 0.1),
        "disclosure": ans(0.05, 0.05),
        "indicators": indicators,
        "history": {"missing_episodes_last_90_days": rng.choice([0, 0, 0, 1, 2, 3, 5]), "re_referral_within_12_months": ans(0.25, 0.1)},
    }
    yes = [k for k, v in indicators.items() if v == "yes"]
    if yes and rng.random() < 0.3:
        r["concern_basis"] = {yes[0]: "professional_concern"}
    if rng.random() < 0.1:
        r["threshold_descriptors"] = [rng.choice(DESCRIPTORS)]
    if rng.random() < 0.05:
        r["professional_judgement"] = {"direction": rng.choice(["raise", "lower"]), "reason": "Synthetic reason", "recorded_by_role": "social worker"}
    return r


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    rng = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 2025)
    out = sys.stdout
    for _ in range(n):
        out.write(json.dumps(request(rng), separators=(",", ":")))
        out.write("\n")


if __name__ == "__main__":
    main()
