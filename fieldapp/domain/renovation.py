"""Renovation of a C or D house, to acceptance and payment (DOMAIN §1.7, API.md
`housing_renovation`): the stage's facts, the subsidy floor of the grade, the
area cap of a new build by household size and the funding total.

The figures (floors, caps) are configuration (`HousingRules`); the inspection the
works answer is looked up by the pipeline and passed in as a small dict.
"""

from fieldapp.domain.dates import parse_day
from fieldapp.domain.errors import RenovationError
from fieldapp.domain.housing import (
    DANGEROUS_GRADES,
    NEW_BUILD_MODES,
    HousingRules,
    rebuild_area_cap,
)
from fieldapp.domain.stage_facts import dates_in_order, require_facts

STAGES = ("planned", "in_works", "completed", "accepted", "paid")
MODES = ("repair", "rebuild", "relocate")
FUNDING_SOURCES = ("central", "provincial", "county", "social")
# What a record at each stage must hold: the facts of its own stage and of the
# stages it passed (a paid renovation was also started, completed and accepted).
STAGE_FACTS: dict[str, tuple[str, ...]] = {
    "planned": (),
    "in_works": ("started_on",),
    "completed": ("started_on", "completed_on"),
    "accepted": ("started_on", "completed_on", "accepted_on"),
    "paid": ("started_on", "completed_on", "accepted_on", "subsidy_paid"),
}
# The dates in workflow order: none may be earlier than one before it.
DATES = ("started_on", "completed_on", "accepted_on")
# Stages at which the works were accepted: approval needs before/after photos.
ACCEPTED_STAGES = ("accepted", "paid")


def check_inspection(inspection: dict | None) -> str:
    """The grade of the linked inspection, which must be the household's and C or D."""
    if inspection is None:
        raise RenovationError("inspection_not_found", field="inspection_uuid")
    grade = inspection.get("grade")
    if grade not in DANGEROUS_GRADES:
        raise RenovationError("inspection_not_dangerous", field="inspection_uuid")
    return grade


def can_advance(current: str | None, new: str | None) -> bool:
    """A correction keeps the stage or moves it one step forward."""
    if current not in STAGES or new not in STAGES:
        return current == new or current is None
    step = STAGES.index(new) - STAGES.index(current)
    return step in (0, 1)


def area_cap(mode: str | None, household_size: int | None, rules: HousingRules):
    """The largest floor area (m²) subsidised for a new build; None for a repair."""
    if mode not in NEW_BUILD_MODES:
        return None
    cap = rebuild_area_cap(household_size or 0, rules)
    return cap[1] if cap else None


def funding_total(funding: list | None) -> float:
    """The amounts of every funding line, summed to the fen."""
    total = 0.0
    for index, line in enumerate(funding or []):
        line = line or {}
        if line.get("source") not in FUNDING_SOURCES:
            raise RenovationError("funding_source", field=f"funding-{index}-source")
        amount = line.get("amount")
        if amount is None or amount < 0:
            raise RenovationError("amount", field=f"funding-{index}-amount")
        total += amount
    return round(total, 2)


def assess_renovation(
    data: dict,
    inspection: dict | None,
    household_size: int | None = None,
    rules: HousingRules | None = None,
) -> dict:
    """Computed values of a `housing_renovation` record (API.md).

    `inspection` is the linked inspection as the pipeline found it in the same
    household (`{"uuid", "grade", "renovation_mode"}`), or None.
    """
    rules = rules or HousingRules()
    grade = check_inspection(inspection)
    stage = data.get("stage")
    if stage not in STAGES:
        raise RenovationError("unknown_stage", field="stage")
    mode = data.get("mode")
    if mode not in MODES:
        raise RenovationError("unknown_mode", field="mode")
    require_facts(stage, data, STAGE_FACTS, RenovationError)
    dates_in_order(
        [(f, parse_day(data.get(f), f, RenovationError)) for f in DATES],
        RenovationError,
    )
    floor = rules.subsidy_floor.get(grade)
    paid = data.get("subsidy_paid")
    cap = area_cap(mode, household_size, rules)
    area = data.get("area_m2")
    return {
        "grade": grade,
        "suggested_mode": inspection.get("renovation_mode"),
        "subsidy_floor": floor,
        "below_floor": stage == "paid" and floor is not None and paid < floor,
        "area_cap_m2": cap,
        "over_area_cap": cap is not None and area is not None and area > cap,
        "funding_total": funding_total(data.get("funding")),
    }
