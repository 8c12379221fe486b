"""Dangerous-housing inspection (DOMAIN §1) as the registry describes it."""

from collections.abc import Mapping

from flask_babel import lazy_gettext as _l

from fieldapp.domain.housing import (
    COMPONENT_GRADES,
    COMPONENTS,
    DANGEROUS_GRADES,
    NEW_BUILD_MODES,
    RENOVATION_BY_GRADE,
    RURAL_2019_MAX_FLOORS,
    STANDARD_USED,
    assess_housing,
    method_flags,
)
from fieldapp.domain.jgj125 import (
    BAND_LIMITS,
    FOUNDATION_WEIGHT,
    LAYER_GRADES,
    MEMBER_WEIGHTS,
)
from fieldapp.registry.columns import LedgerColumn, computed_label
from fieldapp.registry.context import SurveyContext
from fieldapp.registry.kind import SurveyKind
from fieldapp.registry.settings import housing_rules
from fieldapp.registry.summary import KeyValues, words
from forms.housing_inspection import HousingDataForm


def compute(data: dict, ctx: SurveyContext) -> dict:
    """The house's grade and what it implies for a household of this size."""
    return assess_housing(
        data, household_size=ctx.household_size, rules=ctx.housing_rules
    )


def indexed(data: dict, computed: dict) -> dict:
    """The grade goes into its indexed column (dashboards, print filters)."""
    return {"grade": computed.get("grade")}


def preview_config(config: Mapping) -> dict:
    """Subsidy floors and area caps (configured), the grading tables of the
    2019 guideline and of JGJ 125 (weights, band limits as [num, den])."""
    rules = housing_rules(config)
    return {
        "housing": {
            "subsidy_floor": rules.subsidy_floor,
            "area_caps": {str(k): list(v) for k, v in rules.area_caps.items()},
            "per_person_area": list(rules.per_person_area),
            "components": list(COMPONENTS),
            "component_grades": list(COMPONENT_GRADES),
            "standard_used": STANDARD_USED,
            "renovation_by_grade": RENOVATION_BY_GRADE,
            "dangerous_grades": list(DANGEROUS_GRADES),
            "new_build_modes": list(NEW_BUILD_MODES),
            "member_weights": MEMBER_WEIGHTS,
            "foundation_weight": FOUNDATION_WEIGHT,
            "layer_grades": list(LAYER_GRADES),
            "band_limits": [[f.numerator, f.denominator] for f in BAND_LIMITS],
            "rural_2019_max_floors": RURAL_2019_MAX_FLOORS,
        }
    }


def grade(row, lang) -> str:
    """The house grade from its indexed column."""
    return row.grade or ""


def key_values(computed: dict, data: dict) -> KeyValues:
    """Grade and renovation mode."""
    return [
        (str(_l("等级")), words("house_grade", computed.get("grade"))),
        (
            str(_l("改造方式")),
            words("renovation_mode", computed.get("renovation_mode")),
        ),
    ]


KIND = SurveyKind(
    name="housing_inspection",
    data_form=HousingDataForm,
    rule=assess_housing,
    compute=compute,
    writers=frozenset({"inspector"}),
    person_required=False,
    preview_module="js/surveys/housing_inspection.js",
    preview_config=preview_config,
    indexed=indexed,
    flags=method_flags,
    ledger_columns=(
        LedgerColumn(_l("房屋等级"), grade),
        LedgerColumn(
            _l("改造方式"), computed_label("renovation_mode", "renovation_mode")
        ),
    ),
    rule_messages={
        "no_components": _l("请至少评定一个组成部分。"),
        "no_storeys": _l("请至少填写一层的构件数。"),
        "no_members": _l("构件总数不能为零。"),
        "dangerous_exceeds_total": _l("危险构件数不能大于总数。"),
        "negative_count": _l("构件数不能为负数。"),
    },
    vocabularies=(
        "house_grade",
        "layer_grade",
        "housing_method",
        "structure_type",
        "component",
        "member_type",
        "renovation_mode",
        "housing_standard",
    ),
    key_values=key_values,
)
