"""hoth: screen children for Harm Outside the Home on the Tees Threshold of Need.

The rules run in Rust (the same engine as the ``hoth`` command line and the web page);
this module only moves data in and out. Same request and ruleset, same answer, byte for
byte, in every binding.

>>> import hoth
>>> out = hoth.screen({"local_authority": "middlesbrough", "child": {"age_years": 14},
...                    "immediate_danger": "no", "crime_suspected": "no", "disclosure": "no",
...                    "indicators": {"missing_overnight": "yes"}})
>>> out["hoth_concern"]
'moderate'

Invalid input raises :class:`ScreeningError`, whose ``.errors`` is the contract's list of
``{"pointer", "code", "message"}``. In batches (:func:`screen_many`, :func:`screen_table`)
a bad row gives an error row and never stops the batch.
"""

from __future__ import annotations

import gc
import json
from typing import Any, Dict, Iterable, Iterator, List, Mapping, Optional, Sequence, Tuple, Union

from . import _native
from ._contract import (
    DescriptorId,
    ErrorList,
    FieldError,
    Indicator,
    IndicatorId,
    ScreeningOutcome,
    ScreeningRequest,
    ScreeningRuleset,
)

__all__ = [
    "ScreeningError",
    "Ruleset",
    "screen",
    "triage",
    "summary",
    "screen_many",
    "screen_table",
    "screen_batches",
    "requests_table",
    "requests_from_table",
    "ColumnWarning",
    "validate",
    "explain",
    "report",
    "Report",
    "compare",
    "Comparison",
    "schema",
    "lint",
    "lint_many",
    "engine_version",
    "ScreeningRequest",
    "ScreeningOutcome",
    "ErrorList",
    "FieldError",
    "IndicatorId",
    "DescriptorId",
]

JSON = Dict[str, Any]
# The contract's types (request, outcome, errors, ruleset) are generated from the JSON
# Schemas into _contract.py by `node scripts/gen-types.mjs`; they are plain dicts at run time.


class ScreeningError(ValueError):
    """Invalid input. ``errors`` lists every problem: ``pointer`` (RFC 6901), ``code``, ``message``."""

    def __init__(self, errors: List[FieldError], about: str = ""):
        self.errors = errors
        lines = "; ".join(f"{e.get('pointer') or '/'}: {e.get('code')}: {e.get('message')}" for e in errors)
        super().__init__(f"{about}{len(errors)} problem(s): {lines}")


def _raise(errors_json: Optional[str]) -> "ScreeningError":
    errors: List[FieldError] = json.loads(errors_json or '{"errors": []}').get("errors", [])
    return ScreeningError(errors)


Band = Tuple[int, Optional[int], str]


class Ruleset:
    """A validated, compiled ruleset. Load once; screen many times."""

    __slots__ = ("_native",)

    def __init__(self, native: _native.Ruleset):
        self._native = native

    @classmethod
    def default(cls) -> "Ruleset":
        """The embedded Tees ruleset."""
        return _DEFAULT

    @classmethod
    def load(cls, path: str) -> "Ruleset":
        """Loads and validates a ruleset file; raises ScreeningError with every problem."""
        with open(path, encoding="utf-8") as f:
            return cls.from_json(f.read())

    @classmethod
    def from_json(cls, text: str) -> "Ruleset":
        native, errors = _native.Ruleset.from_json(text)
        if native is None:
            raise _raise(errors)
        return cls(native)

    def to_json(self) -> str:
        """The ruleset file as JSON text; ``Ruleset.from_json(r.to_json())`` is the same
        ruleset with the same ``sha256``. This is how a Ruleset pickles, so it can ride in a
        Spark, Dask or multiprocessing closure."""
        return self._native.to_json()

    def __reduce__(self) -> Tuple[Any, Tuple[str]]:
        return (_ruleset_from_json, (self.to_json(),))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Ruleset) and other.sha256 == self.sha256

    def __hash__(self) -> int:
        return hash(self.sha256)

    def with_bands(self, bands: Sequence[Band]) -> "Ruleset":
        """A what-if copy with other score bands, e.g.
        ``[(0, 0, "no_current_indicators"), (1, 4, "low"), (5, 8, "moderate"), (9, None, "significant")]``.
        Gaps and overlaps raise ScreeningError."""
        native, errors = self._native.with_bands(json.dumps([list(b) for b in bands]))
        if native is None:
            raise _raise(errors)
        return Ruleset(native)

    @property
    def id(self) -> str:
        return self._native.id

    @property
    def version(self) -> str:
        return self._native.version

    @property
    def sha256(self) -> str:
        return self._native.sha256

    @property
    def indicators(self) -> List[Indicator]:
        """The indicator catalogue (id, title, hint, section, category, weight, harm types, source)."""
        data: ScreeningRuleset = json.loads(self._native.to_json())
        return list(data["indicators"])

    @property
    def table_columns(self) -> List[str]:
        """The flat column names :func:`screen_table` reads."""
        return self._native.table_columns()

    def explain(self) -> str:
        """The whole ruleset as readable tables."""
        return self._native.explain()

    def __repr__(self) -> str:
        return f"<hoth.Ruleset {self.id} {self.version} sha256={self.sha256[:12]}…>"


