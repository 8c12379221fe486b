"""JGJ 125-2016 quantitative grading from dangerous-member counts (DOMAIN §1.5)."""

from fractions import Fraction
from numbers import Real

from fieldapp.domain.errors import HousingError

MEMBER_WEIGHTS: dict[str, float] = {
    "interior_column": 3.5,
    "edge_column": 2.7,
    "corner_column": 1.8,
    "wall": 2.7,
    "roof_truss": 1.9,
    "interior_beam": 1.9,
    "edge_beam": 1.4,
    "secondary_beam": 1.0,
    "slab": 1.0,
    "enclosure_member": 1.0,
}
FOUNDATION_WEIGHT = 3.5
LAYER_GRADES = ("A_u", "B_u", "C_u", "D_u")
# §6.3: the ratios where the B and C bands end (5 % and 25 %), as exact
# fractions; the preview receives the same pair.
BAND_LIMITS = (Fraction(1, 20), Fraction(1, 4))
FIVE_PERCENT, QUARTER = BAND_LIMITS


def _exact(weight: float) -> Fraction:
    """The weight as the exact decimal it is written as (2.7 → 27/10).

    Exact ratios put a ratio of exactly 5 % or 25 % in the upper band, as the
    standard says; floats would give e.g. 1.9 / 38.0 = 0.0499….
    """
    return Fraction(str(weight))


def _check_ratio(ratio: Real) -> None:
    """Reject ratios outside 0–1."""
    if not 0 <= ratio <= 1:
        raise HousingError("ratio_out_of_range")


def layer_grade(ratio: Real) -> str:
    """Grade of the foundation or one storey (§6.3.2, §6.3.4): A_u, B_u, C_u or D_u."""
    _check_ratio(ratio)
    if ratio == 0:
        return "A_u"
    if ratio < FIVE_PERCENT:
        return "B_u"
    if ratio < QUARTER:
        return "C_u"
    return "D_u"


def building_grade(ratio: Real, layer_grades: list[str]) -> str:
    """Whole-building grade A–D from the overall ratio R and the layer grades (§6.3.6).

    `layer_grades` holds every layer counted in F + B + f: the foundation layer
    and each above-ground and basement storey.
    """
    _check_ratio(ratio)
    if any(grade not in LAYER_GRADES for grade in layer_grades):
        raise HousingError("unknown_layer_grade")
    d_layers = layer_grades.count("D_u")
    if ratio == 0:
        return "A"
    if ratio < FIVE_PERCENT:
        return "C" if d_layers else "B"
    if ratio < QUARTER:
        # D_u count ≤ (F + B + f) / 3, compared in integers.
        return "C" if 3 * d_layers <= len(layer_grades) else "D"
    return "D"


def _counts(entry: dict | None, field: str) -> tuple[int, int]:
    """(total, dangerous) of one member entry, checked."""
    entry = entry or {}
    total, dangerous = entry.get("total", 0), entry.get("dangerous", 0)
    if total < 0 or dangerous < 0:
        raise HousingError("negative_count", field=field)
    if dangerous > total:
        raise HousingError("dangerous_exceeds_total", field=field)
    return total, dangerous


def _storey_sums(storey: dict, index: int) -> tuple[Fraction, Fraction]:
    """(weighted dangerous, weighted total) of one storey."""
    dangerous_sum = total_sum = Fraction(0)
    for key, entry in storey.items():
        field = f"storeys-{index}-{key}"
        if key not in MEMBER_WEIGHTS:
            raise HousingError("unknown_member", field=field)
        total, dangerous = _counts(entry, field)
        weight = _exact(MEMBER_WEIGHTS[key])
        dangerous_sum += weight * dangerous
        total_sum += weight * total
    return dangerous_sum, total_sum


def _ratio(dangerous: Fraction, total: Fraction) -> Fraction:
    """dangerous / total; a layer with no counted members has ratio 0 (grade A_u)."""
    return Fraction(dangerous) / total if total else Fraction(0)


def assess_jgj125(site_dangerous: bool, foundation: dict, storeys: list[dict]) -> dict:
    """Grade a building from member counts; a dangerous site (ground) makes it D.

    `foundation` is `{"total", "dangerous"}`; each storey maps member keys of
    `MEMBER_WEIGHTS` to `{"total", "dangerous"}`. Counts are taken as entered:
    the inspector applies the rule that members above a dangerous vertical member
    on the same axis count as dangerous.
    """
    if not storeys:
        raise HousingError("no_storeys")
    f_total, f_dangerous = _counts(foundation, "foundation")
    sums = [_storey_sums(storey, i) for i, storey in enumerate(storeys)]
    f_weight = _exact(FOUNDATION_WEIGHT)
    total = f_weight * f_total + sum(t for _, t in sums)
    if total == 0:
        raise HousingError("no_members")
    ratio = (f_weight * f_dangerous + sum(d for d, _ in sums)) / total
    foundation_ratio = _ratio(f_dangerous, f_total)
    storey_ratios = [_ratio(d, t) for d, t in sums]
    foundation_grade = layer_grade(foundation_ratio)
    storey_grades = [layer_grade(r) for r in storey_ratios]
    layers = [foundation_grade, *storey_grades]
    return {
        "ratio": round(float(ratio), 4),
        "foundation_ratio": round(float(foundation_ratio), 4),
        "storey_ratios": [round(float(r), 4) for r in storey_ratios],
        "foundation_grade": foundation_grade,
        "storey_grades": storey_grades,
        "grade": "D" if site_dangerous else building_grade(ratio, layers),
    }
