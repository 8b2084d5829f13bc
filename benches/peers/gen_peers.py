#!/usr/bin/env python3
"""Encodes the Tees ruleset (weights, bands, descriptors from seeds/, R1-R11 and the level
actions A1-A5 by hand, as a partnership would) for the peer engines, from one expression
list, so both encodings say exactly the same thing:

- tees.jdm.json        GoRules ZEN: one expression node (passThrough), keys in order,
                       later keys reading earlier ones as `$.key`;
- tees.jsonlogic.json  JsonLogic: the same keys in order; the harness applies each rule
                       and adds its result to the data before the next (JsonLogic has no let).

Input (flattened by the harness, the same for every engine): age, ld, danger, crime,
disclosure, indicators{id: answer}, missing (null when not known), rerefer, descriptors[], jdir ("raise"/"lower"/"").
Output: concern (0-3), threshold (1-4 or null), and u_<action> (-1 none, 0 routine ..
3 immediate) for each action. Usage: python3 gen_peers.py (writes both files here)."""
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
RS = json.loads((HERE.parents[1] / "seeds" / "tees-hoth.ruleset.json").read_text())
INPUTS = {"age", "ld", "danger", "crime", "disclosure", "indicators", "missing", "rerefer", "descriptors", "jdir"}

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
# R11: indicators not known, and the other questions the rules read (contract v1.1).
let("gaps", OR(*[unknown(f"indicators.{i['id']}") for i in inds], unknown("ld"), unknown("danger"), unknown("crime"),
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
def floor_rule(n, cond, to):
    let(f"c{n}", IF(AND(cond, op("<", var(f"c{n-1}"), lit(to))), lit(to), var(f"c{n-1}")))
    let(f"f{n}", IF(AND(cond, op("<", var(f"f{n-1}"), lit(to))), lit(to), var(f"f{n-1}")))
floor_rule(1, var("dan"), 3)                                   # R1
floor_rule(2, yes("disclosure"), 3)                            # R3
let("r4", AND(op("<=", var("age"), lit(13)), var("anyHigh")))
floor_rule(3, var("r4"), 2)                                    # R4
floor_rule(4, AND(OR(op("<=", var("age"), lit(12)), yes("ld")), var("anyHarm")), 2)  # R5
floor_rule(5, var("anyHigh"), 2)                               # R6
let("missingN", IF(eq(var("missing"), lit(None)), lit(0), var("missing")))   # not known counts as none
let("r7", op(">=", var("missingN"), lit(3)))
floor_rule(6, var("r7"), 2)                                    # R7
let("r8", AND(yes("rerefer"), op(">=", var("c6"), lit(1))))   # R8
let("c7", IF(var("r8"), IF(op("<", var("c6"), lit(3)), op("+", var("c6"), lit(1)), lit(3)), var("c6")))
let("f7", IF(AND(var("r8"), op("<", var("f6"), var("c7"))), var("c7"), var("f6")))
let("down", IF(op(">", var("c7"), lit(0)), op("-", var("c7"), lit(1)), lit(0)))          # R9
let("c", IF(eq(var("jdir"), lit("raise")), IF(op("<", var("c7"), lit(3)), op("+", var("c7"), lit(1)), lit(3)),
            IF(eq(var("jdir"), lit("lower")), IF(op(">", var("down"), var("f7")), var("down"), var("f7")), var("c7"))))
let("tf", IF(var("dan"), lit(4), IF(var("r4"), lit(3), lit(1))))
let("base", op("+", var("c"), lit(1)))
let("m1", IF(op(">", var("base"), var("dmax")), var("base"), var("dmax")))
let("threshold", IF(var("adult"), lit(None), IF(op(">", var("m1"), var("tf")), var("m1"), var("tf"))))   # R10
let("concern", var("c"))
ge = lambda n: op(">=", var("c"), lit(n))
def urgency(key, *levels):  # levels: (urgency, condition), most urgent first
    e = lit(-1)
    for u, cond in reversed(levels):
        e = IF(cond, lit(u), e)
    let(f"u_{key}", e)
urgency("call_999", (3, var("dan")))
urgency("call_101", (2, AND(yes("crime"), NOT(var("dan")))))
urgency("police_information_sharing_form", (2, ge(3)), (1, yes("crime")))
urgency("refer_to_front_door", (2, OR(var("r4"), AND(ge(3), var("child")), AND(op(">=", var("dmax"), lit(4)), var("child")))),
        (1, OR(AND(ge(2), var("child")), AND(op(">=", var("dmax"), lit(3)), var("child")))))
urgency("strategy_discussion", (2, OR(AND(ge(3), var("child")), AND(op(">=", var("dmax"), lit(4)), var("child")))))
urgency("return_home_interview", (1, var("r7")))
urgency("transitions_planning", (1, AND(op(">=", var("age"), lit(17)), ge(2))))
urgency("refer_adult_social_care", (2, AND(var("adult"), yes("disclosure"))), (1, AND(var("adult"), ge(2))))   # R3 (v1.1), R10
urgency("complete_screening", (0, var("gaps")))
urgency("answer_safety_questions", (3, unknown("danger")), (2, OR(unknown("crime"), unknown("disclosure"))))   # R12
urgency("universal_services", (0, eq(var("c"), lit(0))))
urgency("consult_safeguarding_lead", (3, ge(3)), (2, ge(2)), (0, eq(var("c"), lit(1))))   # R15 (v1.1), A2
urgency("early_help_assessment", (0, AND(eq(var("c"), lit(1)), var("child"))))
urgency("hoth_multi_agency_meeting", (1, ge(2)))

jdm = {"contentType": "application/vnd.gorules.decision",
       "nodes": [{"id": "request", "type": "inputNode", "name": "Request", "position": {"x": 0, "y": 0}, "content": {}},
                 {"id": "tees", "type": "expressionNode", "name": "Tees HOTH screening", "position": {"x": 300, "y": 0},
                  "content": {"passThrough": True, "expressions": [{"id": f"e{i}", "key": k, "value": zen(e)} for i, (k, e) in enumerate(steps)]}},
                 {"id": "response", "type": "outputNode", "name": "Response", "position": {"x": 600, "y": 0}, "content": {}}],
       "edges": [{"id": "a", "sourceId": "request", "targetId": "tees", "type": "edge"}, {"id": "b", "sourceId": "tees", "targetId": "response", "type": "edge"}]}
(HERE / "tees.jdm.json").write_text(json.dumps(jdm, indent=1) + "\n")
(HERE / "tees.jsonlogic.json").write_text(json.dumps([{"key": k, "rule": jl(e)} for k, e in steps], indent=1) + "\n")
print(f"{len(steps)} steps")