_DEFAULT = Ruleset(_native.Ruleset.default())


def _ruleset_from_json(text: str) -> Ruleset:
    # Unpickling: the embedded Tees ruleset comes back as the one already loaded.
    ruleset = Ruleset.from_json(text)
    return _DEFAULT if ruleset.sha256 == _DEFAULT.sha256 else ruleset


def _rs(ruleset: Optional[Ruleset]) -> _native.Ruleset:
    return (ruleset or _DEFAULT)._native


def _dumps(request: Union[Mapping[str, Any], str, bytes]) -> str:
    if isinstance(request, bytes):
        return request.decode("utf-8")
    if isinstance(request, str):
        return request
    return json.dumps(request, ensure_ascii=False, separators=(",", ":"))


def screen(request: Union[ScreeningRequest, Mapping[str, Any], str, bytes], ruleset: Optional[Ruleset] = None) -> ScreeningOutcome:
    """Screens one request (a dict, or JSON text). Raises ScreeningError on invalid input.

    A dict is read as it is, with no JSON in between: ``None``, NaN and ``pandas.NA`` are
    absent fields, numpy integers and whole floats (``14.0``) are whole numbers."""
    ok, result = _rs(ruleset).screen_obj(request)
    if not ok:
        raise ScreeningError(result["errors"])
    outcome: ScreeningOutcome = result
    return outcome


def triage(request: Union[Mapping[str, Any], str], ruleset: Optional[Ruleset] = None) -> Dict[str, Any]:
    """What to do now, from the safety answers alone (contract §8): takes any JSON object,
    an unfinished form included, and never fails on its other fields. Raises ScreeningError
    only when the input is not a JSON object."""
    ok, text = _rs(ruleset).triage_json(_dumps(request))
    if not ok:
        raise _raise(text)
    result: Dict[str, Any] = json.loads(text)
    return result


def _outcome_text(item: Union[Mapping[str, Any], str], ruleset: Optional[Ruleset]) -> str:
    """An outcome's JSON text from an outcome dict or text, a :func:`screen_table` row (read
    back from its ``screening`` column) or, refused clearly, an error item."""
    if isinstance(item, (str, bytes)):
        return item.decode("utf-8") if isinstance(item, bytes) else item
    if not isinstance(item, Mapping):
        raise TypeError(f"expected an outcome (a dict from screen or a row of screen_table), got {type(item).__name__}")
    errors = item.get("errors")
    if errors:
        listed = json.loads(errors)["errors"] if isinstance(errors, str) else list(errors)
        raise ScreeningError(listed, "this is the error list of a request that could not be screened, not an outcome: ")
    if "ruleset_sha256" in item and "engine" not in item:  # a row of screen_table
        if item["ruleset_sha256"] != _rs(ruleset).sha256:
            raise ValueError("this row was screened with another ruleset: pass that ruleset (ruleset=...)")
        if not item.get("screening"):
            raise ValueError("this table row has no screening column: screen the table with screening=True to explain or summarise its rows")
        return screen_json(json.loads(item["screening"]), ruleset)
    return json.dumps(item, ensure_ascii=False)


def summary(outcome: Union[Mapping[str, Any], str], html: bool = False, ruleset: Optional[Ruleset] = None) -> str:
    """The SAFER referral summary of an outcome (contract §9): the five SAFER sections as
    plain text, or a printable HTML fragment with ``html=True``; the same bytes as the CLI
    and WASM. Pass the outcome dict (or its JSON text) from :func:`screen`. Raises
    ScreeningError when it is not an outcome of the ruleset. A row of :func:`screen_table`
    (screened with ``screening=True``) works too; an error item raises ScreeningError."""
    ok, text = _rs(ruleset).summary_json(_outcome_text(outcome, ruleset), html)
    if not ok:
        raise _raise(text)
    return text


