#!/usr/bin/env python3
"""Encodes the Tees ruleset (weights, bands, descriptors and the ages questions apply from, from
seeds/; the rules R1-R15 and the level actions A1-A5 by hand, in the ruleset's order, as a
partnership would) for the peer engines, from one expression
list, so both encodings say exactly the same thing:

- tees.jdm.json        GoRules ZEN: one expression node (passThrough), keys in order,
                       later keys reading earlier ones as `$.key`;
- tees.jsonlogic.json  JsonLogic: the same keys in order; the harness applies each rule
                       and adds its result to the data before the next (JsonLogic has no let).

Input (flattened by the harness, the same for every engine): age, ld, looked_after, care_leaver,
open_case (answers, "not_known" when not given), danger, crime, disclosure, indicators{id: answer},
missing (null when not known), rerefer, descriptors[], jdir ("raise"/"lower"/""). Other request
fields (screened_by, send, education, concern_basis, the area) change only texts, not the
concern, threshold or actions, so the peers do not read them.
Output: concern (0-3), threshold (1-4 or null), and u_<action> (-1 none, 0 routine ..
3 immediate) for each action. Usage: python3 gen_peers.py (writes both files here)."""
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
RS = json.loads((HERE.parents[1] / "seeds" / "tees-hoth.ruleset.json").read_text())
INPUTS = {"age", "ld", "looked_after", "care_leaver", "open_case", "danger", "crime", "disclosure", "indicators", "missing", "rerefer",
          "descriptors", "jdir"}

def var(n): return ("var", n)
def lit(v): return ("lit", v)
def op(o, a, b): return ("op", o, a, b)
def eq(a, b): return op("==", a, b)
def AND(*xs): return ("and", list(xs))
def OR(*xs): return ("or", list(xs))
def NOT(a): return ("not", a)
def IF(c, a, b): return ("if", c, a, b)
def yes(path): return eq(var(path), lit("yes"))

def zen(e):
    k = e[0]
    if k == "var":
        root = e[1].split(".")[0]
        return e[1] if root in INPUTS else f"$.{e[1]}"
    if k == "lit":
        return "null" if e[1] is None else json.dumps(e[1]).replace('"', "'") if isinstance(e[1], str) else json.dumps(e[1])
    if k == "op": return f"({zen(e[2])} {e[1]} {zen(e[3])})"
    if k in ("and", "or"): return "(" + f" {k} ".join(zen(x) for x in e[1]) + ")"
    if k == "not": return f"(not {zen(e[1])})"
    if k == "if": return f"({zen(e[1])} ? {zen(e[2])} : {zen(e[3])})"
    if k == "some": return f"some({zen(var(e[1]))}, # in [{', '.join(zen(lit(x)) for x in e[2])}])"
    raise ValueError(k)

def jl(e):
    k = e[0]
    if k == "var": return {"var": e[1]}
    if k == "lit": return e[1]
    if k == "op": return {e[1]: [jl(e[2]), jl(e[3])]}
    if k in ("and", "or"): return {k: [jl(x) for x in e[1]]}
    if k == "not": return {"!": jl(e[1])}
    if k == "if": return {"if": [jl(e[1]), jl(e[2]), jl(e[3])]}
    if k == "some": return {"some": [{"var": e[1]}, {"in": [{"var": ""}, e[2]]}]}
    raise ValueError(k)

steps = []
def let(key, e): steps.append((key, e))

inds = RS["indicators"]
def total(terms):
    e = terms[0]
    for t in terms[1:]:
        e = op("+", e, t)
    return e
let("score", total([IF(yes(f"indicators.{i['id']}"), lit(i["weight"]), lit(0)) for i in inds]))
let("anyHarm", OR(*[yes(f"indicators.{i['id']}") for i in inds if i["category"] == "harm"]))
let("anyHigh", OR(*[yes(f"indicators.{i['id']}") for i in inds if i["category"] == "harm" and i["weight"] >= 3]))
def unknown(path): return AND(op("!=", var(path), lit("yes")), op("!=", var(path), lit("no")))
# R11: indicators not known, and the other questions the rules read (contract v1.1): learning
# disability (R5), looked after and open case (R14), care leaver (R10) only from the age the
# ruleset's question applies (questions[].applies_from_age), the safety answers, missing
# episodes (R7) and re-referral (R8).
FROM_AGE = {q["field"]: q.get("applies_from_age") for q in RS["questions"]}
def unknown_from(field, path):
    a = FROM_AGE[field]
    return unknown(path) if a is None else AND(op(">=", var("age"), lit(a)), unknown(path))
