"""Barrier-free renovation assessment (DOMAIN §2) as the registry describes it."""

from collections.abc import Mapping
from dataclasses import asdict

from flask_babel import lazy_gettext as _l

from fieldapp.domain.accessibility import (
    ACCEPTED_STAGES,
    CURRENT_RAMP_STANDARD,
    DATES,
    LANDING_LENGTH_M,
    LEGACY_RAMP_STANDARD,
    RAMP_STANDARDS,
    STAGE_FACTS,
    STAGES,
    assess_accessibility,
    load_items,
)
from fieldapp.domain.labels import label
from fieldapp.domain.stages import accessibility_stage_check
from fieldapp.registry.columns import LedgerColumn, computed, computed_yes_no
from fieldapp.registry.context import SurveyContext
from fieldapp.registry.kind import SurveyKind, indexed_stage
from fieldapp.registry.summary import KeyValues, words
from forms.accessibility_assessment import AccessibilityDataForm


def compute(data: dict, ctx: SurveyContext) -> dict:
    """Costs against the cap and the ramp check, joined to the house's renovation."""
    return {
        **assess_accessibility(data, cap=ctx.accessibility_cap),
        "linked_renovation": ctx.renovation,
    }


def ramp_standards_config() -> dict:
    """Each ramp standard's per-flight rows as [slope num, slope den, max rise m]."""
    return {
        code: [[s.numerator, s.denominator, float(rise)] for s, rise in rows]
        for code, rows in RAMP_STANDARDS.items()
    }


def preview_config(config: Mapping) -> dict:
    """The household cap (configured), the item catalogue, the ramp standards
    (which one old records and new forms use) and the workflow's stages."""
    return {
        "accessibility": {
            "cap": config["ACCESSIBILITY_CAP_YUAN"],
            "items": {code: asdict(item) for code, item in load_items().items()},
            "ramp_standards": ramp_standards_config(),
            "legacy_ramp_standard": LEGACY_RAMP_STANDARD,
            "current_ramp_standard": CURRENT_RAMP_STANDARD,
            "landing_length_m": float(LANDING_LENGTH_M),
            "stages": list(STAGES),
            "stage_facts": {k: list(v) for k, v in STAGE_FACTS.items()},
            "dates": list(DATES),
        }
    }


def applied_ramp_standard(computed: dict) -> str | None:
    """The standard a record's ramp was checked against; records computed before
    the standard was recorded were checked against the legacy table."""
    if "ramp_slope" not in computed:
        return None
    return computed.get("ramp_standard") or LEGACY_RAMP_STANDARD


def ramp_standard_cell(row, lang: str) -> str:
    """The ledger's 坡道依据标准: the applied standard's short name, or empty."""
    return label("ramp_standard", applied_ramp_standard(row.computed or {}), lang)


def key_values(computed: dict, data: dict) -> KeyValues:
    """Estimated cost (and whether over the cap) and the stage of the works."""
    total = computed.get("estimated_total")
    cost = "—" if total is None else f"{total:,.2f} {_l('元')}"
    if computed.get("over_cap"):
        cost = f"{cost} ({_l('超出上限')})"
    return [
        (str(_l("预计总费用")), cost),
        (str(_l("进度")), words("accessibility_stage", data.get("stage"))),
    ]


KIND = SurveyKind(
    name="accessibility_assessment",
    data_form=AccessibilityDataForm,
    rule=assess_accessibility,
    compute=compute,
    writers=frozenset({"inspector"}),
    person_required=False,
    preview_module="js/surveys/accessibility_assessment.js",
    preview_config=preview_config,
    stages=STAGES,
    stage_vocabulary="accessibility_stage",
    indexed=indexed_stage,
    evidence_stages=ACCEPTED_STAGES,
    check_update=accessibility_stage_check,
    row_lists=("items",),
    ledger_columns=(
        LedgerColumn(_l("预算金额(元)"), computed("estimated_total")),
        LedgerColumn(_l("超出上限"), computed_yes_no("over_cap")),
        LedgerColumn(_l("坡道合格"), computed_yes_no("ramp_ok")),
        LedgerColumn(_l("坡道依据标准"), ramp_standard_cell),
    ),
    rule_messages={
        "unknown_item": _l("未知的项目。"),
        "quantity": _l("数量不正确。"),
        "unit_cost": _l("单价不正确。"),
        "ramp_run": _l("坡道水平长度必须大于零。"),
        "ramp_rise": _l("坡道高差必须大于零。"),
        "ramp_standard": _l("未知的坡道标准。"),
        "required_for_stage": _l("该进度需要填写此项。"),
        "date_order": _l("日期不能早于前一阶段的日期。"),
        "date": _l("日期格式不正确。"),
    },
    vocabularies=(
        "accessibility_stage",
        "accessibility_unit",
        "ramp_suggestion",
        "ramp_standard",
        "renovation_mode",
    ),
    key_values=key_values,
)
