"""Checked by mypy --strict (not run by pytest): the public API is typed for users."""

from typing import Any, Dict, List

import hoth


def usage() -> None:
    outcome: Dict[str, Any] = hoth.screen({"local_authority": "hartlepool"})
    many: List[Dict[str, Any]] = hoth.screen_many([outcome])
    errors: List[Dict[str, str]] = hoth.validate("{}")
    rs: hoth.Ruleset = hoth.Ruleset.default().with_bands([(0, 0, "no_current_indicators"), (1, None, "low")])
    sha: str = rs.sha256
    text: str = hoth.explain(many[0], ruleset=rs)
    tables: Dict[str, Dict[str, Any]] = hoth.report(many)
    try:
        hoth.screen("{}")
    except hoth.ScreeningError as e:
        first: Dict[str, str] = e.errors[0]
        print(first, sha, text, tables, errors)
