"""Dangerous-house grades and what they imply; proposals an official confirms (§1)."""

from dataclasses import dataclass, field

from fieldapp.domain.errors import HousingError
from fieldapp.domain.jgj125 import (
    FOUNDATION_WEIGHT,
    LAYER_GRADES,
    MEMBER_WEIGHTS,
    assess_jgj125,
    building_grade,
    layer_grade,
)

__all__ = [
    "COMPONENTS",
    "COMPONENT_GRADES",
    "COMPONENT_LABELS",
    "FOUNDATION_WEIGHT",
    "GRADES",
    "LAYER_GRADES",
    "MEMBER_WEIGHTS",
    "METHODS",
    "RENOVATION_MODES",
    "STANDARD_USED",
    "STRUCTURE_TYPES",
    "HousingError",
    "HousingRules",
    "assess_housing",
    "assess_jgj125",
    "building_grade",
    "grade_rural_2019",
    "layer_grade",
    "rebuild_area_cap",
    "renovation_mode",
]

COMPONENTS = ("foundation", "walls", "frame", "roof", "enclosure")
COMPONENT_LABELS: dict[str, tuple[str, str]] = {
    "foundation": ("地基基础", "foundation"),
    "walls": ("承重墙", "load-bearing walls"),
    "frame": ("木柱、梁、檩", "columns, beams, purlins"),
    "roof": ("屋面及楼屋盖", "roof and floors"),
    "enclosure": ("围护结构", "enclosure"),
}
STRUCTURE_TYPES: dict[str, tuple[str, str]] = {
    "brick_wood": ("砖木", "brick and timber"),
    "earth_wood": ("土木", "earth and timber"),
    "brick_earth": ("砖土混杂", "mixed brick and earth"),
    "timber": ("木结构", "timber"),
    "stone_wood": ("石木", "stone and timber"),
    "brick_concrete": ("砖混", "brick and concrete"),
    "concrete": ("混凝土", "reinforced concrete"),
    "steel": ("钢结构", "steel"),
    "other": ("其他", "other"),
}
METHODS = ("rural_2019", "jgj125_2016")
STANDARD_USED = {"rural_2019": "JIANCUN2019_200", "jgj125_2016": "JGJ125_2016"}
# The 2019 guideline covers houses of 1–2 storeys (§1.1); JGJ 125 is the method
# for more. An inspection outside its method's scope is kept, with this flag.
RURAL_2019_MAX_FLOORS = 2
METHOD_OUT_OF_SCOPE = "method_out_of_scope"
GRADES = ("A", "B", "C", "D")
RENOVATION_MODES = ("none", "repair", "rebuild", "relocate")
COMPONENT_GRADES = ("a", "b", "c", "d")
# §1.6: C is repaired, D rebuilt (other grades need nothing); a dangerous site
# means rebuilding elsewhere. A new build gets the area cap of §1.7.
RENOVATION_BY_GRADE = {"C": "repair", "D": "rebuild"}
DANGEROUS_GRADES = ("C", "D")
NEW_BUILD_MODES = ("rebuild", "relocate")


def grade_rural_2019(site_dangerous: bool, components: dict[str, str]) -> str:
    """House grade by the 2019 rural guideline (§1.4): D on a dangerous site or worst.

    Components that do not exist in the house are omitted; when the site is safe
    at least one component grade is required. On a dangerous site the inspection
    may stop after phase 1, so components may be empty.
    """
    grades = []
    for name, grade in (components or {}).items():
        if name not in COMPONENTS:
            raise HousingError("unknown_component", field=f"components-{name}")
        grade = str(grade).lower()
        if grade not in COMPONENT_GRADES:
            raise HousingError("component_grade", field=f"components-{name}")
        grades.append(grade)
    if site_dangerous:
        return "D"
    if not grades:
        raise HousingError("no_components")
    return max(grades, key=COMPONENT_GRADES.index).upper()


@dataclass(frozen=True)
class HousingRules:
    """Policy figures of the Hainan 2018 plan (§1.7); configurable, not law.

    `subsidy_floor` is the minimum subsidy in yuan per household by grade;
    `area_caps` maps household size to the (min, max) new-build area in m², and
    larger households get `per_person_area` times their size.
    """

    subsidy_floor: dict[str, int] = field(
        default_factory=lambda: {"C": 8000, "D": 35000}
    )
    area_caps: dict[int, tuple[float, float]] = field(
        default_factory=lambda: {1: (20.0, 30.0), 2: (30.0, 40.0), 3: (40.0, 60.0)}
    )
    per_person_area: tuple[float, float] = (13.0, 18.0)


def rebuild_area_cap(
    household_size: int, rules: HousingRules | None = None
) -> tuple[float, float] | None:
    """(min, max) new-build floor area in m² for a household; None below 1 person."""
    rules = rules or HousingRules()
    if household_size is None or household_size < 1:
        return None
    if household_size in rules.area_caps:
        return rules.area_caps[household_size]
    low, high = rules.per_person_area
    return (low * household_size, high * household_size)


def renovation_mode(grade: str, site_dangerous: bool) -> str:
    """`none` (A, B), `repair` (C), `rebuild` (D), `relocate` (D from the site)."""
    if site_dangerous:
        return "relocate"
    return RENOVATION_BY_GRADE.get(grade, "none")


def _grade_fields(data: dict, site_dangerous: bool) -> dict:
    """The method-specific part of the result, always with a `grade`."""
    method = data.get("method")
    if method == "rural_2019":
        return {"grade": grade_rural_2019(site_dangerous, data.get("components"))}
    if method == "jgj125_2016":
        return assess_jgj125(
            site_dangerous, data.get("foundation"), data.get("storeys") or []
        )
    raise HousingError("unknown_method", field="method")


def method_flags(data: dict) -> list[str]:
    """Data-quality flags of an inspection's method: `method_out_of_scope` for a
    `rural_2019` inspection of a house of more than RURAL_2019_MAX_FLOORS floors."""
    floors = data.get("floors")
    if (
        data.get("method") == "rural_2019"
        and isinstance(floors, int)
        and floors > RURAL_2019_MAX_FLOORS
    ):
        return [METHOD_OUT_OF_SCOPE]
    return []


def assess_housing(
    data: dict, household_size: int | None = None, rules: HousingRules | None = None
) -> dict:
    """Computed values of a `housing_inspection` record (API.md).

    `data` has the API shape; `household_size` drives the new-build area cap,
    which is given only when the house is to be rebuilt or relocated.
    """
    rules = rules or HousingRules()
    site_dangerous = bool(data.get("site_dangerous"))
    result = _grade_fields(data, site_dangerous)
    grade = result["grade"]
    mode = renovation_mode(grade, site_dangerous)
    area_cap = None
    if mode in NEW_BUILD_MODES:
        cap = rebuild_area_cap(household_size or 0, rules)
        area_cap = list(cap) if cap else None
    return {
        **result,
        "dangerous": grade in DANGEROUS_GRADES,
        "renovation_mode": mode,
        "standard_used": STANDARD_USED[data["method"]],
        "subsidy_floor": rules.subsidy_floor.get(grade),
        "area_cap_m2": area_cap,
    }
