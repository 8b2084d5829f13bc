"""Checked by mypy --strict (not run by pytest): the public API is typed for users.

The request, outcome and error types are the TypedDicts generated from the JSON Schemas
(hoth/_contract.py). Each ``# type: ignore[...]`` below must stay an error: mypy --strict
warns about an ignore that is not needed, so a type that stopped catching the mistake fails.
"""

from typing import Any, Dict, List, Union

import hoth
from hoth._contract import Concern, Indicator, Threshold


def usage() -> None:
    request: hoth.ScreeningRequest = {
        "local_authority": "hartlepool",
        "child": {"age_years": 14, "looked_after": "yes"},
        "immediate_danger": "no",
        "crime_suspected": "not_known",
        "disclosure": "no",
        "indicators": {"missing_overnight": "yes", "found_out_of_area": "not_known"},
        "concern_basis": {"missing_overnight": "professional_concern"},
        "threshold_descriptors": ["ch2_unsafe_peer_group_emerging"],
        "professional_judgement": None,
    }
    outcome: hoth.ScreeningOutcome = hoth.screen(request)
    concern: Concern = outcome["hoth_concern"]
    threshold: Union[Threshold, None] = outcome.get("threshold")
    many: List[Union[hoth.ScreeningOutcome, hoth.ErrorList]] = hoth.screen_many([request, "{}"])
    errors: List[hoth.FieldError] = hoth.validate("{}")
    anything: Dict[str, Any] = {"local_authority": "hartlepool"}
    errors += hoth.validate(anything)
    rs: hoth.Ruleset = hoth.Ruleset.default().with_bands([(0, 0, "no_current_indicators"), (1, None, "low")])
    sha: str = rs.sha256
    catalogue: List[Indicator] = rs.indicators
    text: str = hoth.explain(many[0], ruleset=rs)
    tables: hoth.Report = hoth.report(many, suppress_under=10)
    csv: str = tables.to_csv()
    cmp: hoth.Comparison = hoth.compare(rs, hoth.Ruleset.default(), [])
    try:
        hoth.screen("{}")
    except hoth.ScreeningError as e:
        first: hoth.FieldError = e.errors[0]
        print(first["code"], sha, text, tables, csv, cmp, errors, concern, threshold, catalogue[0]["weight"])


def mistakes(outcome: hoth.ScreeningOutcome) -> None:
    bad: hoth.ScreeningRequest = {
        "local_authority": "hartlepool",
        "child": {"age_years": 14},
        "immediate_danger": "no",
        "crime_suspected": "no",
        "disclosure": "no",
        "indicators": {"missing_overnite": "yes"},  # type: ignore[dict-item]
        "threshold_descriptors": ["cd4_disclosure_of_abuze"],  # type: ignore[list-item]
    }
    incomplete: hoth.ScreeningRequest = {"local_authority": "hartlepool"}  # type: ignore[typeddict-item]
    print(bad, incomplete, outcome["hoth_concren"])  # type: ignore[typeddict-item]
