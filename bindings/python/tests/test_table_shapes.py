"""Tables as analysts have them: keys kept beside the outcome, the nested request shape,
pandas with any index, polars (eager, lazy, all-null columns), DuckDB, readers in and out,
worker threads; and the columns an analyst needs (reasons, the screening echo)."""

import json

import pyarrow as pa
import pytest

import hoth
from test_table import row_request, synthetic_rows


def flat_table(n=300, seed=5):
    cols = synthetic_rows(n, seed)
    return cols, pa.table(cols)


def outcome_columns(table):
    names = [c for c in table.column_names if c not in ("case_id", "referral_date")]
    return table.select(names)


def test_keys_and_dates_are_kept_beside_the_outcome_in_order():
    cols, t = flat_table()
    t = t.add_column(0, "case_id", pa.array([f"C{i:05}" for i in range(t.num_rows)]))
    t = t.append_column("referral_date", pa.array([f"2026-0{1 + i % 9}-15" for i in range(t.num_rows)]).cast(pa.date32()))
    out = hoth.screen_table(t)
    assert out.column_names[:2] == ["case_id", "referral_date"]
    assert out.column("case_id").to_pylist() == t.column("case_id").to_pylist()
    assert out.column("referral_date").type == pa.date32()
    for r in (0, 17, 299):
        assert out.column("hoth_concern")[r].as_py() == hoth.screen(row_request(cols, r))["hoth_concern"]


def test_the_reasons_column_lists_the_rules_behind_each_outcome():
    cols, t = flat_table(120)
    out = hoth.screen_table(t, reason_texts=True).to_pylist()
    for r, row in enumerate(out):
        o = hoth.screen(row_request(cols, r))
        rules = list(dict.fromkeys(x["rule"] for x in o["reasons"]))
        assert row["reasons"] == rules
        assert row["reason_texts"] == [x["text"] for x in o["reasons"]]


def test_the_screening_column_reads_back_for_explain_and_summary():
    cols, t = flat_table(20)
    out = hoth.screen_table(t, screening=True).to_pylist()
    for r, row in enumerate(out):
        o = hoth.screen(row_request(cols, r))
        assert json.loads(row["screening"]) == o["screening"]
        assert hoth.explain(row) == hoth.explain(o)
        assert hoth.summary(row) == hoth.summary(o)


def test_nested_struct_columns_give_what_flat_columns_give():
    cols, flat = flat_table(200)
    ids = [i["id"] for i in hoth.Ruleset.default().indicators]
    requests = [row_request(cols, r) for r in range(200)]
    for q in requests:
        # Every row the same struct type: absent answers are nulls.
        q["indicators"] = {i: q["indicators"].get(i) for i in ids}
        q["history"].setdefault("re_referral_within_12_months", None)
        q["threshold_descriptors"] = []
    nested = pa.Table.from_pylist(requests)
    assert pa.types.is_struct(nested.schema.field("child").type)
    assert outcome_columns(hoth.screen_table(nested)).equals(outcome_columns(hoth.screen_table(flat)))


def test_a_table_that_gives_an_object_twice_is_refused_before_anything_is_screened():
    t = pa.table({"child": pa.array([{"age_years": 14}]), "age_years": [14]})
    with pytest.raises(hoth.ScreeningError) as err:
        hoth.screen_table(t)
    assert err.value.errors[0]["pointer"] == "/columns/child"
    with pytest.raises(hoth.ScreeningError) as err:
        hoth.screen_table(pa.table({"hoth_concern": ["low"], "age_years": [14]}))
    assert err.value.errors[0]["pointer"] == "/columns/hoth_concern"


def test_descriptors_as_a_list_or_as_semicolon_text_agree():
    base = {"local_authority": ["hartlepool"] * 2, "age_years": [14, 14], "immediate_danger": ["no"] * 2,
            "crime_suspected": ["no"] * 2, "disclosure": ["no"] * 2}
    d = [i["id"] for i in json.loads(hoth.Ruleset.default()._native.to_json())["threshold_descriptors"]][:2]
    as_text = hoth.screen_table(pa.table({**base, "threshold_descriptors": [";".join(d), d[0]]}))
    as_list = hoth.screen_table(pa.table({**base, "threshold_descriptors": [d, [d[0]]]}))
    assert as_text.equals(as_list)
    assert as_text.column("threshold_level").to_pylist()[0] >= 2


def test_pandas_with_a_case_id_index_keeps_it():
    pd = pytest.importorskip("pandas")
    cols, _ = flat_table(50)
    df = pd.DataFrame(cols, index=pd.Index([f"K{i}" for i in range(50)], name="case_id"))
    out = hoth.screen_table(df)
    assert out.column("case_id").to_pylist() == list(df.index)
    assert out.column("errors").null_count == 50


def test_polars_eager_lazy_and_an_all_null_column():
    pl = pytest.importorskip("polars")
    cols, t = flat_table(80)
    df = pl.DataFrame(cols).with_columns(pl.lit(None).alias("ind_debt_bondage"))
    assert df.schema["ind_debt_bondage"] == pl.Null
    eager = hoth.screen_table(df)
    lazy = hoth.screen_table(df.lazy())
    assert eager.equals(lazy)
    assert eager.column("errors").null_count == 80
    assert all("debt_bondage" in gaps for gaps in eager.column("information_gaps").to_pylist())


def test_duckdb_relations_and_read_json_in_the_nested_shape(tmp_path):
    duckdb = pytest.importorskip("duckdb")
    cols, t = flat_table(60)
    lines = tmp_path / "requests.jsonl"
    lines.write_text("".join(json.dumps(row_request(cols, r)) + "\n" for r in range(60)))
    rel = duckdb.sql(f"select * from read_json('{lines}')")
    out = hoth.screen_table(rel)
    assert isinstance(out, pa.RecordBatchReader)  # a relation streams: a reader out
    got = out.read_all()
    assert got.column("hoth_concern").to_pylist() == [hoth.screen(row_request(cols, r))["hoth_concern"] for r in range(60)]


def test_a_reader_in_gives_a_reader_out_and_jobs_change_nothing():
    _, t = flat_table(3000, seed=9)
    one = hoth.screen_table(t)
    reader = hoth.screen_table(pa.RecordBatchReader.from_batches(t.schema, t.to_batches(max_chunksize=700)))
    assert isinstance(reader, pa.RecordBatchReader)
    assert reader.read_all().equals(one)
    assert hoth.screen_table(t, jobs=2).equals(one)
    assert pa.Table.from_batches(list(hoth.screen_batches(t.to_batches(max_chunksize=500)))).equals(one)
