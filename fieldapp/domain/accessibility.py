"""Home barrier-free renovation: item catalogue, costs, ramps, stages (DOMAIN §2)."""

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from fieldapp.domain.datafiles import DATA_DIR, parse_categories, read_rows
from fieldapp.domain.errors import AccessibilityError, DomainError
from fieldapp.domain.renovation import parse_day
from fieldapp.domain.stage_facts import dates_in_order, require_facts

# The catalogue CSV has a header line and no comment rows. Its default_unit_cost
# values (yuan) are placeholders until the 万宁市残联 sets them; a record's own
# unit_cost always wins. `serves` lists the categories (§5.1) an item is typical
# for: "elderly" in §2.2 has no category and is left out, "all" means 1–7, and
# 7 (multiple) is on every row because a card does not say what it combines.
CATALOGUE_VERSION = "2026.1"
ITEMS_PATH = DATA_DIR / "accessibility-items.csv"
UNIT_LABELS: dict[str, tuple[str, str]] = {
    "site": ("处", "site"),
    "m2": ("平方米", "m²"),
    "door": ("樘", "door"),
    "piece": ("个", "piece"),
    "set": ("套", "set"),
    "point": ("个点位", "point"),
}
# GB 50763-2012 per-flight limits, gentlest slope first: (max slope, max rise m).
RAMP_TABLE = [
    (1 / 20, 1.20),
    (1 / 16, 0.90),
    (1 / 12, 0.75),
    (1 / 10, 0.60),
    (1 / 8, 0.30),
]
# Slack for float error when comparing a slope or rise with a table limit.
RAMP_TOLERANCE = 1e-9
STAGES = (
    "need_reported",
    "verified",
    "plan_signed",
    "in_works",
    "accepted",
    "rejected",
    "paid",
)
# Linear workflow of §2.5. A rejected acceptance sends the works back to
# `in_works` for correction; `paid` is final.
ALLOWED_TRANSITIONS: dict[str, frozenset[str]] = {
    "need_reported": frozenset({"verified"}),
    "verified": frozenset({"plan_signed"}),
    "plan_signed": frozenset({"in_works"}),
    "in_works": frozenset({"accepted", "rejected"}),
    "rejected": frozenset({"in_works"}),
    "accepted": frozenset({"paid"}),
    "paid": frozenset(),
}

# What a job at each stage must hold (API.md, "Stages and dates"): a signed plan
# has items, works have a start, an acceptance visit (passed or not) its date,
# a payment its date. Each stage holds the facts of the stages it passed.
_WORKS = ("items", "started_on")
STAGE_FACTS: dict[str, tuple[str, ...]] = {
    "need_reported": (),
    "verified": (),
    "plan_signed": ("items",),
    "in_works": _WORKS,
    "accepted": (*_WORKS, "accepted_on"),
    "rejected": (*_WORKS, "accepted_on"),
    "paid": (*_WORKS, "accepted_on", "paid_on"),
}
DATES = ("started_on", "accepted_on", "paid_on")
# Stages at which the works were accepted: approval needs before/after photos.
ACCEPTED_STAGES = ("accepted", "paid")


@dataclass(frozen=True)
class Item:
    """One renovation item of the catalogue."""

    code: str
    name: str
    name_en: str
    serves: tuple[int, ...]
    default_unit_cost: float
    unit: str


@lru_cache(maxsize=8)
def _read_items(path: Path) -> tuple[Item, ...]:
    """The catalogue rows of one file, read once."""
    return tuple(
        Item(
            code=row["code"],
            name=row["name"],
            name_en=row["name_en"],
            serves=parse_categories(row["serves"]),
            default_unit_cost=float(row["default_unit_cost"]),
            unit=row["unit"],
        )
        for row in read_rows(path)
    )


def load_items(path: Path | None = None) -> dict[str, Item]:
    """The catalogue keyed by item code, in file order."""
    return {item.code: item for item in _read_items(Path(path or ITEMS_PATH))}


def can_transition(current: str, new: str) -> bool:
    """True when the workflow allows moving from stage `current` to `new`."""
    return new in ALLOWED_TRANSITIONS.get(current, frozenset())


def ramp_check(rise_m: float, run_m: float) -> dict:
    """Check one ramp flight against GB 50763 (§2.4).

    The slope must be at most 1:8, and the rise at most the maximum of the
    gentlest table row whose slope the ramp still fits. `suggestion` is
    `too_steep`, `add_landing` (slope fine, rise too high) or None.
    """
    if run_m is None or run_m <= 0:
        raise AccessibilityError("ramp_run", field="ramp-run_m")
    if rise_m is None or rise_m < 0:
        raise AccessibilityError("ramp_rise", field="ramp-rise_m")
    slope = rise_m / run_m
    row = next((r for r in RAMP_TABLE if slope <= r[0] + RAMP_TOLERANCE), None)
    result = {"ramp_slope": round(slope, 4), "ramp_ok": False, "max_rise_m": None}
    if row is None:
        return {**result, "suggestion": "too_steep"}
    ok = rise_m <= row[1] + RAMP_TOLERANCE
    return {
        **result,
        "ramp_ok": ok,
        "max_rise_m": row[1],
        "suggestion": None if ok else "add_landing",
    }


def _line_cost(line: dict, index: int, catalogue: dict[str, Item]) -> float:
    """quantity × unit cost of one item line, the catalogue cost by default."""
    item = catalogue.get(line.get("code"))
    if item is None:
        raise AccessibilityError("unknown_item", field=f"items-{index}-code")
    quantity = line.get("quantity")
    if quantity is None or quantity <= 0:
        raise AccessibilityError("quantity", field=f"items-{index}-quantity")
    unit_cost = line.get("unit_cost")
    if unit_cost is None:
        unit_cost = item.default_unit_cost
    elif unit_cost < 0:
        raise AccessibilityError("unit_cost", field=f"items-{index}-unit_cost")
    return quantity * unit_cost


def _day(value, field: str):
    """A job's date, as the renovation rule reads dates."""
    try:
        return parse_day(value, field)
    except DomainError as exc:
        raise AccessibilityError("date", field=field) from exc


def assess_accessibility(
    data: dict, cap: float = 6000.0, catalogue: dict[str, Item] | None = None
) -> dict:
    """Computed values of an `accessibility_assessment` record (API.md).

    `cap` is the per-household ceiling in yuan, set locally each year (§2.3).
    """
    catalogue = load_items() if catalogue is None else catalogue
    stage = data.get("stage")
    if stage is not None and stage not in STAGES:
        raise AccessibilityError("unknown_stage", field="stage")
    require_facts(stage, data, STAGE_FACTS, AccessibilityError)
    days = [(name, _day(data.get(name), name)) for name in DATES]
    dates_in_order(days, AccessibilityError)
    lines = data.get("items") or []
    total = round(sum(_line_cost(x, i, catalogue) for i, x in enumerate(lines)), 2)
    result = {
        "estimated_total": total,
        "over_cap": total > cap,
        "cap": cap,
        "item_count": len(lines),
    }
    ramp = data.get("ramp")
    if ramp:
        check = ramp_check(ramp.get("rise_m"), ramp.get("run_m"))
        result.update(
            ramp_slope=check["ramp_slope"],
            ramp_ok=check["ramp_ok"],
            ramp_max_rise_m=check["max_rise_m"],
            ramp_suggestion=check["suggestion"],
        )
    return result
