"""The ledger's columns: a title and how to get the value from a query row."""

from collections.abc import Callable

from flask_babel import lazy_gettext as _l
from sqlalchemy import Row

from fieldapp.domain.labels import label
from fieldapp.domain.localtime import LOCAL_TZ
from fieldapp.domain.masking import mask_id

LedgerRow = Row
# Which vocabulary a record's `stage` column comes from, by kind.
STAGE_VOCABULARIES = {
    "accessibility_assessment": "accessibility_stage",
    "device_fitting": "device_stage",
}
# Spreadsheets run text starting with these as formulas (CSV/formula injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def text(value) -> str:
    """Typed-in text made inert for spreadsheets: a leading `'` before formulas."""
    value = "" if value is None else str(value)
    return "'" + value if value.startswith(FORMULA_START) else value


def computed(key: str) -> Callable:
    """A computed value as stored (numbers stay numbers)."""
    return lambda row, lang: (row.computed or {}).get(key)


def computed_label(key: str, vocab: str) -> Callable:
    """A computed value in words."""
    return lambda row, lang: label(vocab, (row.computed or {}).get(key), lang)


def yes_no(key: str) -> Callable:
    """A computed boolean as 是 / 否 (empty when absent)."""

    def value(row, lang):
        """是 / 否 (yes / no in English) or empty."""
        found = (row.computed or {}).get(key)
        if found is None:
            return ""
        words = ("yes", "no") if lang == "en" else ("是", "否")
        return words[0] if found else words[1]

    return value


def stage(row, lang) -> str:
    """The record's stage in words, from its kind's vocabulary."""
    vocab = STAGE_VOCABULARIES.get(row.kind)
    if vocab is None or not row.stage:
        return row.stage or ""
    return label(vocab, row.stage, lang)


def captured(row, lang) -> str:
    """Capture time in China time."""
    return row.captured_at.astimezone(LOCAL_TZ).strftime("%Y-%m-%d %H:%M")


def flags(row, lang) -> str:
    """Data-quality flags in words."""
    return "、".join(label("flag", code, lang) for code in row.flags or ())


def device(row, lang) -> str:
    """The fitted device's name (device fittings only)."""
    return (
        text((row.data or {}).get("device_name"))
        if row.kind == "device_fitting"
        else ""
    )


COLUMNS: list[tuple[object, Callable]] = [
    (_l("记录编号"), lambda row, lang: row.uuid),
    (_l("调查类型"), lambda row, lang: label("kind", row.kind, lang)),
    (_l("状态"), lambda row, lang: label("record_status", row.status, lang)),
    (_l("版本"), lambda row, lang: row.version),
    (_l("采集时间"), captured),
    (_l("镇"), lambda row, lang: row.town_name),
    (_l("村(居)"), lambda row, lang: text(row.village)),
    (_l("住户编号"), lambda row, lang: row.household_uuid),
    (_l("户主"), lambda row, lang: text(row.head_name)),
    (_l("调查对象"), lambda row, lang: text(row.person_name)),
    (_l("身份证号(脱敏)"), lambda row, lang: mask_id(row.person_id_number)),
    (_l("房屋等级"), lambda row, lang: row.grade or ""),
    (_l("改造方式"), computed_label("renovation_mode", "renovation_mode")),
    (_l("进度"), stage),
    (_l("预算金额(元)"), computed("estimated_total")),
    (_l("超出上限"), yes_no("over_cap")),
    (_l("坡道合格"), yes_no("ramp_ok")),
    (_l("Barthel 总分"), computed("barthel_total")),
    (_l("依赖程度"), computed_label("dependency", "dependency")),
    (_l("照护等级"), computed("care_level")),
    (_l("符合托养条件"), yes_no("eligible")),
    (_l("辅助器具"), device),
    (_l("下次回访"), computed("next_followup_due")),
    (_l("回访逾期"), yes_no("followup_overdue")),
    (_l("纬度"), lambda row, lang: row.lat),
    (_l("经度"), lambda row, lang: row.lon),
    (_l("定位精度(米)"), lambda row, lang: row.accuracy_m),
    (_l("数据质量提示"), flags),
]
