"""The Python face against the contract and the native engine."""

import json
import subprocess

import pytest

import hoth
from conftest import ROOT, golden_cases


def request_text(case) -> str:
    r = case["request"]
    return r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)


@pytest.mark.parametrize("name,case", list(golden_cases()))
def test_golden_cases_are_byte_identical_to_the_native_engine(name, case, hoth_bin):
    text = request_text(case)
    native = subprocess.run([hoth_bin, "screen", "-"], input=text.encode(), capture_output=True, check=False)
    native_out = native.stdout.decode().rstrip("\n")
    if "expect_errors" in case:
        with pytest.raises(hoth.ScreeningError) as err:
            hoth.screen(text)
        assert native.returncode == 2
        assert {"errors": err.value.errors} == json.loads(native_out)
        assert [(e["pointer"], e["code"]) for e in err.value.errors] == [(e["pointer"], e["code"]) for e in case["expect_errors"]]
    else:
        assert native.returncode == 0
        assert hoth.screen_json(text) == native_out
        outcome = hoth.screen(text)
        derived = {
            "actions": [{"id": a["id"], "urgency": a["urgency"]} for a in outcome["actions"]],
            "reason_rules": [r["rule"] for r in outcome["reasons"]],
            "front_door_name": outcome["front_door"]["name"],
            "front_door_phone": outcome["front_door"]["phone"],
        }
        for key, want in case["expect"].items():
            if key == "texts_contain":
                texts = {a["id"]: a["text"] for a in outcome["actions"]}
                for action, words in want.items():
                    assert words in texts[action], f"{name}: {action}"
                continue
            got = derived[key] if key in derived else outcome[key]
            assert got == want, f"{name}: {key}"


def test_dict_in_dict_out():
    out = hoth.screen({"local_authority": "redcar_and_cleveland", "child": {"age_years": 12}, "immediate_danger": "yes",
                       "crime_suspected": "no", "disclosure": "no"})
    assert out["hoth_concern"] == "significant"
    assert out["actions"][0]["id"] == "call_999"
    assert out["front_door"]["phone"] == "01642 130700"


def test_every_error_at_once_with_pointers():
    with pytest.raises(hoth.ScreeningError) as err:
        hoth.screen({"local_authority": "middlesbrough", "child": {"age_years": 31}, "immediate_danger": "no",
                     "crime_suspected": "no", "disclosure": "no", "indicators": {"missing_overnite": "yes"}})
    errors = err.value.errors
    assert [e["pointer"] for e in errors] == ["/child/age_years", "/indicators/missing_overnite"]
    assert "did you mean 'missing_overnight'" in errors[1]["message"]
    assert isinstance(err.value, ValueError)


def test_validate_and_schema():
    assert hoth.validate({"local_authority": "hartlepool"})[0]["code"] == "missing_field"
    ok = {"local_authority": "hartlepool", "child": {"age_years": 9}, "immediate_danger": "no", "crime_suspected": "no", "disclosure": "no"}
    assert hoth.validate(ok) == []
    assert hoth.schema("request")["$schema"].endswith("2020-12/schema")
    with pytest.raises(ValueError):
        hoth.schema("nope")


def test_screen_many_never_aborts_on_a_bad_item():
    ok = {"local_authority": "hartlepool", "child": {"age_years": 9}, "immediate_danger": "no", "crime_suspected": "no", "disclosure": "no"}
    out = hoth.screen_many([ok, {"bad": True}, json.dumps(ok)])
    assert out[0]["hoth_concern"] == "no_current_indicators"
    assert out[1]["errors"][0]["code"] in ("unknown_field", "missing_field")
    assert out[2] == out[0]


def test_ruleset_load_what_if_and_errors(tmp_path, root):
    default = hoth.Ruleset.default()
    assert default.id == "tees-hoth" and len(default.sha256) == 64
    assert len(default.indicators) == 37
    req = {"local_authority": "hartlepool", "child": {"age_years": 15}, "immediate_danger": "no", "crime_suspected": "no",
           "disclosure": "no", "indicators": {"missing_episode": "yes", "multiple_phones_or_unknown_callers": "yes"}}
    assert hoth.screen(req)["hoth_concern"] == "moderate"  # score 4
    what_if = default.with_bands([(0, 0, "no_current_indicators"), (1, 4, "low"), (5, 8, "moderate"), (9, None, "significant")])
    out = hoth.screen(req, ruleset=what_if)
    assert out["hoth_concern"] == "low"
    assert out["ruleset"]["sha256"] == what_if.sha256 != default.sha256
    with pytest.raises(hoth.ScreeningError) as err:
        default.with_bands([(0, 0, "no_current_indicators"), (2, None, "low")])
    assert err.value.errors[0]["code"] == "band_gap_or_overlap"
    loaded = hoth.Ruleset.load(str(root / "seeds" / "tees-hoth.ruleset.json"))
    assert loaded.sha256 == default.sha256
    bad = tmp_path / "bad.json"
    bad.write_text("{}")
    with pytest.raises(hoth.ScreeningError):
        hoth.Ruleset.load(str(bad))


