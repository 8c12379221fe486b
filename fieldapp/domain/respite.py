"""Respite care (托养): eligibility and an assessment's computed values (DOMAIN §4)."""

from dataclasses import dataclass, field

from fieldapp.domain.barthel import (
    BANDING_VERSION,
    BARTHEL_ITEMS,
    BARTHEL_LABELS,
    DEPENDENCY_BANDS,
    BarthelItemLabel,
    barthel_total,
    care_level,
    dependency,
)
from fieldapp.domain.errors import RespiteError

__all__ = [
    "BANDING_VERSION",
    "BARTHEL_ITEMS",
    "BARTHEL_LABELS",
    "DEPENDENCY_BANDS",
    "MODES",
    "MODE_LABELS",
    "REASON_LABELS",
    "BarthelItemLabel",
    "EligibilityRule",
    "RespiteError",
    "assess_respite",
    "barthel_total",
    "care_level",
    "dependency",
    "eligibility",
]

MODES = ("home", "day", "residential")
MODE_LABELS: dict[str, tuple[str, str]] = {
    "home": ("居家托养", "home-based care"),
    "day": ("日间照料", "day care"),
    "residential": ("寄宿制托养", "residential care"),
}
# Mental disability (§5.1): Barthel alone does not judge it (§4.2).
PSYCHIATRIC_CATEGORY = 6
ALL_LEVELS = frozenset({1, 2, 3, 4})
SEVERE_LEVELS = frozenset({1, 2})
REASON_LABELS: dict[str, tuple[str, str]] = {
    "no_card": ("无残疾人证", "no disability card"),
    "age_unknown": ("年龄不详", "age unknown"),
    "age_below_min": ("未达最低年龄", "below the minimum age"),
    "age_above_max": ("超过最高年龄", "above the maximum age"),
    "category_not_covered": (
        "残疾类别不在托养范围内",
        "disability category not covered",
    ),
    "level_not_severe": (
        "残疾等级未达要求(重度)",
        "disability level not severe enough",
    ),
    "not_poor": ("非贫困家庭", "household not in a covered poverty status"),
    "exited_not_covered": (
        "已脱贫家庭(本地规定不再享受)",
        "household has left poverty (not covered by the local rule)",
    ),
    "category_covered": ("残疾类别和等级符合", "disability category and level covered"),
    "age_in_range": ("年龄符合", "age within range"),
    "poor_household": ("贫困家庭", "household in a covered poverty status"),
    "exited_transition": (
        "已脱贫家庭,过渡期内脱贫不脱政策",
        "household has left poverty; policy kept in the transition period",
    ),
}
# A household that has left poverty (§4.2: 脱贫不脱政策 in the transition period).
EXITED = "exited"


def _default_categories() -> dict[int, frozenset[int]]:
    """Category → covered levels of the 阳光家园 programme and the seed plan."""
    return {
        1: SEVERE_LEVELS,  # visual, per the seed plan
        4: SEVERE_LEVELS,  # physical
        5: ALL_LEVELS,  # intellectual
        6: ALL_LEVELS,  # mental
        7: ALL_LEVELS,  # multiple: see EligibilityRule
    }


@dataclass(frozen=True)
class EligibilityRule:
    """The configurable 托养 eligibility predicate of §4.2.

    `categories` maps a disability category to the levels it covers. Multiple
    disability (7) counts at any level: the card does not say which disabilities
    it combines, it is graded by its most severe component, and the programme
    targets exactly the people who carry several; the supervisor's review is
    where a multiple disability made only of uncovered parts is caught.
    `max_age` None means no upper age limit. `exited_eligible`: a household that
    has left poverty still counts as poor (脱贫不脱政策), the default.
    """

    min_age: int = 16
    max_age: int | None = 59
    categories: dict[int, frozenset[int]] = field(default_factory=_default_categories)
    poverty_statuses: frozenset[str] = frozenset({"registered_poor", "dibao", "tekun"})
    exited_eligible: bool = True


def _card_problems(category: int | None, level: int | None, rule) -> list[str]:
    """Reasons why the disability card does not qualify."""
    if category is None or level is None:
        return ["no_card"]
    if category not in rule.categories:
        return ["category_not_covered"]
    if level not in rule.categories[category]:
        return ["level_not_severe"]
    return []


def _age_problems(age: int | None, rule: EligibilityRule) -> list[str]:
    """Reasons why the age does not qualify."""
    if age is None:
        return ["age_unknown"]
    if age < rule.min_age:
        return ["age_below_min"]
    if rule.max_age is not None and age > rule.max_age:
        return ["age_above_max"]
    return []


def _poverty(status: str | None, rule: EligibilityRule) -> tuple[bool, str]:
    """(counts as poor, the reason): which part of the poverty rule applied."""
    if status in rule.poverty_statuses:
        return True, "poor_household"
    if status == EXITED:
        if rule.exited_eligible:
            return True, "exited_transition"
        return False, "exited_not_covered"
    return False, "not_poor"


def eligibility(
    category: int | None,
    level: int | None,
    age: int | None,
    poverty_status: str | None,
    rule: EligibilityRule | None = None,
) -> tuple[bool, list[str]]:
    """(eligible, reasons): every failed condition, or the three that hold.

    The verdict is a proposal that a supervisor confirms (PIPL Art. 24); the
    reasons are machine codes (`REASON_LABELS`) so the reviewer sees why.
    """
    rule = rule or EligibilityRule()
    problems = _card_problems(category, level, rule) + _age_problems(age, rule)
    poor, poverty_reason = _poverty(poverty_status, rule)
    if not poor:
        problems.append(poverty_reason)
    if problems:
        return False, problems
    return True, ["category_covered", "age_in_range", poverty_reason]


def assess_respite(
    data: dict,
    *,
    category: int | None,
    level: int | None,
    age: int | None,
    poverty_status: str | None,
    rule: EligibilityRule | None = None,
) -> dict:
    """Computed values of a `respite_assessment` record (API.md).

    The person's card, age and household poverty status come from the household
    register, not from the survey body.
    """
    total = barthel_total(data.get("barthel") or {})
    mode = data.get("mode_requested")
    if mode is not None and mode not in MODES:
        raise RespiteError("unknown_mode", field="mode_requested")
    band = dependency(total)
    eligible, reasons = eligibility(category, level, age, poverty_status, rule)
    return {
        "barthel_total": total,
        "dependency": band,
        "care_level": care_level(band),
        "banding_version": BANDING_VERSION,
        "eligible": eligible,
        "eligibility_reasons": reasons,
        "needs_psychiatric_review": category == PSYCHIATRIC_CATEGORY
        and data.get("psychiatric_stable") is not True,
    }
