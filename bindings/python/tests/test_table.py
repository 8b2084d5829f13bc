"""screen_table: Arrow in, Arrow out, the same answers as the JSON path."""

import json
import random

import pyarrow as pa
import pytest

import hoth


def synthetic_rows(n: int, seed: int = 7):
    """Random answers (no real children)."""
    rng = random.Random(seed)
    ids = [i["id"] for i in hoth.Ruleset.default().indicators]
    areas = ["hartlepool", "stockton_on_tees", "middlesbrough", "redcar_and_cleveland"]
    pick = lambda: rng.choices(["no", "not_known", "yes", None], weights=[70, 10, 8, 12])[0]
    cols = {"local_authority": [rng.choice(areas) for _ in range(n)],
            "age_years": [rng.randint(8, 21) for _ in range(n)],
            "immediate_danger": [rng.choices(["no", "yes"], [97, 3])[0] for _ in range(n)],
            "crime_suspected": [rng.choice(["no", "not_known", "yes"]) for _ in range(n)],
            "disclosure": [rng.choices(["no", "yes"], [95, 5])[0] for _ in range(n)],
            "missing_episodes_last_90_days": [rng.choice([0, 0, 1, 3]) for _ in range(n)],
            "re_referral_within_12_months": [rng.choice(["no", "yes", None]) for _ in range(n)]}
    for i in ids:
        cols[f"ind_{i}"] = [pick() for _ in range(n)]
    return cols


def row_request(cols, r):
    req = {"local_authority": cols["local_authority"][r], "child": {"age_years": cols["age_years"][r]},
           "immediate_danger": cols["immediate_danger"][r], "crime_suspected": cols["crime_suspected"][r],
           "disclosure": cols["disclosure"][r], "indicators": {}, "history": {"missing_episodes_last_90_days": cols["missing_episodes_last_90_days"][r]}}
    if cols["re_referral_within_12_months"][r] is not None:
        req["history"]["re_referral_within_12_months"] = cols["re_referral_within_12_months"][r]
    for k, v in cols.items():
        if k.startswith("ind_") and v[r] is not None:
            req["indicators"][k[4:]] = v[r]
    return req


def test_table_rows_match_screen():
    cols = synthetic_rows(500)
    out = hoth.screen_table(pa.table(cols)).to_pylist()
    assert len(out) == 500
    for r, row in enumerate(out):
        o = hoth.screen(row_request(cols, r))
        assert row["errors"] is None
        assert row["hoth_concern"] == o["hoth_concern"]
        assert row["threshold_level"] == (o["threshold"] or {}).get("level")
        assert row["score"] == o["score"]
        assert row["actions"] == [a["id"] for a in o["actions"]]
        assert row["top_urgency"] == o["actions"][0]["urgency"]
        assert row["information_gaps"] == o["information_gaps"]
        assert row["complete"] == o["complete"]
        assert row["harm_types"] == o["harm_types"]
        assert row["cin_factors"] == o["cin_factors"]
        assert row["ruleset_sha256"] == o["ruleset"]["sha256"]


def test_bad_rows_become_error_rows_and_a_misspelt_column_is_kept_with_a_warning():
    t = pa.table({"local_authority": ["middlesbrough", "durham"], "age_years": [14, 31], "immediate_danger": ["no", "no"],
                  "crime_suspected": ["no", "no"], "disclosure": ["no", "maybe"], "ind_missing_overnite": [None, "yes"]})
    rows = hoth.screen_table(t).to_pylist()
    assert rows[0]["errors"] is None and rows[0]["hoth_concern"] == "no_current_indicators"
    errors = json.loads(rows[1]["errors"])["errors"]
    # In contract order (§0): the rows of the contract's request table.
    assert [e["pointer"] for e in errors] == ["/local_authority", "/child/age_years", "/disclosure", "/indicators/missing_overnite"]
    # A column the request does not have is kept beside the outcome; one that looks like a
    # misspelt request column says so, and the field it should have given is missing.
    with pytest.warns(hoth.ColumnWarning, match="did you mean 'local_authority'"):
        out = hoth.screen_table(pa.table({"local_autority": ["hartlepool"]}))
    assert out.column_names[0] == "local_autority"
    assert "/local_authority" in [e["pointer"] for e in json.loads(out.column("errors")[0].as_py())["errors"]]


def test_pandas_with_nullable_ints():
    pd = pytest.importorskip("pandas")
    df = pd.DataFrame({"local_authority": ["hartlepool", "hartlepool"], "age_years": [12.0, None], "immediate_danger": ["no", "no"],
                       "crime_suspected": ["no", "no"], "disclosure": ["no", "no"], "ind_change_in_presentation": ["yes", "yes"]})
    rows = hoth.screen_table(df).to_pylist()
    assert rows[0]["hoth_concern"] == "moderate"  # R5: aged 12 with a harm indicator
    assert json.loads(rows[1]["errors"])["errors"][0]["pointer"] == "/child/age_years"


def test_a_batch_of_100000_rows():
    cols = synthetic_rows(2000, seed=11)
    big = pa.concat_tables([pa.table(cols)] * 50)
    out = hoth.screen_table(big)
    assert out.num_rows == 100_000
    assert out.column("errors").null_count == 100_000
    first = out.slice(0, 2000).to_pylist()
    assert out.slice(98_000, 2000).to_pylist() == first
