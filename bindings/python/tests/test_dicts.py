"""Dicts in, dicts out with no JSON in between: the same outcome and the same errors as
the native engine gives the same request as JSON text, and values as analysts have them
(numpy scalars, pandas missing values, whole floats) read as the contract means them."""

import json
import subprocess

import pytest

import hoth
from conftest import golden_cases

BASE = {"local_authority": "middlesbrough", "child": {"age_years": 14},
        "immediate_danger": "no", "crime_suspected": "no", "disclosure": "no"}


def with_(**changes):
    r = json.loads(json.dumps(BASE))
    for k, v in changes.items():
        r[k] = v
    return r


# Cases whose request is not a dict JSON can hold as it is (text that is not JSON, a key twice).
TEXT_ONLY = {"e_invalid_json", "e_duplicate_key"}


@pytest.mark.parametrize("name,case", [c for c in golden_cases() if c[0] not in TEXT_ONLY and isinstance(c[1]["request"], dict)])
def test_a_dict_gets_what_its_json_text_gets_from_the_native_engine(name, case, hoth_bin):
    text = json.dumps(case["request"], ensure_ascii=False)
    native = subprocess.run([hoth_bin, "screen", "-"], input=text.encode(), capture_output=True, check=False)
    want = json.loads(native.stdout.decode())
    [got] = hoth.screen_many([case["request"]])
    assert got == want, name
    if "errors" not in want:
        assert hoth.screen(case["request"]) == want
        # Same keys in the same order as the JSON outcome, not merely equal dicts.
        assert json.dumps(hoth.screen(case["request"])) == json.dumps(want)


def test_numpy_and_pandas_values_read_as_the_contract_means_them():
    np = pytest.importorskip("numpy")
    pd = pytest.importorskip("pandas")
    plain = hoth.screen(with_(indicators={"missing_overnight": "yes"}))
    as_numpy = with_(child={"age_years": np.int64(14)}, indicators={"missing_overnight": np.str_("yes")})
    assert hoth.screen(as_numpy) == plain
    assert hoth.screen(with_(child={"age_years": 14.0}, indicators={"missing_overnight": "yes"})) == plain
    assert hoth.screen(with_(child={"age_years": np.float64(14.0)}, indicators={"missing_overnight": "yes"})) == plain
    # Missing values are absent fields: an indicator left NA is not known, not "no".
    na = hoth.screen(with_(indicators={"missing_overnight": "yes", "carrying_weapon": pd.NA, "unexplained_money_or_goods": float("nan")}))
    assert na == plain
    assert "carrying_weapon" in na["information_gaps"] and "unexplained_money_or_goods" in na["information_gaps"]
    # None is JSON's null, as json.dumps writes it: a wrong type, as for JSON text.
    with pytest.raises(hoth.ScreeningError) as err:
        hoth.screen(with_(indicators={"carrying_weapon": None}))
    assert [(e["pointer"], e["code"]) for e in err.value.errors] == [("/indicators/carrying_weapon", "invalid_type")]


def test_bad_values_are_errors_at_their_pointer_never_a_crash():
    np = pytest.importorskip("numpy")
    pd = pytest.importorskip("pandas")
    deep: object = "yes"
    for _ in range(5000):
        deep = [deep]
    items = [
        with_(child={"age_years": 14.5}),  # not whole
        with_(child={"age_years": True}),  # a bool is not a number
        with_(immediate_danger=pd.NA),  # a required answer left missing
        with_(local_authority="middlesbrough\ud800"),  # a lone surrogate
        with_(indicators={"missing_overnight": deep}),  # nested far too deep
        with_(child={"age_years": float("nan")}),
        with_(child={"age_years": np.int64(2**40)}),  # out of range
        "not json at all",
        42,
    ]
    results = hoth.screen_many(items)
    assert len(results) == len(items)
    assert all("errors" in r for r in results)
    pointers = [[e["pointer"] for e in r["errors"]] for r in results]
    assert pointers[0] == ["/child/age_years"] and results[0]["errors"][0]["code"] == "invalid_type"
    assert pointers[1] == ["/child/age_years"]
    assert pointers[2] == ["/immediate_danger"] and results[2]["errors"][0]["code"] == "missing_field"
    assert pointers[3] == ["/local_authority"] and "lone surrogate" in results[3]["errors"][0]["message"]
    assert pointers[4] == ["/indicators/missing_overnight"] and len(results[4]["errors"][0]["message"]) < 300
    assert pointers[5] == ["/child/age_years"] and results[5]["errors"][0]["code"] == "missing_field"
    assert pointers[6] == ["/child/age_years"] and results[6]["errors"][0]["code"] == "out_of_range"
    assert results[7]["errors"][0]["code"] == "invalid_json"
    assert pointers[8][0] == "" and results[8]["errors"][0]["code"] == "invalid_type"
    # Every error, however it arose, has the help sentence a person reads.
    assert all(e.get("help") for r in results for e in r["errors"])
    with pytest.raises(hoth.ScreeningError):
        hoth.screen(items[0])


def test_a_mapping_and_tuples_read_like_dicts_and_lists():
    from types import MappingProxyType

    descriptors = hoth.Ruleset.default()
    assert descriptors.id == "tees-hoth"
    request = with_(indicators=MappingProxyType({"missing_overnight": "yes"}))
    assert hoth.screen(MappingProxyType(request)) == hoth.screen(with_(indicators={"missing_overnight": "yes"}))
