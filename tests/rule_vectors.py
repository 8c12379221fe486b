"""The shared test vectors of each kind's rule, `tests/vectors/<kind>.json`.

A file holds `settings` (the rule parameters every vector assumes, in the shape
of the page's config) and sections of cases: `compute` (the whole rule: `data`,
`context`, optional `settings` overrides) and one per helper function (`args`).
A case expects either `expected` (the value) or `error` (`code`, `field`). The
Python unit tests run the server's rule on every case and the browser tests the
page's JS port, so both twins give the same answers. `preview` marks the few
inputs the JS port refuses differently because the page's form refuses them
before the server's rule ever sees them.
"""

import copy
import json
from pathlib import Path

from fieldapp.domain.errors import DomainError

VECTORS_DIR = Path(__file__).parent / "vectors"


def load(kind: str) -> dict:
    """A kind's vector file."""
    return json.loads((VECTORS_DIR / f"{kind}.json").read_text(encoding="utf-8"))


def cases(kind: str, section: str) -> list[dict]:
    """The cases of one section, as pytest parameters named after the case."""
    return load(kind)[section]


def case_id(case: dict) -> str:
    """A case's name, for pytest ids."""
    return case["name"]


def settings(vectors: dict, case: dict) -> dict:
    """The file's settings with the case's overrides, section by section."""
    merged = copy.deepcopy(vectors["settings"])
    for section, values in case.get("settings", {}).items():
        merged[section] = {**merged.get(section, {}), **values}
    return merged


def jsonable(value):
    """A result as JSON would carry it (tuples become lists)."""
    return json.loads(json.dumps(value))


def outcome(call, *args, **kwargs) -> dict:
    """`{"ok": result}` or `{"error": {"code", "field"}}` for a domain error."""
    try:
        return {"ok": jsonable(call(*args, **kwargs))}
    except DomainError as exc:
        return {"error": {"code": exc.code, "field": exc.field}}


def expected(case: dict, twin: str = "server") -> dict:
    """What a case expects from the server's rule, or from the page's port."""
    if twin == "preview" and "preview" in case:
        return expected(case["preview"])
    if "error" in case:
        return {"error": {"field": None, **case["error"]}}
    return {"ok": case["expected"]}


def strict(value):
    """Values where True is not 1 and 1 is 1.0, for an exact comparison."""
    if isinstance(value, dict):
        return {k: strict(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [strict(v) for v in value]
    if isinstance(value, bool) or value is None:
        return ("literal", value)
    if isinstance(value, int | float):
        return ("number", float(value))
    return value


def housing_rules(housing: dict):
    """`HousingRules` from the vectors' `housing` settings."""
    from fieldapp.domain.housing import HousingRules

    return HousingRules(
        subsidy_floor=housing["subsidy_floor"],
        area_caps={int(k): tuple(v) for k, v in housing["area_caps"].items()},
        per_person_area=tuple(housing["per_person_area"]),
    )


def eligibility_rule(eligibility: dict):
    """`EligibilityRule` from the vectors' `eligibility` settings."""
    from fieldapp.domain.respite import EligibilityRule

    return EligibilityRule(
        min_age=eligibility["min_age"],
        max_age=eligibility["max_age"],
        categories={int(k): frozenset(v) for k, v in eligibility["categories"].items()},
        poverty_statuses=frozenset(eligibility["poverty_statuses"]),
        exited_eligible=eligibility["exited_eligible"],
    )


def item_catalogue(accessibility: dict):
    """The accessibility catalogue a case replaces the real one with, or None."""
    from fieldapp.domain.accessibility import Item

    items = accessibility.get("items")
    if items is None:
        return None
    return {
        code: Item(**{**f, "serves": tuple(f["serves"])}) for code, f in items.items()
    }