def screen_json(request: Union[ScreeningRequest, Mapping[str, Any], str], ruleset: Optional[Ruleset] = None) -> str:
    """Like :func:`screen`, but returns the outcome JSON text exactly as every binding emits it."""
    ok, text = _rs(ruleset).screen_json(_dumps(request))
    if not ok:
        raise _raise(text)
    return text


def screen_many(
    requests: Iterable[Union[ScreeningRequest, Mapping[str, Any], str, bytes]], ruleset: Optional[Ruleset] = None
) -> List[Union[ScreeningOutcome, ErrorList]]:
    """Screens many requests (dicts or JSON texts). Each item of the result is an outcome
    dict, or ``{"errors": [...]}`` for a request that was invalid: a bad item (a wrong type,
    ``pd.NA`` where an answer is required, a lone surrogate, a list nested a thousand deep)
    gives its own error object and never stops the batch. Dicts are read directly and
    outcomes built as dicts directly, with no JSON text in between."""
    # Building hundreds of thousands of nested dicts triggers the cyclic garbage collector
    # over and over; nothing here makes cycles, so pause it while the results are built.
    enabled = gc.isenabled()
    gc.disable()
    try:
        results: List[Union[ScreeningOutcome, ErrorList]] = _rs(ruleset).screen_many_obj(requests)
        return results
    finally:
        if enabled:
            gc.enable()


def validate(request: Union[Mapping[str, Any], str], ruleset: Optional[Ruleset] = None) -> List[FieldError]:
    """The contract's error list for a request; empty when it is valid."""
    errors: List[FieldError] = json.loads(_rs(ruleset).validate_json(_dumps(request)))["errors"]
    return errors


def _arrow_stream(table: Any) -> Tuple[Any, bool]:
    """Any table an analyst has, as an object with ``__arrow_c_stream__``, and whether it
    is a stream (a reader) rather than a table in memory."""
    import pyarrow as pa

    kind = type(table).__module__.split(".")[0]
    if kind == "polars":
        if type(table).__name__ == "LazyFrame":
            table = table.collect()
        # Through pyarrow, which exports polars' all-null (Null) columns as Arrow expects.
        return table.to_arrow(), False
    if kind == "pandas":
        import pandas as pd

        if isinstance(table, pd.DataFrame):
            # A non-range index (a case id) is kept as a column, passed through.
            return pa.Table.from_pandas(table), False
    if kind in ("duckdb", "_duckdb") and hasattr(table, "fetch_record_batch"):
        return table.fetch_record_batch(), True
    if isinstance(table, pa.RecordBatch):
        return pa.Table.from_batches([table]), False
    if isinstance(table, pa.RecordBatchReader):
        return table, True
    if hasattr(table, "__arrow_c_stream__"):
        return table, False
    raise TypeError(
        "screen_table needs a table: a pyarrow Table, RecordBatch or RecordBatchReader, a pandas or polars "
        f"DataFrame (or LazyFrame), a DuckDB relation, or anything with __arrow_c_stream__; got {type(table).__name__}"
    )


class ColumnWarning(UserWarning):
    """A column of a table kept beside the outcome looks like a misspelt request column."""


