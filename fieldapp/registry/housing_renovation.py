"""Renovation of a C or D house (DOMAIN §1.7, API.md `housing_renovation`) as the
registry describes it."""

from collections.abc import Mapping

from flask_babel import lazy_gettext as _l

from fieldapp.domain.housing import DANGEROUS_GRADES
from fieldapp.domain.labels import label
from fieldapp.domain.renovation import (
    ACCEPTED_STAGES,
    DATES,
    FUNDING_SOURCES,
    MODES,
    STAGE_FACTS,
    STAGES,
    assess_renovation,
)
from fieldapp.domain.stages import renovation_stage_check
from fieldapp.registry.columns import LedgerColumn, computed, computed_yes_no, text
from fieldapp.registry.context import SurveyContext
from fieldapp.registry.kind import SurveyKind, indexed_stage
from fieldapp.registry.links import PER_HOUSEHOLD, RecordLink
from fieldapp.registry.settings import housing_rules
from fieldapp.registry.summary import KeyValues, words
from forms.housing_renovation import RenovationDataForm

NAME = "housing_renovation"


def compute(data: dict, ctx: SurveyContext) -> dict:
    """Floors, caps and totals against the linked inspection of the household."""
    return assess_renovation(
        data,
        ctx.find_inspection(data.get("inspection_uuid")),
        household_size=ctx.household_size,
        rules=ctx.housing_rules,
    )


def preview_config(config: Mapping) -> dict:
    """Subsidy floors and area caps (configured), the stages with their facts,
    the dates in order, the modes and the funding sources."""
    rules = housing_rules(config)
    return {
        "renovation": {
            "subsidy_floor": rules.subsidy_floor,
            "area_caps": {str(k): list(v) for k, v in rules.area_caps.items()},
            "per_person_area": list(rules.per_person_area),
            "stages": list(STAGES),
            "stage_facts": {k: list(v) for k, v in STAGE_FACTS.items()},
            "dates": list(DATES),
            "modes": list(MODES),
            "funding_sources": list(FUNDING_SOURCES),
            "accepted_stages": list(ACCEPTED_STAGES),
        }
    }


def mode(row, lang) -> str:
    """The renovation mode in words (renovations only)."""
    if row.kind != NAME:
        return ""
    return label("renovation_mode", (row.data or {}).get("mode"), lang)


def accepted_on(row, lang) -> str:
    """The acceptance date (renovations only)."""
    return text((row.data or {}).get("accepted_on")) if row.kind == NAME else ""


def subsidy_paid(row, lang):
    """The subsidy paid, in yuan (renovations only)."""
    return (row.data or {}).get("subsidy_paid") if row.kind == NAME else None


def key_values(computed: dict, data: dict) -> KeyValues:
    """Mode, stage and the subsidy against its floor."""
    paid = data.get("subsidy_paid")
    money = "—" if paid is None else f"{paid:,.2f} {_l('元')}"
    if computed.get("below_floor"):
        money = f"{money} ({_l('低于补助下限')})"
    return [
        (str(_l("改造方式")), words("renovation_mode", data.get("mode"))),
        (str(_l("进度")), words("renovation_stage", data.get("stage"))),
        (str(_l("已拨付补助")), money),
    ]


# The C/D inspection of the same household that the renovation answers; a choice
# shows the grade (the subsidy floor's key) and the mode the inspection suggests.
INSPECTION_LINK = RecordLink(
    field="inspection_uuid",
    target="housing_inspection",
    per=PER_HOUSEHOLD,
    shows=(("grade", "house_grade"), ("renovation_mode", "renovation_mode")),
    where=(("grade", DANGEROUS_GRADES),),
    prompt=_l("请选择该户 C/D 级危房鉴定"),
    hint=_l("只有鉴定为 C 级或 D 级的危房才能改造;改造方式默认取鉴定建议。"),
)

KIND = SurveyKind(
    name=NAME,
    data_form=RenovationDataForm,
    rule=assess_renovation,
    compute=compute,
    writers=frozenset({"inspector"}),
    person_required=False,
    preview_module="js/surveys/housing_renovation.js",
    preview_config=preview_config,
    stages=STAGES,
    stage_vocabulary="renovation_stage",
    indexed=indexed_stage,
    evidence_stages=ACCEPTED_STAGES,
    check_update=renovation_stage_check,
    row_lists=("funding",),
    ledger_columns=(
        LedgerColumn(_l("实施改造方式"), mode),
        LedgerColumn(_l("验收日期"), accepted_on),
        LedgerColumn(_l("已拨付补助(元)"), subsidy_paid),
        LedgerColumn(_l("资金合计(元)"), computed("funding_total")),
        LedgerColumn(_l("低于补助下限"), computed_yes_no("below_floor")),
        LedgerColumn(_l("超出面积上限"), computed_yes_no("over_area_cap")),
    ),
    rule_messages={
        "inspection_not_found": _l("请选择该户的危房鉴定记录。"),
        "inspection_not_dangerous": _l("只有鉴定为 C 级或 D 级的危房才能改造。"),
        "unknown_mode": _l("未知的改造方式。"),
        "required_for_stage": _l("该进度需要填写此项。"),
        "date_order": _l("日期不能早于前一阶段的日期。"),
        "date": _l("日期格式不正确。"),
        "funding_source": _l("未知的资金来源。"),
        "amount": _l("金额不正确。"),
    },
    vocabularies=(
        "renovation_stage",
        "renovation_mode",
        "funding_source",
        "house_grade",
    ),
    key_values=key_values,
    links_to=INSPECTION_LINK,
)