def test_explain_and_report():
    outs = hoth.screen_many([
        {"local_authority": "middlesbrough", "child": {"age_years": 14}, "immediate_danger": "no", "crime_suspected": "no",
         "disclosure": "no", "indicators": {"carrying_weapon": "yes"}},
        {"local_authority": "hartlepool", "child": {"age_years": 19}, "immediate_danger": "no", "crime_suspected": "no",
         "disclosure": "no", "indicators": {"debt_bondage": "yes"},
         "professional_judgement": {"direction": "raise", "reason": "r", "recorded_by_role": "youth worker"}},
        {"nonsense": 1},
    ])
    text = hoth.explain(outs[0])
    assert "Concern:" in text and "R6" not in text
    assert "“Is the child carrying a weapon?” (yes)" in text
    rep = hoth.report(outs, as_="dict")
    summary = {row[0]: row[1] for row in rep["summary"]["rows"]}
    assert summary["outcomes"] == 2 and summary["errors (not screened)"] == 1
    areas = {row[0]: row[1] for row in rep["by_local_authority"]["rows"]}
    assert areas == {"hartlepool": 1, "middlesbrough": 1}
    assert rep["judgement"]["rows"] == [["raise: concern raised", 1, 50.0]]
    assert summary["transitions (17–25 planning or adult services)"] == 1


def test_an_internal_fault_becomes_a_clean_screening_error():
    from hoth import _native

    err = hoth._raise(_native._provoke_internal_error())
    assert isinstance(err, hoth.ScreeningError)
    assert err.errors[0]["code"] == "internal" and err.errors[0]["pointer"] == ""
    # The interpreter and the engine are still usable afterwards.
    assert hoth.screen({"local_authority": "hartlepool", "child": {"age_years": 9}, "immediate_danger": "no",
                        "crime_suspected": "no", "disclosure": "no"})["hoth_concern"] == "no_current_indicators"


def test_lint_text_and_a_pandas_column():
    findings = hoth.lint("She chose to go with her older boyfriend.")
    assert [f["id"] for f in findings] == ["chose_to_go", "older_boyfriend"]
    assert findings[0]["start"] == 4 and findings[0]["end"] == 15 and findings[0]["text"] == "chose to go"
    assert hoth.lint("Adults are exploiting her.") == []
    pd = pytest.importorskip("pandas")
    col = pd.Series(["putting himself at risk", None, "fine words"], index=[10, 11, 12])
    out = hoth.lint_many(col)
    assert list(out.index) == [10, 11, 12]
    assert [len(x) for x in out] == [1, 0, 0]
    assert hoth.lint_many(["risky behaviours", "ok"]) == [[dict(hoth.lint("risky behaviours")[0])], []]


TRIAGE_CASES = [
    '{"immediate_danger":"yes"}',
    "{}",
    '{"local_authority":"middlesbrough","child":{"age_years":19},"crime_suspected":"yes","disclosure":"maybe"}',
    '{"disclosure":"yes","indicators":{"not_an_indicator":3},"colour":"blue"}',
]


@pytest.mark.parametrize("text", TRIAGE_CASES)
def test_triage_is_byte_identical_to_the_native_engine(text, hoth_bin):
    native = subprocess.run([hoth_bin, "triage", "-"], input=text.encode(), capture_output=True, check=True)
    assert json.dumps(hoth.triage(text), ensure_ascii=False, separators=(",", ":")) == native.stdout.decode().rstrip("\n")


@pytest.mark.parametrize("html", [False, True])
def test_summary_is_byte_identical_to_the_native_engine(html, hoth_bin):
    example = (ROOT / "seeds" / "examples" / "contract_example.json").read_text()
    outcome = hoth.screen(example)
    args = [hoth_bin, "summary", "--html", "-"] if html else [hoth_bin, "summary", "-"]
    native = subprocess.run(args, input=hoth.screen_json(example).encode(), capture_output=True, check=True)
    assert hoth.summary(outcome, html=html) == native.stdout.decode()
    for heading in ["Situation", "Assessment", "Family", "Expected response", "Recording"]:
        assert heading in hoth.summary(outcome, html=html)


def test_triage_puts_999_first_and_refuses_only_what_is_not_an_object():
    t = hoth.triage({"immediate_danger": "yes", "child": {"age_years": "fourteen"}})
    assert t["actions"][0]["id"] == "call_999"
    assert t["unreadable"] == ["/child/age_years"]
    with pytest.raises(hoth.ScreeningError):
        hoth.triage("[1, 2]")