def screen_table(
    table: Any,
    ruleset: Optional[Ruleset] = None,
    *,
    jobs: int = 1,
    reason_texts: bool = False,
    screening: bool = False,
) -> Any:
    """Screens a table of requests, one row each, with no Python object per row.

    ``table``: a pyarrow Table or RecordBatchReader, a pandas DataFrame (any index), a
    polars DataFrame or LazyFrame, a DuckDB relation, or anything with
    ``__arrow_c_stream__``. Columns are either **flat** (``Ruleset.table_columns``:
    ``age_years``, ``immediate_danger``, ``ind_missing_overnight``, ``basis_…``,
    ``threshold_descriptors`` as ``;``-separated ids, ``judgement_direction`` …) or
    **nested** as the request is (``child``, ``indicators``… as struct columns,
    ``threshold_descriptors`` as a list), as ``duckdb.read_json`` gives them. A null cell is
    an absent field. Every other column (``case_id``, ``referral_date``) is kept, first,
    beside the outcome columns; one that looks like a misspelt request column gives a
    :class:`ColumnWarning`.

    Returns a ``pyarrow.Table`` (a ``pyarrow.RecordBatchReader`` for a reader or a DuckDB
    relation: each batch is screened as it is read). Outcome columns: ``local_authority``
    (the area whose front door the outcome names), ``hoth_concern``,
    ``threshold_level``, ``threshold_name``, ``score``, ``harm_types``, ``cin_factors``,
    ``top_action``, ``top_urgency``, ``actions``, ``complete``, ``gap_count``,
    ``information_gaps``, ``reasons`` (the rules behind the outcome), ``reason_texts`` and
    ``screening`` (the request as read, JSON) when asked for, ``ruleset_sha256``,
    ``errors``. A bad row has an ``errors`` cell (the contract's JSON) and nulls elsewhere.
    ``jobs``: worker threads (the GIL is released while a table is screened).
    """
    import warnings

    import pyarrow as pa

    data, lazy = _arrow_stream(table)
    stream, errors, column_warnings = _rs(ruleset).screen_table(data, reason_texts, screening, max(1, int(jobs)), lazy)
    for w in column_warnings:
        warnings.warn(w, ColumnWarning, stacklevel=2)
    if stream is None:
        raise _raise(errors)
    if lazy:
        return pa.RecordBatchReader.from_stream(stream)
    return pa.table(stream)


def screen_batches(batches: Iterable[Any], ruleset: Optional[Ruleset] = None, **options: Any) -> Iterator[Any]:
    """Screens an iterator of ``pyarrow.RecordBatch`` lazily, outcome batches out as input
    batches come in: what PySpark's ``mapInArrow`` and polars' ``map_batches`` hand a
    function. Options as for :func:`screen_table`."""
    import itertools

    import pyarrow as pa

    it = iter(batches)
    first = next(it, None)
    if first is None:
        return
    reader = pa.RecordBatchReader.from_batches(first.schema, itertools.chain([first], it))
    yield from screen_table(reader, ruleset, **options)


def requests_table(requests: Iterable[Mapping[str, Any]]) -> Any:
    """Request dicts (the nested shape) as a flat ``pyarrow.Table``, one column per field
    as :func:`screen_table` reads them (``Ruleset.table_columns``): the child's and
    history's fields by name, ``ind_<id>`` and ``basis_<id>``, ``threshold_descriptors``
    joined with ``;``, ``judgement_<field>``. Any other key is kept as a column as it is.
    The way back is :func:`requests_from_table`."""
    import pyarrow as pa

    rows: List[Dict[str, Any]] = []
    for request in requests:
        row: Dict[str, Any] = {}
        for key, value in request.items():
            if key in ("child", "history") and isinstance(value, Mapping):
                row.update(value)
            elif key in ("indicators", "concern_basis") and isinstance(value, Mapping):
                prefix = "ind_" if key == "indicators" else "basis_"
                row.update({prefix + k: v for k, v in value.items()})
            elif key == "threshold_descriptors" and isinstance(value, (list, tuple)):
                row[key] = ";".join(value)
            elif key == "professional_judgement" and isinstance(value, Mapping):
                row.update({"judgement_" + k: v for k, v in value.items()})
            else:
                row[key] = value
        rows.append(row)
    names: Dict[str, None] = {}
    for row in rows:
        names.update(dict.fromkeys(row))
    return pa.table({name: [row.get(name) for row in rows] for name in names})


def requests_from_table(table: Any, ruleset: Optional[Ruleset] = None) -> List[Union[ScreeningRequest, ErrorList]]:
    """Each row of a table (flat or nested, any form :func:`screen_table` takes) as the
    request dict the engine reads from it, every default filled in (``{"errors": [...]}``
    for a row that is not a valid request)."""
    out = screen_table(table, ruleset, screening=True)
    screenings = out.column("screening").to_pylist()
    errors = out.column("errors").to_pylist()
    return [json.loads(e) if e is not None else json.loads(s) for s, e in zip(screenings, errors)]


def explain(outcome: Union[ScreeningOutcome, Mapping[str, Any], str], ruleset: Optional[Ruleset] = None) -> str:
    """A readable account of an outcome for a person: levels, actions, reasons, gaps. Takes
    an outcome, or a row of :func:`screen_table` screened with ``screening=True``; an error
    item raises ScreeningError with its problems."""
    return _rs(ruleset).explain_outcome(_outcome_text(outcome, ruleset))


