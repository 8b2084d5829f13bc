#!/usr/bin/env python3
"""The worked example from docs/analyst-guide.md: a what-if re-run of the Tees rules over a
synthetic data set (random answers from a fixed seed; no real children), with one chart.

    python docs/analyst_example.py            # prints the tables, writes docs/img/what-if-bands.png
"""

from pathlib import Path
import random

import pyarrow as pa

import hoth

ROOT = Path(__file__).resolve().parent


def synthetic_screenings(n: int = 20_000, seed: int = 2025) -> pa.Table:
    """One row per screening, flat columns as hoth.screen_table reads them."""
    rng = random.Random(seed)
    ids = [i["id"] for i in hoth.Ruleset.default().indicators]
    rows = {
        "local_authority": [rng.choice(["hartlepool", "stockton_on_tees", "middlesbrough", "redcar_and_cleveland"]) for _ in range(n)],
        "age_years": [rng.randint(9, 20) for _ in range(n)],
        "immediate_danger": [rng.choices(["no", "yes"], [98, 2])[0] for _ in range(n)],
        "crime_suspected": [rng.choices(["no", "not_known", "yes"], [80, 10, 10])[0] for _ in range(n)],
        "disclosure": [rng.choices(["no", "yes"], [96, 4])[0] for _ in range(n)],
        "re_referral_within_12_months": [rng.choices(["no", "yes"], [75, 25])[0] for _ in range(n)],
    }
    for i in ids:
        rows[f"ind_{i}"] = [rng.choices(["no", "not_known", "yes", None], [78, 8, 6, 8])[0] for _ in range(n)]
    return pa.table(rows)


def counts(outcomes: pa.Table) -> dict:
    order = ["no_current_indicators", "low", "moderate", "significant"]
    values = outcomes.column("hoth_concern").to_pylist()
    return {c: values.count(c) for c in order}


def main() -> None:
    data = synthetic_screenings()
    tees = hoth.Ruleset.default()
    what_if = tees.with_bands([(0, 0, "no_current_indicators"), (1, 4, "low"), (5, 8, "moderate"), (9, None, "significant")])
    today = counts(hoth.screen_table(data, ruleset=tees))
    moved = counts(hoth.screen_table(data, ruleset=what_if))
    print(f"{'concern':<24}{'Tees bands':>12}{'moderate from 5':>18}")
    for c in today:
        print(f"{c:<24}{today[c]:>12}{moved[c]:>18}")

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    labels = ["no current\nindicators", "low", "moderate", "significant"]
    x = range(len(labels))
    fig, ax = plt.subplots(figsize=(7, 4), dpi=110)
    ax.bar([i - 0.2 for i in x], list(today.values()), width=0.4, label="Tees bands (moderate from 4)", color="#1d70b8")
    ax.bar([i + 0.2 for i in x], list(moved.values()), width=0.4, label="What-if (moderate from 5)", color="#f47738")
    ax.set_xticks(list(x), labels)
    ax.set_ylabel("screenings")
    ax.set_title("HOTH concern by band: 20,000 synthetic screenings")
    ax.legend()
    fig.tight_layout()
    out = ROOT / "img" / "what-if-bands.png"
    fig.savefig(out)
    print(f"chart: {out.relative_to(ROOT.parent)}")


if __name__ == "__main__":
    main()
