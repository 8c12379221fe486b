"""Respite-care (托养) assessment (DOMAIN §4) as the registry describes it."""

from collections.abc import Mapping

from flask_babel import lazy_gettext as _l

from fieldapp.domain.barthel import (
    BANDING_VERSION,
    BARTHEL_ITEMS,
    CARE_LEVELS,
    DEPENDENCY_FLOORS,
)
from fieldapp.domain.respite import MODES, PSYCHIATRIC_CATEGORY, assess_respite
from fieldapp.registry.columns import (
    LedgerColumn,
    computed,
    computed_label,
    computed_yes_no,
)
from fieldapp.registry.context import SurveyContext
from fieldapp.registry.kind import SurveyKind
from fieldapp.registry.settings import eligibility_rule
from fieldapp.registry.summary import KeyValues, words
from forms.respite_assessment import RespiteDataForm


def compute(data: dict, ctx: SurveyContext) -> dict:
    """Barthel total and band, and eligibility from the person's card and age."""
    return assess_respite(
        data,
        category=ctx.category,
        level=ctx.level,
        age=ctx.age,
        poverty_status=ctx.poverty_status,
        rule=ctx.eligibility_rule,
    )


def preview_config(config: Mapping) -> dict:
    """The Barthel items, dependency bands and care levels, and the configured
    eligibility rule."""
    rule = eligibility_rule(config)
    return {
        # [item, allowed scores] pairs: a list keeps the order (JSON objects are
        # sorted), so the preview reports the same missing item first.
        "barthel": [[item, list(scores)] for item, scores in BARTHEL_ITEMS.items()],
        "respite": {
            "modes": list(MODES),
            "banding_version": BANDING_VERSION,
            "dependency_floors": [list(band) for band in DEPENDENCY_FLOORS],
            "care_levels": CARE_LEVELS,
            "psychiatric_category": PSYCHIATRIC_CATEGORY,
        },
        "eligibility": {
            "min_age": rule.min_age,
            "max_age": rule.max_age,
            "categories": {str(k): sorted(v) for k, v in rule.categories.items()},
            "poverty_statuses": sorted(rule.poverty_statuses),
            "exited_eligible": rule.exited_eligible,
        },
    }


def key_values(computed: dict, data: dict) -> KeyValues:
    """Barthel total, dependency and eligibility."""
    eligible = computed.get("eligible")
    return [
        (str(_l("Barthel 总分")), str(computed.get("barthel_total", "—"))),
        (str(_l("依赖程度")), words("dependency", computed.get("dependency"))),
        (
            str(_l("托养资格")),
            "—" if eligible is None else str(_l("符合") if eligible else _l("不符合")),
        ),
    ]


KIND = SurveyKind(
    name="respite_assessment",
    data_form=RespiteDataForm,
    rule=assess_respite,
    compute=compute,
    writers=frozenset({"rehab_worker"}),
    person_required=True,
    preview_module="js/surveys/respite_assessment.js",
    preview_config=preview_config,
    ledger_columns=(
        LedgerColumn(_l("Barthel 总分"), computed("barthel_total")),
        LedgerColumn(_l("依赖程度"), computed_label("dependency", "dependency")),
        LedgerColumn(_l("照护等级"), computed("care_level")),
        LedgerColumn(_l("符合托养条件"), computed_yes_no("eligible")),
    ),
    rule_messages={
        "unknown_item": _l("未知的项目。"),
        "missing_item": _l("此项必填。"),
        "score_not_allowed": _l("该分值不允许。"),
    },
    vocabularies=("barthel_item", "respite_mode", "dependency", "eligibility_reason"),
    key_values=key_values,
)
