"""Reports from tables and outcome lists (numbers as numbers, the CLI's CSV and HTML,
cross-tabs, small-number suppression), before/after comparisons with keys, pickling."""

import json
import pickle
import subprocess

import pyarrow as pa
import pytest

import hoth
from test_table import row_request, synthetic_rows


def screened(n=400, seed=21):
    cols = synthetic_rows(n, seed)
    t = pa.table(cols).add_column(0, "case_id", pa.array([f"C{i}" for i in range(n)]))
    return cols, t


def test_a_report_from_a_table_equals_the_report_from_its_outcomes_and_the_cli(tmp_path, hoth_bin):
    cols, t = screened()
    out = hoth.screen_table(t, screening=True)
    outcomes = [hoth.screen(row_request(cols, r)) for r in range(t.num_rows)]
    from_table = hoth.report(out)
    from_list = hoth.report(outcomes)
    assert from_table.to_csv() == from_list.to_csv()
    lines = tmp_path / "outcomes.jsonl"
    lines.write_text("".join(json.dumps(o, ensure_ascii=False) + "\n" for o in outcomes), encoding="utf-8")
    cli = subprocess.run([hoth_bin, "report", str(lines), "--csv", str(tmp_path / "r.csv")], capture_output=True, check=True)
    assert cli.returncode == 0
    assert (tmp_path / "r.csv").read_text(encoding="utf-8") == from_table.to_csv()
    concern = from_table["by_concern"]
    assert concern["count"].dtype.kind == "i" and int(concern["count"].sum()) == 400
    # The cross-tab adds up to the same totals as the one-way table.
    by_area = from_table["concern_by_local_authority"]
    assert int(by_area.drop(columns="local_authority").to_numpy().sum()) == 400
    assert list(from_table["concern_by_age_band"]["age_band"]) == ["under 10", "10–12", "13–15", "16–17", "18–25"]


def test_small_numbers_are_suppressed_in_frames_and_in_the_csv():
    _, t = screened(60)
    rep = hoth.report(hoth.screen_table(t, screening=True), suppress_under=10)
    by_concern = rep["by_concern"]
    for count, pct in zip(by_concern["count"], by_concern["percent"]):
        assert (count is None or count != count) == (pct is None or pct != pct)  # NaN/None together
        if count == count and count is not None:
            assert count == 0 or count >= 10
    assert "<10" in rep.to_csv()


def test_report_refuses_what_it_cannot_count_with_a_clear_message():
    _, t = screened(5)
    with pytest.raises(ValueError, match="screening=True"):
        hoth.report(hoth.screen_table(t))
    with pytest.raises(TypeError, match="many outcomes"):
        hoth.report({"hoth_concern": "low"})


def test_compare_gives_the_before_after_crosstab_and_the_changed_rows_with_their_keys():
    cols, t = screened(500)
    old = hoth.Ruleset.default()
    new = old.with_bands([(0, 0, "no_current_indicators"), (1, 2, "low"), (3, 8, "moderate"), (9, None, "significant")])
    cmp = hoth.compare(old, new, t)
    before = hoth.screen_table(t, old).column("hoth_concern").to_pylist()
    after = hoth.screen_table(t, new).column("hoth_concern").to_pylist()
    moved = [i for i in range(500) if before[i] != after[i]]
    assert moved, "the moved band changes some rows"
    changed = cmp.changed
    concern_changed = changed[changed["concern_before"] != changed["concern_after"]]
    assert sorted(concern_changed["case_id"]) == sorted(f"C{i}" for i in moved)
    # A lower moderate band can only raise concern (monotone): no row goes down.
    order = ["no_current_indicators", "low", "moderate", "significant"]
    assert all(order.index(a) >= order.index(b) for b, a in zip(concern_changed["concern_before"], concern_changed["concern_after"]))
    # Why: each changed row names the rules (here the what-if bands) that now hold.
    assert all(any(r.startswith("what_if_band") for r in rules) for rules in concern_changed["rules_now_holding"])
    assert cmp.to_csv().startswith("#") and "<table" in cmp.to_html()


def test_a_ruleset_pickles_with_the_same_sha256_and_answers():
    r = hoth.Ruleset.default()
    assert pickle.loads(pickle.dumps(r)) is r  # the embedded ruleset comes back as itself
    what_if = r.with_bands([(0, 0, "no_current_indicators"), (1, 3, "low"), (4, 8, "moderate"), (9, None, "significant")])
    back = pickle.loads(pickle.dumps(what_if))
    assert back.sha256 == what_if.sha256 and back == what_if and back != r
    request = {"local_authority": "hartlepool", "child": {"age_years": 15}, "immediate_danger": "no", "crime_suspected": "no",
               "disclosure": "no", "indicators": {"missing_overnight": "yes", "peers_of_concern": "yes"}}
    assert hoth.screen(request, back) == hoth.screen(request, what_if)
    assert hoth.Ruleset.from_json(what_if.to_json()).sha256 == what_if.sha256


def test_requests_go_to_a_flat_table_and_back():
    cols, t = screened(150)
    requests = [row_request(cols, r) for r in range(150)]
    flat = hoth.requests_table(requests)
    assert set(flat.column_names) <= set(hoth.Ruleset.default().table_columns)
    assert hoth.screen_table(flat).column("hoth_concern").to_pylist() == [o["hoth_concern"] for o in hoth.screen_many(requests)]
    back = hoth.requests_from_table(flat)
    # The way back is the request as the engine read it: screening it again gives the same outcome.
    assert [hoth.screen(b) for b in back] == hoth.screen_many(requests)
    bad = hoth.requests_from_table(pa.table({"local_authority": ["durham"]}))
    assert "errors" in bad[0]


def test_a_report_by_month_from_a_date_column_kept_beside_the_outcomes():
    _, t = screened(300)
    t = t.append_column("referral_date", pa.array([f"2026-{1 + i % 3:02}-15" for i in range(300)]).cast(pa.date32()))
    rep = hoth.report(hoth.screen_table(t, screening=True), period="referral_date")
    by_month = rep["concern_by_period"]
    assert list(by_month["period"]) == ["2026-01", "2026-02", "2026-03"]
    assert int(by_month.drop(columns="period").to_numpy().sum()) == 300
    with pytest.raises(ValueError, match="no column 'referal_date'"):
        hoth.report(hoth.screen_table(t, screening=True), period="referal_date")