let("gaps", OR(*[unknown(f"indicators.{i['id']}") for i in inds], unknown_from("/child/learning_disability", "ld"),
               unknown_from("/child/looked_after", "looked_after"), unknown_from("/child/care_leaver", "care_leaver"),
               unknown_from("/child/open_case", "open_case"), unknown("danger"), unknown("crime"),
               unknown("disclosure"), unknown("rerefer"), eq(var("missing"), lit(None))))
for lvl in (4, 3, 2):
    let(f"dl{lvl}", ("some", "descriptors", [d["id"] for d in RS["threshold_descriptors"] if d["level"] == lvl]))
let("dmax", IF(var("dl4"), lit(4), IF(var("dl3"), lit(3), IF(var("dl2"), lit(2), lit(1)))))
level = {"no_current_indicators": 0, "low": 1, "moderate": 2, "significant": 3}
band = lit(level[RS["bands"][-1]["concern"]])
for b in reversed(RS["bands"][:-1]):
    band = IF(op("<=", var("score"), lit(b["max"])), lit(level[b["concern"]]), band)
let("c0", band)
let("f0", lit(0))
let("dan", yes("danger"))
let("child", op("<=", var("age"), lit(17)))
let("adult", op(">=", var("age"), lit(18)))
n_floor = 0
def floor_rule(cond, to):  # concern_at_least: raises the concern and the floor R9 lowers to
    global n_floor
    n = n_floor = n_floor + 1
    let(f"c{n}", IF(AND(cond, op("<", var(f"c{n-1}"), lit(to))), lit(to), var(f"c{n-1}")))
    let(f"f{n}", IF(AND(cond, op("<", var(f"f{n-1}"), lit(to))), lit(to), var(f"f{n-1}")))
floor_rule(var("dan"), 3)                                      # R1
floor_rule(yes("disclosure"), 3)                               # R3
let("r4", AND(op("<=", var("age"), lit(13)), var("anyHigh")))
floor_rule(var("r4"), 2)                                       # R4, first clause
# R4, second clause: a child of 12 or under cannot consent to sexual activity.
let("r4s", AND(op("<=", var("age"), lit(12)), OR(yes("indicators.sexual_health_concern"), yes("indicators.sexual_activity_described_as_consensual"))))
floor_rule(var("r4s"), 3)
floor_rule(AND(OR(op("<=", var("age"), lit(12)), yes("ld")), var("anyHarm")), 2)    # R5
floor_rule(var("anyHigh"), 2)                                  # R6
let("missingN", IF(eq(var("missing"), lit(None)), lit(0), var("missing")))   # not known counts as none
let("r7", op(">=", var("missingN"), lit(3)))
floor_rule(var("r7"), 2)                                       # R7, first clause (no action)
# R7, second clause: any missing episode under 18: the return home interview.
let("r7rhi", AND(var("child"), OR(yes("indicators.missing_overnight"), yes("indicators.missing_episode"), op(">=", var("missingN"), lit(1)))))
cN, fN = f"c{n_floor}", f"f{n_floor}"
let("r8", AND(yes("rerefer"), op(">=", var(cN), lit(1))))    # R8
let("c_r8", IF(var("r8"), IF(op("<", var(cN), lit(3)), op("+", var(cN), lit(1)), lit(3)), var(cN)))
let("f_r8", IF(AND(var("r8"), op("<", var(fN), var("c_r8"))), var("c_r8"), var(fN)))
let("down", IF(op(">", var("c_r8"), lit(0)), op("-", var("c_r8"), lit(1)), lit(0)))          # R9
let("c", IF(eq(var("jdir"), lit("raise")), IF(op("<", var("c_r8"), lit(3)), op("+", var("c_r8"), lit(1)), lit(3)),
            IF(eq(var("jdir"), lit("lower")), IF(op(">", var("down"), var("f_r8")), var("down"), var("f_r8")), var("c_r8"))))
