"""The dashboard: the plan's measures by town and for the whole scope (API.md).

Seven GROUP BY queries (one per row set, `measures.tally`) give every number;
the whole scope is the sum of its towns (a household or person belongs to one
town). Targets and deadlines are configuration.
"""

from dataclasses import dataclass
from datetime import date

from flask import current_app
from sqlalchemy import select

from fieldapp.domain.accessibility import STAGES as ACCESSIBILITY_STAGES
from fieldapp.domain.targets import Target, flag, share
from fieldapp.extensions import db
from fieldapp.models import Town
from fieldapp.services import policy
from fieldapp.services.dashboard_trends import extra_measures, trends
from fieldapp.services.measures import GRADES, RENOVATION_STAGES, ROWSETS, tally
from fieldapp.services.readside import Scope, town_codes

TALLIED = (
    "households",
    "persons",
    "housing",
    "renovations",
    "accessibility",
    "devices",
    "respite",
)


@dataclass(frozen=True)
class Targets:
    """The plan's two dated targets, from configuration."""

    housing: Target
    respite: Target


def configured_targets(config=None) -> Targets:
    """TARGET_* and PLAN_START settings as targets."""
    config = config or current_app.config
    start = date.fromisoformat(config["PLAN_START"])
    return Targets(
        housing=Target(
            float(config["TARGET_HOUSING_RENOVATED"]),
            start,
            date.fromisoformat(config["TARGET_HOUSING_DEADLINE"]),
        ),
        respite=Target(
            float(config["TARGET_RESPITE_COVERAGE"]),
            start,
            date.fromisoformat(config["TARGET_RESPITE_DEADLINE"]),
        ),
    )


def zeros(name: str, extra=None) -> dict[str, float]:
    """Every measure of a row set at 0 (a town with no rows)."""
    rowset = ROWSETS[name]
    return dict.fromkeys(("all", *rowset.facets, *rowset.sums, *(extra or ())), 0)


def figures(t: dict[str, dict[str, float]]) -> dict:
    """The contract's figures from one town's (or the sum's) tallies."""
    h, r, a = t["housing"], t["renovations"], t["accessibility"]
    d, c = t["devices"], t["respite"]
    return {
        "households": t["households"]["all"],
        "persons": t["persons"]["all"],
        "persons_with_card": t["persons"]["with_card"],
        "housing": {
            "inspected": h["all"],
            "by_grade": {g: h[f"grade_{g}"] for g in GRADES},
            "without_renovation": h["without_renovation"],
            "renovation": {s: r[f"stage_{s}"] for s in RENOVATION_STAGES},
            "renovated": r["renovated"],
        },
        "accessibility": {
            "assessed": a["all"],
            "by_stage": {s: a[f"stage_{s}"] for s in ACCESSIBILITY_STAGES},
            "estimated_total": round(float(a["estimated_total"]), 2),
            "paid_total": round(float(a["paid_total"]), 2),
        },
        "devices": {
            "fitted": d["all"],
            "followup_overdue": d["followup_overdue"],
            "replacement_due_90d": d["replacement_due"],
        },
        "respite": {
            "assessed": c["assessed"],
            "eligible": c["eligible"],
            "served": c["served"],
            "coverage": share(c["served"], c["eligible"]),
        },
    }


def against(target: Target, value: float | None, day: date) -> dict:
    """A measure's target, deadline, expected value on the day and its flag."""
    expected = target.expected_on(day)
    return {
        "target": target.value,
        "deadline": target.deadline.isoformat(),
        "expected": round(expected, 3),
        "flag": flag(value, expected),
    }


def town_tallies(scope: Scope, extra=None) -> dict[str, dict[str, dict[str, float]]]:
    """{town: {row set: {measure: n}}} for every town of the scope; `extra`
    adds conditions to count per row set (the trends)."""
    extra = extra or {}
    found = {name: tally(name, scope, extra.get(name)) for name in TALLIED}
    return {
        code: {
            name: found[name].get(code) or zeros(name, extra.get(name))
            for name in TALLIED
        }
        for code in town_codes(scope)
    }


def summed(per_town: dict) -> dict[str, dict[str, float]]:
    """The towns' tallies added up."""
    total: dict[str, dict[str, float]] = {}
    for tallies in per_town.values():
        for name, measures in tallies.items():
            into = total.setdefault(name, dict.fromkeys(measures, 0))
            for key, value in measures.items():
                into[key] += value
    return total


def dashboard(scope: Scope, with_trends: bool = True) -> dict:
    """The whole dashboard as the API answers it."""
    per_town = town_tallies(scope, extra_measures(scope) if with_trends else None)
    names = dict(db.session.execute(select(Town.code, Town.name)).all())
    totals = summed(per_town) or {name: zeros(name) for name in TALLIED}
    whole = figures(totals)
    targets = configured_targets()
    # 200 houses is the city's target: a town's own count is not flagged against it.
    city = scope.town is None and policy.sees_whole_city(scope.user)
    whole["housing"].update(
        against(targets.housing, whole["housing"]["renovated"], scope.as_of)
    )
    whole["housing"]["whole_city"] = city
    if not city:
        whole["housing"]["flag"] = "none"
    whole["respite"].update(
        against(targets.respite, whole["respite"]["coverage"], scope.as_of)
    )
    body = {"as_of": scope.day, "towns": list(per_town), **whole}
    body["by_town"] = [
        {"code": code, "name": names.get(code, code), **figures(tallies)}
        for code, tallies in per_town.items()
    ]
    if with_trends:
        body["trend"] = trends(scope, totals)
    return body


def start_summary(scope: Scope) -> dict:
    """What a supervisor's or admin's start page shows: the dashboard's figures
    (no trends) and the records waiting for review."""
    body = dashboard(scope, with_trends=False)
    per_town = {code: {"records": t} for code, t in tally("records", scope).items()}
    body["records"] = summed(per_town).get("records") or zeros("records")
    return body
