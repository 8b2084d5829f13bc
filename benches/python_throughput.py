#!/usr/bin/env python3
"""Rows per second for hoth.screen_table (Arrow) and hoth.screen_many (dicts), each with
the peer its target is a ratio to, measured in the same process on the same data:

- screen_table against a pyarrow compute pass over the same columns (every answer column
  compared with "yes" and counted: the floor for touching every cell once);
- screen_many against orjson.loads of the same outcomes' JSON (building the same dicts
  from text: the floor for handing Python the outcomes), and GoRules ZEN evaluate_batch
  over the same requests (flattened as benches/peers does), when zen-engine is installed.

Synthetic rows (random answers, no real children). Usage: python_throughput.py [ROWS]"""

import gc
import random
import sys
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

import hoth


def columns(n, seed=3):
    rng = random.Random(seed)
    ids = [i["id"] for i in hoth.Ruleset.default().indicators]
    base = 2000
    cols = {"case_id": [f"C{i:06}" for i in range(base)],
            "local_authority": [rng.choice(["hartlepool", "stockton_on_tees", "middlesbrough", "redcar_and_cleveland"]) for _ in range(base)],
            "age_years": [rng.randint(8, 21) for _ in range(base)],
            "immediate_danger": [rng.choices(["no", "yes"], [97, 3])[0] for _ in range(base)],
            "crime_suspected": [rng.choice(["no", "not_known", "yes"]) for _ in range(base)],
            "disclosure": [rng.choices(["no", "yes"], [95, 5])[0] for _ in range(base)]}
    for i in ids:
        cols[f"ind_{i}"] = [rng.choices(["no", "not_known", "yes"], [80, 10, 10])[0] for _ in range(base)]
    t = pa.table(cols)
    return pa.concat_tables([t] * max(1, n // base)).combine_chunks(), t.drop_columns(["case_id"]).to_pylist()


def dict_request(row):
    return {"local_authority": row["local_authority"], "child": {"age_years": row["age_years"]},
            "immediate_danger": row["immediate_danger"], "crime_suspected": row["crime_suspected"], "disclosure": row["disclosure"],
            "indicators": {k[4:]: v for k, v in row.items() if k.startswith("ind_")}}


def timed(fn, repeat=3):
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


def line(label, n, seconds, peer_label=None, peer_rate=None):
    r = n / seconds
    ratio = f"  {r / peer_rate:6.2f}× {peer_label}" if peer_rate else ""
    print(f"{label:<46} {n:>9,} rows {r:>12,.0f} rows/s{ratio}")
    return r


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200_000
    table, rows = columns(n)
    answer_cols = [c for c in table.column_names if c not in ("case_id", "local_authority", "age_years")]
    print(f"{n:,} synthetic rows, {len(answer_cols)} answer columns\n")

    scan = line("pyarrow compute pass (== 'yes', count)", table.num_rows,
                timed(lambda: [pc.sum(pc.equal(table[c], "yes")).as_py() for c in answer_cols]))
    line("hoth.screen_table (Arrow in, Arrow out)", table.num_rows, timed(lambda: hoth.screen_table(table)), "the pyarrow pass", scan)
    line("hoth.screen_table, jobs=2", table.num_rows, timed(lambda: hoth.screen_table(table, jobs=2)), "the pyarrow pass", scan)

    import orjson

    dicts = [dict_request(r) for r in rows] * max(1, min(n, 40_000) // len(rows))
    texts = [hoth.screen_json(d) for d in dicts]
    floor = line("orjson.loads of the same outcomes' JSON", len(texts), timed(lambda: [orjson.loads(t) for t in texts]))
    line("hoth.screen_many (dicts in, dicts out)", len(dicts), timed(lambda: hoth.screen_many(dicts)), "orjson.loads", floor)
    try:
        import zen
    except ImportError:
        print("(zen-engine not installed: no ZEN ratio)")
        return
    sys.path.insert(0, str(Path(__file__).parent / "peers"))
    from agree_and_time import flatten

    jdm = (Path(__file__).parent / "peers" / "tees.jdm.json").read_text()
    engine = zen.ZenEngine({"loader": lambda key: jdm})
    batch = [{"key": "tees", "context": flatten(d)} for d in dicts]
    zen_rate = len(batch) / timed(lambda: engine.evaluate_batch(batch, {"trace": False}), repeat=1)
    print(f"{'ZEN evaluate_batch (same requests, trace off)':<46} {len(batch):>9,} rows {zen_rate:>12,.0f} rows/s")
    many = len(dicts) / timed(lambda: hoth.screen_many(dicts), repeat=1)
    print(f"{'hoth.screen_many against ZEN':<46} {'':>14} {'':>12}         {many / zen_rate:6.2f}× ZEN")


if __name__ == "__main__":
    main()
