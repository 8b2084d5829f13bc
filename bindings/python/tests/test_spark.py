"""hoth.spark.screen in a local[2] Spark gives the single-process screen_table outcomes,
row for row, on 100,000 synthetic rows (random answers from a fixed seed, no real children).
Skipped when pyspark or Java is missing; CI installs both."""

import os
import random
import shutil
import sys

import pytest

pa = pytest.importorskip("pyarrow")
pytest.importorskip("pyspark", reason="pyspark is not installed (.ci/install.sh installs it)")
if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
    pytest.skip("Java is not installed (Spark needs a JRE: Debian openjdk-17-jre-headless)", allow_module_level=True)

import hoth  # noqa: E402
import hoth.spark  # noqa: E402


def synthetic(n: int):
    rng = random.Random(2026)
    ids = [i["id"] for i in hoth.Ruleset.default().indicators]
    base = 2000
    cols = {
        "local_authority": [rng.choice(["hartlepool", "stockton_on_tees", "middlesbrough", "redcar_and_cleveland"]) for _ in range(base)],
        "age_years": [rng.randint(9, 20) for _ in range(base)],
        "immediate_danger": [rng.choices(["no", "yes"], [98, 2])[0] for _ in range(base)],
        "crime_suspected": [rng.choice(["no", "not_known", "yes"]) for _ in range(base)],
        "disclosure": [rng.choices(["no", "yes"], [95, 5])[0] for _ in range(base)],
    }
    for i in ids:
        cols[f"ind_{i}"] = [rng.choices(["no", "yes", None], [82, 9, 9])[0] for _ in range(base)]
    block = pa.table(cols)
    table = pa.concat_tables([block] * (n // base)).combine_chunks()
    return table.add_column(0, "case_id", pa.array([f"C{i:06}" for i in range(n)]))


@pytest.fixture(scope="module")
def spark():
    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)  # executors use this venv's hoth
    session = (
        SparkSession.builder.master("local[2]").appName("hoth-test")
        .config("spark.ui.enabled", "false")
        .config("spark.eventLog.enabled", "false")  # no record of the data kept
        .config("spark.sql.shuffle.partitions", "2")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def test_spark_outcomes_equal_single_process_row_for_row(spark):
    requests = synthetic(100_000)
    df = spark.createDataFrame(requests).repartition(2)
    got = hoth.spark.screen(df).toArrow().sort_by("case_id")
    want = hoth.screen_table(requests).sort_by("case_id")
    assert got.num_rows == 100_000
    assert got.column_names == want.column_names
    assert got.equals(want.cast(got.schema))


def test_spark_ships_another_ruleset_to_the_executors(spark):
    what_if = hoth.Ruleset.default().with_bands(
        [(0, 0, "no_current_indicators"), (1, 2, "low"), (3, 8, "moderate"), (9, None, "significant")])
    requests = synthetic(4000)
    got = hoth.spark.screen(spark.createDataFrame(requests), ruleset=what_if).toArrow().sort_by("case_id")
    want = hoth.screen_table(requests, what_if).sort_by("case_id")
    assert set(got.column("ruleset_sha256").to_pylist()) == {what_if.sha256}
    assert got.equals(want.cast(got.schema))
