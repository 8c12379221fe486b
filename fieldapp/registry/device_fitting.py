"""Assistive-device fitting (DOMAIN §3) as the registry describes it."""

from collections.abc import Mapping
from dataclasses import asdict

from flask_babel import lazy_gettext as _l

from fieldapp.domain.devices import (
    DEFAULT_SERVICE_LIFE_YEARS,
    FITTED_STAGES,
    FOLLOWUP_MONTHS,
    STAGES,
    assess_device,
    load_devices,
)
from fieldapp.domain.stages import device_stage_check
from fieldapp.registry.columns import LedgerColumn, computed, computed_yes_no, text
from fieldapp.registry.context import SurveyContext
from fieldapp.registry.kind import SurveyKind, indexed_stage
from fieldapp.registry.summary import KeyValues, words
from forms.device_fitting import DeviceDataForm

NAME = "device_fitting"


def compute(data: dict, ctx: SurveyContext) -> dict:
    """Replacement and follow-up dates; overdue as of today (API.md)."""
    return assess_device(data, today=ctx.as_of)


def as_of(data: dict, stored: dict, today) -> dict:
    """The follow-up schedule and `followup_overdue` again for `today` (API.md:
    overdue means today, wherever it is shown), from the record's own dates."""
    return assess_device(data, today=today)


def preview_config(config: Mapping) -> dict:
    """The device catalogue, the default service life, the follow-up schedule
    and the workflow's stages."""
    return {
        "devices": {
            "default_service_life": DEFAULT_SERVICE_LIFE_YEARS,
            "items": {code: asdict(d) for code, d in load_devices().items()},
            "followup_months": list(FOLLOWUP_MONTHS),
            "stages": list(STAGES),
            "fitted_stages": list(FITTED_STAGES),
        }
    }


def device_name(row, lang) -> str:
    """The fitted device's name (device fittings only)."""
    return text((row.data or {}).get("device_name")) if row.kind == NAME else ""


def key_values(computed: dict, data: dict) -> KeyValues:
    """The device, its stage and the next follow-up."""
    return [
        (str(_l("器具")), data.get("device_name") or data.get("device_code") or "—"),
        (str(_l("进度")), words("device_stage", data.get("stage"))),
        (str(_l("下次回访")), computed.get("next_followup_due") or "—"),
    ]


KIND = SurveyKind(
    name=NAME,
    data_form=DeviceDataForm,
    rule=assess_device,
    compute=compute,
    writers=frozenset({"rehab_worker"}),
    person_required=True,
    preview_module="js/surveys/device_fitting.js",
    preview_config=preview_config,
    stages=STAGES,
    stage_vocabulary="device_stage",
    indexed=indexed_stage,
    check_update=device_stage_check,
    row_lists=("followups",),
    ledger_columns=(
        LedgerColumn(_l("辅助器具"), device_name),
        LedgerColumn(_l("下次回访"), computed("next_followup_due")),
        LedgerColumn(_l("回访逾期"), computed_yes_no("followup_overdue")),
    ),
    rule_messages={
        "fitted_on_required": _l("已适配的器具需要填写适配日期。"),
        "followup_before_fitting": _l("回访日期不能早于适配日期。"),
        "date": _l("日期格式不正确。"),
        "service_life": _l("使用年限不正确。"),
    },
    vocabularies=("device_stage",),
    key_values=key_values,
    as_of=as_of,
)
