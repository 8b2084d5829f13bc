"""Screening a Spark DataFrame, partition by partition, on the executors.

    import hoth.spark
    outcomes = hoth.spark.screen(df)                  # a Spark DataFrame, one row per request
    outcomes = hoth.spark.screen(df, ruleset=what_if, screening=True)

Each partition's Arrow record batches go through :func:`hoth.screen_table` on the executor
that holds them (PySpark's ``DataFrame.mapInArrow``): no row becomes a Python object, and
the rules run in the same Rust engine as everywhere else, so a row screened here gives the
byte-for-byte answer a single process gives. Columns are read as by
:func:`hoth.screen_table` (flat or nested); every other column (``case_id``, a referral
date) is kept beside the outcome, so join keys survive the trip.

The ruleset reaches the executors as its JSON text (the same ``sha256``) and is compiled
once per Python worker; the embedded Tees ruleset ships nothing. Each executor needs the
``hoth`` wheel installed (the abi3 manylinux_2_17 wheel installs on any Linux with glibc
2.17 or later and Python 3.10 or later).

hoth keeps nothing about a child: no file, log or network call. Spark may (event logs,
shuffle files, a history server): keep your cluster's own governance for those.
"""

from __future__ import annotations

import functools
from typing import Any, Callable, Iterator, Optional

import hoth

__all__ = ["screen", "outcome_schema"]


@functools.lru_cache(maxsize=8)
def _ruleset(text: Optional[str]) -> "hoth.Ruleset":
    # On an executor: compiled once per Python worker (workers are reused between tasks).
    return hoth.Ruleset.default() if text is None else hoth.Ruleset.from_json(text)


def _spark_arrow_type(t: Any) -> Any:
    """An Arrow type Spark can hold: Spark has no unsigned integers, so each widens to the
    next signed type (threshold_level uint8 → int16, score uint32 → int64)."""
    import pyarrow as pa

    if pa.types.is_uint8(t):
        return pa.int16()
    if pa.types.is_uint16(t):
        return pa.int32()
    if pa.types.is_uint32(t) or pa.types.is_uint64(t):
        return pa.int64()
    if pa.types.is_list(t) or pa.types.is_large_list(t):
        return pa.list_(pa.field(t.value_field.name, _spark_arrow_type(t.value_type), True))
    if pa.types.is_struct(t):
        return pa.struct([pa.field(f.name, _spark_arrow_type(f.type), True) for f in t])
    return t


def _large_var_types(df: Any) -> bool:
    try:
        value = df.sparkSession.conf.get("spark.sql.execution.arrow.useLargeVarTypes", "false")
    except Exception:  # pragma: no cover - a session without the setting
        return False
    return str(value).lower() == "true"


def outcome_schema(df: Any, ruleset: Optional["hoth.Ruleset"] = None, **options: Any) -> Any:
    """The Spark schema (``StructType``) of ``screen(df, ruleset, **options)``: found by
    screening an empty table of ``df``'s own Arrow schema on the driver, so a shape
    :func:`hoth.screen_table` refuses is refused here, before any task starts."""
    import pyarrow as pa
    from pyspark.sql.pandas.types import from_arrow_schema, to_arrow_schema

    arrow_in = to_arrow_schema(df.schema, prefers_large_types=_large_var_types(df))
    empty = hoth.screen_table(pa.Table.from_batches([], arrow_in), ruleset, **options)
    if isinstance(empty, pa.RecordBatchReader):  # pragma: no cover - a table in gives a table out
        empty = empty.read_all()
    fields = [pa.field(f.name, _spark_arrow_type(f.type), True) for f in empty.schema]
    return from_arrow_schema(pa.schema(fields))


def _partition_screener(
    ruleset_json: Optional[str], target: Any, options: dict[str, Any]
) -> Callable[[Iterator[Any]], Iterator[Any]]:
    def screen_partition(batches: Iterator[Any]) -> Iterator[Any]:
        import pyarrow as pa

        ruleset = _ruleset(ruleset_json)
        for out in hoth.screen_batches(batches, ruleset, **options):
            if out.num_rows == 0:
                continue
            # Spark reads each column as the type it was promised (signed, its string width).
            yield pa.RecordBatch.from_arrays(
                [out.column(i).cast(f.type) for i, f in enumerate(target)], schema=target
            )

    return screen_partition


def screen(df: Any, ruleset: Optional["hoth.Ruleset"] = None, **options: Any) -> Any:
    """Screens every row of a Spark DataFrame on the executors; returns a Spark DataFrame
    of outcomes (the columns of :func:`hoth.screen_table`, with any other input column
    kept first). ``options`` are :func:`hoth.screen_table`'s (``screening=True``,
    ``reason_texts=True``, ``jobs=``; leave ``jobs`` at 1 and let Spark's tasks use the
    cores). Unsigned outcome columns widen to Spark's signed types: ``threshold_level``
    is a short, ``score`` and ``gap_count`` longs. A bad row has its ``errors`` cell (the
    contract's JSON) and nulls elsewhere; it never fails the job."""
    from pyspark.sql.pandas.types import to_arrow_schema

    schema = outcome_schema(df, ruleset, **options)
    target = to_arrow_schema(schema, prefers_large_types=_large_var_types(df))
    default = ruleset is None or ruleset.sha256 == hoth.Ruleset.default().sha256
    ruleset_json = None if default else ruleset.to_json()  # type: ignore[union-attr]
    return df.mapInArrow(_partition_screener(ruleset_json, target, dict(options)), schema)
