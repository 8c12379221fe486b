"""The survey registry: each kind's form, domain rule and templates, in one place.

Adding a fifth survey means a form module in forms/, a rule in fieldapp/domain/,
templates in templates/surveys/<kind>/ and one entry in `KINDS` below.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from fieldapp.domain.accessibility import assess_accessibility
from fieldapp.domain.devices import assess_device
from fieldapp.domain.housing import HousingRules, assess_housing
from fieldapp.domain.ids import age_on
from fieldapp.domain.respite import EligibilityRule, assess_respite
from fieldapp.domain.stages import accessibility_stage_check, device_stage_check
from forms import (
    accessibility_assessment,
    device_fitting,
    housing_inspection,
    respite_assessment,
)


@dataclass(frozen=True)
class SurveyContext:
    """What a rule may know besides the survey body: the household and person."""

    household_size: int
    poverty_status: str
    captured_on: date
    category: int | None = None
    level: int | None = None
    birth_date: date | None = None
    accessibility_cap: float = 6000.0
    housing_rules: HousingRules = field(default_factory=HousingRules)
    eligibility_rule: EligibilityRule = field(default_factory=EligibilityRule)
    # Finds the household's C/D inspection, which barrier-free works join (DOMAIN
    # §1.7); a query, so it runs only for the rules that ask (`renovation`).
    find_renovation: Callable[[], dict | None] = lambda: None

    @cached_property
    def renovation(self) -> dict | None:
        """The household's latest C/D inspection, looked up on first use."""
        return self.find_renovation()

    @property
    def age(self) -> int | None:
        """The person's age on the day of the survey."""
        return age_on(self.birth_date, self.captured_on) if self.birth_date else None


@dataclass(frozen=True)
class SurveyKind:
    """One kind of survey and the three things that make it different."""

    name: str
    data_form: type
    compute: Callable[[dict, SurveyContext], dict]
    person_required: bool
    indexed: Callable[[dict, dict], dict] = lambda data, computed: {}
    # A correction's extra rule, (stored data, new data) -> {field: [codes]}.
    check_update: Callable[[dict, dict], dict] = lambda old, new: {}
    # Repeating rows of the data form (`items`) whose blank rows a page drops.
    row_lists: tuple[str, ...] = ()

    @property
    def template_dir(self) -> str:
        """Templates for the form fields, the record view and the PDF section."""
        return f"surveys/{self.name}"


KINDS: dict[str, SurveyKind] = {
    kind.name: kind
    for kind in (
        SurveyKind(
            "housing_inspection",
            housing_inspection.HousingDataForm,
            lambda data, ctx: assess_housing(
                data, household_size=ctx.household_size, rules=ctx.housing_rules
            ),
            person_required=False,
            indexed=lambda data, computed: {"grade": computed.get("grade")},
        ),
        SurveyKind(
            "accessibility_assessment",
            accessibility_assessment.AccessibilityDataForm,
            lambda data, ctx: {
                **assess_accessibility(data, cap=ctx.accessibility_cap),
                "linked_renovation": ctx.renovation,
            },
            person_required=False,
            indexed=lambda data, computed: {"stage": data.get("stage")},
            check_update=accessibility_stage_check,
            row_lists=("items",),
        ),
        SurveyKind(
            "device_fitting",
            device_fitting.DeviceDataForm,
            lambda data, ctx: assess_device(data, today=ctx.captured_on),
            person_required=True,
            indexed=lambda data, computed: {"stage": data.get("stage")},
            check_update=device_stage_check,
            row_lists=("followups",),
        ),
        SurveyKind(
            "respite_assessment",
            respite_assessment.RespiteDataForm,
            lambda data, ctx: assess_respite(
                data,
                category=ctx.category,
                level=ctx.level,
                age=ctx.age,
                poverty_status=ctx.poverty_status,
                rule=ctx.eligibility_rule,
            ),
            person_required=True,
        ),
    )
}


def get_kind(name: str) -> SurveyKind | None:
    """The registered kind of that name, or None."""
    return KINDS.get(name)
