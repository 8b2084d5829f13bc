#!/usr/bin/env python3
"""Rows per second for hoth.screen_table (Arrow) and hoth.screen_many (dicts), on
synthetic rows (random answers, no real children), with the single-request path as a
peer in the same run. Usage: python_throughput.py [ROWS]"""

import random
import sys
import time

import pyarrow as pa

import hoth


def columns(n, seed=3):
    rng = random.Random(seed)
    ids = [i["id"] for i in hoth.Ruleset.default().indicators]
    base = 2000
    cols = {"local_authority": [rng.choice(["hartlepool", "stockton_on_tees", "middlesbrough", "redcar_and_cleveland"]) for _ in range(base)],
            "age_years": [rng.randint(8, 21) for _ in range(base)],
            "immediate_danger": [rng.choices(["no", "yes"], [97, 3])[0] for _ in range(base)],
            "crime_suspected": [rng.choice(["no", "not_known", "yes"]) for _ in range(base)],
            "disclosure": [rng.choices(["no", "yes"], [95, 5])[0] for _ in range(base)]}
    for i in ids:
        cols[f"ind_{i}"] = [rng.choices(["no", "not_known", "yes"], [80, 10, 10])[0] for _ in range(base)]
    t = pa.table(cols)
    return pa.concat_tables([t] * (n // base)).combine_chunks(), t.to_pylist()


def dict_request(row):
    return {"local_authority": row["local_authority"], "child": {"age_years": row["age_years"]},
            "immediate_danger": row["immediate_danger"], "crime_suspected": row["crime_suspected"], "disclosure": row["disclosure"],
            "indicators": {k[4:]: v for k, v in row.items() if k.startswith("ind_")}}


def rate(label, n, seconds, peer=None):
    r = n / seconds
    ratio = f"  ({r / peer:.1f}× the single-request path)" if peer else ""
    print(f"{label:<34} {n:>9} rows  {seconds:7.2f} s  {r:>12,.0f} rows/s{ratio}")
    return r


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    table, rows = columns(n)
    dicts = [dict_request(r) for r in rows]
    many = (dicts * (max(n // 5, len(dicts)) // len(dicts)))
    t = time.perf_counter()
    for d in dicts:
        hoth.screen(d)
    single = rate("hoth.screen (one dict at a time)", len(dicts), time.perf_counter() - t)
    t = time.perf_counter()
    hoth.screen_many(many)
    rate("hoth.screen_many (dicts)", len(many), time.perf_counter() - t, single)
    t = time.perf_counter()
    out = hoth.screen_table(table)
    rate("hoth.screen_table (Arrow)", out.num_rows, time.perf_counter() - t, single)


if __name__ == "__main__":
    main()