def _frame(table: JSON, as_: str) -> Any:
    """One report table with numbers as numbers (a suppressed count, ``<N``, is missing)."""
    columns: List[str] = table["columns"]
    rows: List[List[Any]] = [list(r) for r in table["rows"]]
    for j in range(1, len(columns)):
        cells = [r[j] for r in rows]
        if all(c.startswith("<") or c.replace(".", "", 1).isdigit() for c in cells):
            for r in rows:
                c = r[j]
                r[j] = None if c.startswith("<") else (float(c) if "." in c else int(c))
    if as_ == "dict":
        return {"title": table["title"], "columns": columns, "rows": rows}
    if as_ == "arrow":
        import pyarrow as pa

        return pa.table({c: [r[j] for r in rows] for j, c in enumerate(columns)})
    import pandas as pd

    frame = pd.DataFrame(rows, columns=columns)
    frame.attrs["title"] = table["title"]
    return frame


class Report(Mapping[str, Any]):
    """The partnership's report tables by name (``summary``, ``by_concern``,
    ``by_threshold``, ``by_harm_type``, ``by_local_authority``, ``top_gaps``,
    ``actions_by_urgency``, ``judgement``, and the cross-tabs ``concern_by_local_authority``,
    ``concern_by_age_band``, ``concern_by_harm_type``), each a pandas DataFrame (or Arrow
    table, or dict) with counts as integers and percents as numbers. ``to_csv()`` and
    ``to_html()`` give the same bytes as ``hoth report --csv/--html``."""

    def __init__(self, tables: List[JSON], csv: str, html: str, as_: str):
        self._tables = {t["name"]: _frame(t, as_) for t in tables}
        self.titles: Dict[str, str] = {t["name"]: t["title"] for t in tables}
        self._csv, self._html = csv, html

    def __getitem__(self, name: str) -> Any:
        return self._tables[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._tables)

    def __len__(self) -> int:
        return len(self._tables)

    def to_csv(self, path: Optional[str] = None) -> str:
        """Every table as CSV (``# name: title`` before each), as ``hoth report --csv``."""
        if path:
            with open(path, "w", encoding="utf-8") as f:
                f.write(self._csv)
        return self._csv

    def to_html(self, path: Optional[str] = None) -> str:
        """A self-contained page of the tables with bar charts, as ``hoth report --html``."""
        if path:
            with open(path, "w", encoding="utf-8") as f:
                f.write(self._html)
        return self._html


def _is_table(data: Any) -> bool:
    return hasattr(data, "__arrow_c_stream__") or type(data).__module__.split(".")[0] in ("pandas", "polars", "duckdb", "_duckdb", "pyarrow")


def report(
    outcomes: Any,
    ruleset: Optional[Ruleset] = None,
    *,
    suppress_under: Optional[int] = None,
    period: Optional[str] = None,
    per: str = "month",
    as_: str = "pandas",
) -> Report:
    """The partnership's report of many screenings: counts and rates by concern,
    threshold, harm type and local authority, the share incomplete and the most common gaps,
    actions by urgency, professional judgement, referral and transitions counts, and
    concern cross-tabbed by local authority, age band and harm type.

    ``outcomes``: the list :func:`screen_many` returns (error items count as errors), or the
    table :func:`screen_table` returns when screened with ``screening=True`` (any form:
    pyarrow, pandas, polars). ``suppress_under=10`` shows counts from 1 to 9 (and their
    percents) as missing in the frames and ``<10`` in CSV and HTML, as published tables do.
    ``period="referral_date"`` (a date column kept beside a table's outcomes) adds a
    ``concern_by_period`` table, ``per`` ``"month"`` (default) or ``"year"``.
    ``as_``: ``"pandas"`` (default), ``"arrow"`` or ``"dict"``."""
    if as_ not in ("pandas", "arrow", "dict"):
        raise ValueError("as_ must be 'pandas', 'arrow' or 'dict'")
    if per not in ("month", "year"):
        raise ValueError("per must be 'month' or 'year'")
    suppress = int(suppress_under or 0)
    if _is_table(outcomes):
        data, _ = _arrow_stream(outcomes)
        tables_json, csv, html = _rs(ruleset).report_table(data, suppress, period, 7 if per == "month" else 4)
    else:
        if period is not None:
            raise ValueError("period= needs a table from screen_table with its date column kept beside the outcomes")
        if isinstance(outcomes, (str, bytes, Mapping)):
            raise TypeError("report takes many outcomes: a list of outcome dicts, or a table from screen_table")
        tables_json, csv, html = _rs(ruleset).report_json([_dumps(o) for o in outcomes], suppress)
    return Report(json.loads(tables_json), csv, html, as_)


