"""Respite care given (托养服务, DOMAIN §4.2) as the registry describes it."""

from collections.abc import Mapping
from datetime import date

from flask_babel import lazy_gettext as _l

from fieldapp.domain.labels import label
from fieldapp.domain.respite_service import MODES, assess_service, service_active
from fieldapp.registry.columns import (
    LedgerColumn,
    computed_yes_no,
    text,
)
from fieldapp.registry.context import SurveyContext
from fieldapp.registry.kind import SurveyKind
from fieldapp.registry.links import PER_PERSON, RecordLink
from fieldapp.registry.summary import KeyValues, words
from forms.respite_service import RespiteServiceDataForm

NAME = "respite_service"


def compute(data: dict, ctx: SurveyContext) -> dict:
    """Active as of today, on the person's eligible assessment."""
    assessment = ctx.find_assessment(data.get("assessment_uuid") or "")
    return assess_service(data, assessment, today=ctx.as_of)


def day(value) -> date | None:
    """A stored `YYYY-MM-DD` as a date (None when empty)."""
    return date.fromisoformat(value) if value else None


def as_of(data: dict, stored: dict, today: date) -> dict:
    """`active` again for `today`: a service ends (or starts) without a new version."""
    active = service_active(
        day(data.get("started_on")), day(data.get("ended_on")), today
    )
    return {**stored, "active": active}


def preview_config(config: Mapping) -> dict:
    """The service modes (the assessment's facts come with the page's options)."""
    return {"respite_service": {"modes": list(MODES)}}


def field_value(key: str):
    """A typed-in value of the service, inert for spreadsheets."""

    def value(row, lang):
        """The service's `key` (respite services only)."""
        return text((row.data or {}).get(key)) if row.kind == NAME else ""

    value.__name__ = f"service_{key}"
    return value


def mode(row, lang) -> str:
    """The service's mode in words (respite services only)."""
    if row.kind != NAME:
        return ""
    return label("respite_mode", (row.data or {}).get("mode"), lang)


def subsidy(row, lang):
    """The monthly subsidy in yuan, a number (respite services only)."""
    return (row.data or {}).get("monthly_subsidy") if row.kind == NAME else None


NO_END = ("未填结束日期", "no end date")


def in_care(row, lang) -> str:
    """是 / 否 as of today; a service left open for someone who died or moved
    out says so (`已去世,未填结束日期`) instead of 是: its end wants filling in."""
    shown = computed_yes_no("active")(row, lang)
    status = getattr(row, "person_status", None) or "active"
    if row.kind != NAME or status == "active" or not (row.computed or {}).get("active"):
        return shown
    english = (lang or "").startswith("en")
    gone = label("member_status", status, lang)
    return f"{gone}, {NO_END[1]}" if english else f"{gone},{NO_END[0]}"


def key_values(computed: dict, data: dict) -> KeyValues:
    """The mode, the provider and whether the service is active."""
    active = computed.get("active")
    return [
        (str(_l("托养方式")), words("respite_mode", data.get("mode"))),
        (str(_l("托养服务机构")), data.get("provider") or "—"),
        (
            str(_l("服务中")),
            "—" if active is None else str(_l("是") if active else _l("否")),
        ),
    ]


# The eligible respite assessment of the same person a service rests on: its
# choices show (and the preview reads) the dependency and the care level.
ASSESSMENT_LINK = RecordLink(
    field="assessment_uuid",
    target="respite_assessment",
    per=PER_PERSON,
    shows=(("dependency", "dependency"), ("care_level", "care_level")),
    where=(("eligible", (True,)),),
    prompt=_l("请选择此人符合托养条件的评估"),
    hint=_l(
        "只有结论为符合托养条件的托养评估才能安排托养服务;没有时请先填写托养评估表。"
    ),
)

KIND = SurveyKind(
    name=NAME,
    data_form=RespiteServiceDataForm,
    rule=assess_service,
    compute=compute,
    writers=frozenset({"rehab_worker"}),
    person_required=True,
    preview_module="js/surveys/respite_service.js",
    preview_config=preview_config,
    ledger_columns=(
        LedgerColumn(_l("托养方式"), mode),
        LedgerColumn(_l("托养服务机构"), field_value("provider")),
        LedgerColumn(_l("托养开始日期"), field_value("started_on")),
        LedgerColumn(_l("托养结束日期"), field_value("ended_on")),
        LedgerColumn(_l("每月补贴(元)"), subsidy),
        LedgerColumn(_l("正在托养"), in_care),
    ),
    rule_messages={
        "assessment_not_found": _l("找不到此人的这次托养评估。"),
        "assessment_not_eligible": _l("这次托养评估的结论是不符合托养条件。"),
        "started_on_required": _l("请填写开始日期。"),
        "ended_before_start": _l("结束日期不能早于开始日期。"),
        "date": _l("日期格式不正确。"),
        "monthly_subsidy": _l("补贴金额不正确。"),
    },
    vocabularies=("respite_mode", "dependency", "care_level"),
    key_values=key_values,
    as_of=as_of,
    links_to=ASSESSMENT_LINK,
)