let("tf", IF(OR(var("dan"), var("r4s")), lit(4), IF(var("r4"), lit(3), lit(1))))   # threshold_at_least (R1, R4)
let("base", op("+", var("c"), lit(1)))
let("m1", IF(op(">", var("base"), var("dmax")), var("base"), var("dmax")))
let("threshold", IF(var("adult"), lit(None), IF(op(">", var("m1"), var("tf")), var("m1"), var("tf"))))   # R10
let("concern", var("c"))
ge = lambda n: op(">=", var("c"), lit(n))
def any_yes(*ids): return OR(*[yes(f"indicators.{i}") for i in ids])
let("r13nrm", any_yes("trafficking_indicators", "debt_bondage", "found_out_of_area"))   # R13
let("r13prevent", any_yes("radicalisation_concern"))
def urgency(key, *levels):  # levels: (urgency, condition), most urgent first
    e = lit(-1)
    for u, cond in reversed(levels):
        e = IF(cond, lit(u), e)
    let(f"u_{key}", e)
urgency("call_999", (3, var("dan")))
urgency("call_101", (2, AND(OR(yes("crime"), var("r4s")), NOT(var("dan")))))   # R2, R4 (unless call_999, R1)
urgency("police_information_sharing_form", (2, ge(3)), (1, yes("crime")))
urgency("refer_to_front_door", (2, OR(var("r4"), AND(ge(3), var("child")), AND(op(">=", var("dmax"), lit(4)), var("child")))),   # R3, R4, A4, A5
        (1, OR(AND(ge(2), var("child")), AND(op(">=", var("dmax"), lit(3)), var("child")),                          # A3, A5
               AND(OR(var("r13nrm"), var("r13prevent")), var("child")))))                                          # R13
urgency("strategy_discussion", (2, OR(AND(ge(3), var("child")), AND(op(">=", var("dmax"), lit(4)), var("child")))))
urgency("return_home_interview", (1, var("r7rhi")))   # R7, second clause
urgency("transitions_planning", (1, AND(op(">=", var("age"), lit(17)), ge(2))))
urgency("refer_adult_social_care", (2, AND(var("adult"), OR(yes("disclosure"), ge(3)))), (1, AND(var("adult"), ge(2))))   # R3 (v1.1), R10
urgency("inform_personal_adviser", (1, AND(var("adult"), yes("care_leaver"))))   # R10
urgency("complete_screening", (0, var("gaps")))
urgency("answer_safety_questions", (3, unknown("danger")), (2, OR(unknown("crime"), unknown("disclosure"))))   # R12
urgency("consider_nrm_referral", (1, var("r13nrm")))           # R13
urgency("consider_prevent_referral", (1, var("r13prevent")))
urgency("universal_services", (0, eq(var("c"), lit(0))))
urgency("consult_safeguarding_lead", (3, ge(3)), (2, ge(2)), (0, eq(var("c"), lit(1))))   # R15 (v1.1), A2
urgency("early_help_assessment", (0, AND(eq(var("c"), lit(1)), var("child"))))
urgency("hoth_multi_agency_meeting", (1, ge(2)))
# R14, last: the allocated social worker hears as soon as the front door does (at least within one working day).
let("u_inform_allocated_social_worker", IF(OR(yes("open_case"), yes("looked_after")),
                                           IF(op(">", var("u_refer_to_front_door"), lit(1)), var("u_refer_to_front_door"), lit(1)), lit(-1)))

jdm = {"contentType": "application/vnd.gorules.decision",
       "nodes": [{"id": "request", "type": "inputNode", "name": "Request", "position": {"x": 0, "y": 0}, "content": {}},
                 {"id": "tees", "type": "expressionNode", "name": "Tees HOTH screening", "position": {"x": 300, "y": 0},
                  "content": {"passThrough": True, "expressions": [{"id": f"e{i}", "key": k, "value": zen(e)} for i, (k, e) in enumerate(steps)]}},
                 {"id": "response", "type": "outputNode", "name": "Response", "position": {"x": 600, "y": 0}, "content": {}}],
       "edges": [{"id": "a", "sourceId": "request", "targetId": "tees", "type": "edge"}, {"id": "b", "sourceId": "tees", "targetId": "response", "type": "edge"}]}
(HERE / "tees.jdm.json").write_text(json.dumps(jdm, indent=1) + "\n")
(HERE / "tees.jsonlogic.json").write_text(json.dumps([{"key": k, "rule": jl(e)} for k, e in steps], indent=1) + "\n")
print(f"{len(steps)} steps")