class Comparison:
    """What a ruleset revision changes for a table of past requests (see :func:`compare`)."""

    def __init__(self, tables: List[JSON], changed: List[JSON], csv: str, html: str, text: str, keys: Any):
        self.tables: Dict[str, Any] = {t["name"]: _frame(t, "pandas") for t in tables}
        self._changed, self._keys = changed, keys
        self._csv, self._html, self._text = csv, html, text

    @property
    def changed(self) -> Any:
        """One row per request whose concern, threshold or actions changed: the input's key
        columns (those that are not request columns, e.g. ``case_id``), the row number,
        local authority, concern and threshold before and after, and the rules that now
        hold or no longer hold. A pandas DataFrame."""
        import pandas as pd

        rows = []
        for c in self._changed:
            b, a = c["before"] or {}, c["after"] or {}
            row: Dict[str, Any] = {}
            if self._keys is not None:
                for k, v in self._keys[c["row"] - 1].items():
                    row[k] = v
            row.update({"row": c["row"], "local_authority": c["local_authority"],
                        "concern_before": b.get("concern"), "concern_after": a.get("concern"),
                        "threshold_before": b.get("threshold"), "threshold_after": a.get("threshold"),
                        "rules_now_holding": c["rules_now_holding"], "rules_no_longer_holding": c["rules_no_longer_holding"]})
            rows.append(row)
        return pd.DataFrame(rows)

    def to_csv(self) -> str:
        """The tables as CSV, as ``hoth rules impact --csv``."""
        return self._csv

    def to_html(self) -> str:
        """The tables as a self-contained page, as ``hoth rules impact --html``."""
        return self._html

    def __str__(self) -> str:
        return self._text


def compare(old: Ruleset, new: Ruleset, table: Any) -> Comparison:
    """Screens every request row of ``table`` (any form :func:`screen_table` takes) with
    both rulesets: ``.tables`` has the before × after cross-tabs of concern and threshold
    (all areas and by local authority) and the rules whose firing changed; ``.changed`` the
    rows that changed, with their keys; ``to_csv()``/``to_html()`` as ``hoth rules impact``.
    """
    import pyarrow as pa

    data, lazy = _arrow_stream(table)
    if lazy:
        data = data.read_all()
    arrow = pa.table(data)
    request_columns = set(old.table_columns) | {"child", "history", "indicators", "concern_basis", "professional_judgement",
                                                 "threshold_descriptors", "local_authority", "screened_by"}
    key_names = [c for c in arrow.column_names if c not in request_columns and not c.startswith(("ind_", "basis_"))]
    keys = arrow.select(key_names).to_pylist() if key_names else None
    try:
        tables, changed, csv, html, text = old._native.compare_table(new._native, arrow)
    except ValueError as e:
        raise _raise(str(e)) from None
    return Comparison(json.loads(tables), json.loads(changed), csv, html, text, keys)


def schema(name: str, ruleset: Optional[Ruleset] = None) -> JSON:
    """A JSON Schema: ``request``, ``outcome``, ``errors`` or ``ruleset``."""
    text = _rs(ruleset).schema(name)
    if text is None:
        raise ValueError(f"no schema named {name!r}: use request, outcome, errors or ruleset")
    result: JSON = json.loads(text)
    return result


def lint(text: str) -> List[JSON]:
    """Flags wording the language guide advises against (victim-blaming language).

    Each finding: ``id``, ``start``/``end`` (character offsets), ``text``, ``use_instead``,
    ``why``, ``source``. Runs locally; the text goes nowhere."""
    findings: List[JSON] = json.loads(_native.lint_json([text])[0])
    return findings


def lint_many(texts: Any) -> Any:
    """Lints many texts at once (the GIL is released). Give a list, get a list of finding
    lists; give a pandas Series (a free-text column), get a Series of finding lists with
    the same index. Missing values give no findings."""
    try:
        import pandas as pd

        if isinstance(texts, pd.Series):
            values = ["" if v is None or (isinstance(v, float) and v != v) else str(v) for v in texts.tolist()]
            return pd.Series([json.loads(t) for t in _native.lint_json(values)], index=texts.index, name="language_findings")
    except ImportError:
        pass
    values = ["" if v is None else str(v) for v in texts]
    return [json.loads(t) for t in _native.lint_json(values)]


def engine_version() -> str:
    """The engine's version."""
    return _native.engine_version()
