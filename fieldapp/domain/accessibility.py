"""Home barrier-free renovation: item catalogue, costs, ramps, stages (DOMAIN §2)."""

from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
from math import ceil
from pathlib import Path

from fieldapp.domain.datafiles import DATA_DIR, parse_categories, read_rows
from fieldapp.domain.dates import parse_day
from fieldapp.domain.errors import AccessibilityError
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
# Ramp standards (§2.4): per-flight limits as rows (max slope, max rise m),
# gentlest slope first. A flight is checked against the gentlest row whose
# slope it still fits. GB 50763-2012's table; GB 55019-2021 §2.3.1 (in force
# since 2022-04-01): at most 1:12 and 0.75 m a flight, 1:10 only where the
# flight rises 0.15 m or less. Numbers are exact (Fraction) so a ramp of exactly
# 1:12 or 0.75 m is on the limit, not over it by float error.
GB50763_2012 = "gb50763_2012"
GB55019_2021 = "gb55019_2021"
RAMP_STANDARDS: dict[str, tuple[tuple[Fraction, Fraction], ...]] = {
    GB55019_2021: (
        (Fraction(1, 12), Fraction("0.75")),
        (Fraction(1, 10), Fraction("0.15")),
    ),
    GB50763_2012: (
        (Fraction(1, 20), Fraction("1.20")),
        (Fraction(1, 16), Fraction("0.90")),
        (Fraction(1, 12), Fraction("0.75")),
        (Fraction(1, 10), Fraction("0.60")),
        (Fraction(1, 8), Fraction("0.30")),
    ),
}
# A ramp without a standard is an old record's: the table it was checked with.
LEGACY_RAMP_STANDARD = GB50763_2012
# What new assessments are checked against (the form preselects it).
CURRENT_RAMP_STANDARD = GB55019_2021
# Minimum length of a landing between two flights (§2.4), for the ramp plan.
LANDING_LENGTH_M = Fraction("1.50")
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


def exact(value) -> Fraction:
    """A measurement as the exact decimal it was written as (0.1 is 1/10)."""
    if isinstance(value, float):
        return Fraction(repr(value))
    return Fraction(value)


def ramp_rows(standard: str | None) -> tuple[tuple[Fraction, Fraction], ...]:
    """The per-flight rows of a standard; None is the legacy GB 50763 table."""
    rows = RAMP_STANDARDS.get(standard or LEGACY_RAMP_STANDARD)
    if rows is None:
        raise AccessibilityError("ramp_standard", field="ramp-standard")
    return rows


def _measurements(rise_m, run_m) -> tuple[Fraction, Fraction]:
    """Rise and run as exact fractions, refusing a missing or impossible one."""
    if run_m is None or isinstance(run_m, bool) or run_m <= 0:
        raise AccessibilityError("ramp_run", field="ramp-run_m")
    if rise_m is None or isinstance(rise_m, bool) or rise_m < 0:
        raise AccessibilityError("ramp_rise", field="ramp-rise_m")
    return exact(rise_m), exact(run_m)


def ramp_check(rise_m: float, run_m: float, standard: str | None = None) -> dict:
    """Check one ramp flight against a standard's per-flight rows (§2.4).

    The slope must fit a row, and the rise be at most the maximum of the
    gentlest row whose slope the ramp still fits. `suggestion` is `too_steep`,
    `add_landing` (slope fine, rise too high) or None. Comparisons are exact.
    """
    rows = ramp_rows(standard)
    rise, run = _measurements(rise_m, run_m)
    slope = rise / run
    row = next((r for r in rows if slope <= r[0]), None)
    result = {
        "ramp_slope": round(rise_m / run_m, 4),
        "ramp_ok": False,
        "max_rise_m": None,
    }
    if row is None:
        return {**result, "suggestion": "too_steep"}
    ok = rise <= row[1]
    return {
        **result,
        "ramp_ok": ok,
        "max_rise_m": float(row[1]),
        "suggestion": None if ok else "add_landing",
    }


def ramp_plan(rise_m: float, standard: str | None = None) -> dict:
    """The shortest compliant ramp for a rise under a standard (the form's helper).

    Each row is tried at its own slope, in as many equal flights as its
    per-flight maximum needs, with a landing of LANDING_LENGTH_M between two
    flights; the shortest total length wins (ties: fewer flights, then the
    gentler slope). `run_m` is the horizontal run of the sloped flights,
    rounded up to the centimetre so that it still complies.
    """
    rows = ramp_rows(standard)
    if rise_m is None or isinstance(rise_m, bool) or rise_m <= 0:
        raise AccessibilityError("ramp_rise", field="ramp-rise_m")
    rise = exact(rise_m)
    best = None
    for slope, max_rise in rows:
        flights = ceil(rise / max_rise)
        run = rise / slope
        length = run + (flights - 1) * LANDING_LENGTH_M
        if best is None or (length, flights) < (best[0], best[1]):
            best = (length, flights, run, slope)
    _length, flights, run, slope = best
    return {
        "run_m": ceil(run * 100) / 100,
        "slope_ratio": int(1 / slope),
        "flights": flights,
        "landings": flights - 1,
        "landing_length_m": float(LANDING_LENGTH_M),
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
    days = [
        (name, parse_day(data.get(name), name, AccessibilityError)) for name in DATES
    ]
    dates_in_order(days, AccessibilityError)
    lines = data.get("items") or []
    total = round(sum(_line_cost(x, i, catalogue) for i, x in enumerate(lines)), 2)
    result = {
        "estimated_total": total,
        "over_cap": total > cap,
        "cap": cap,
        "item_count": len(lines),
    }
    ramp = data.get("ramp") or {}
    if ramp.get("rise_m") is not None or ramp.get("run_m") is not None:
        standard = ramp.get("standard") or LEGACY_RAMP_STANDARD
        check = ramp_check(ramp.get("rise_m"), ramp.get("run_m"), standard)
        result.update(
            ramp_slope=check["ramp_slope"],
            ramp_ok=check["ramp_ok"],
            ramp_max_rise_m=check["max_rise_m"],
            ramp_suggestion=check["suggestion"],
            ramp_standard=standard,
        )
    return result
