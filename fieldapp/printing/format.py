"""Small formatters the case-file templates call as `fmt.<name>(...)`."""

import re

from flask_babel import gettext as _
from jinja2 import Undefined
from markupsafe import Markup

from fieldapp.domain.accessibility import load_items
from fieldapp.domain.barthel import BARTHEL_ITEMS, BARTHEL_LABELS
from fieldapp.domain.labels import label
from fieldapp.i18n import current_language

BARTHEL_ORDER = tuple(BARTHEL_ITEMS)


lang = current_language


def missing(value) -> bool:
    """None, empty text, or a key the record does not have (Jinja's Undefined)."""
    return value is None or value == "" or isinstance(value, Undefined)


def yuan(value) -> str:
    """Money as `1,500.00 元`; empty for missing values."""
    if missing(value):
        return ""
    amount = f"{float(value):,.2f}"
    return _("%(amount)s 元", amount=amount)


def number(value, places: int = 2) -> str:
    """A number without trailing zeros (`0.45`, `6`); empty for missing values."""
    if missing(value):
        return ""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    return f"{value:.{places}f}".rstrip("0").rstrip(".")


def yesno(value) -> str:
    """是 / 否, or empty when the value is missing."""
    if missing(value):
        return ""
    return _("是") if value else _("否")


def slope(value) -> str:
    """A ramp slope as `1:13.3 (0.0750)`."""
    if missing(value) or not value:
        return ""
    return f"1:{1 / float(value):.1f} ({float(value):.4f})"


def position(lat, lon, accuracy_m=None) -> str:
    """`18.80000, 110.39000 (±12 m)`; `未定位` without coordinates."""
    if missing(lat) or missing(lon):
        return _("未定位")
    text = f"{lat:.5f}, {lon:.5f}"
    if not missing(accuracy_m):
        text += f" (±{round(accuracy_m)} m)"
    return text


def item_name(code: str) -> str:
    """The renovation item's catalogue name, or its code when unknown."""
    item = load_items().get(code)
    if item is None:
        return str(code)
    return item.name_en if lang() == "en" else item.name


def item_unit(code: str) -> str:
    """The renovation item's unit in words."""
    item = load_items().get(code)
    return label("accessibility_unit", item.unit, lang()) if item else ""


def line_total(line: dict) -> str:
    """quantity × unit cost of one item line (the catalogue cost by default)."""
    item = load_items().get(line.get("code"))
    unit_cost = line.get("unit_cost")
    if unit_cost is None and item is not None:
        unit_cost = item.default_unit_cost
    if missing(unit_cost) or missing(line.get("quantity")):
        return ""
    return yuan(line["quantity"] * unit_cost)


def barthel_item(name: str) -> str:
    """A Barthel item's Chinese name."""
    entry = BARTHEL_LABELS.get(name)
    if entry is None:
        return name
    return entry.en if lang() == "en" else entry.zh


def barthel_meaning(name: str, score) -> str:
    """What a Barthel item score means, in Chinese."""
    entry = BARTHEL_LABELS.get(name)
    return entry.scores.get(score, "") if entry else ""


def member_kind(key: str) -> str:
    """A JGJ 125 member kind in Chinese."""
    return label("member_type", key, lang())


def area_cap(value) -> str:
    """A (min, max) floor-area range in m²."""
    if missing(value) or not value:
        return ""
    low, high = value
    return _("%(low)s–%(high)s 平方米", low=number(low), high=number(high))


def flags(codes) -> list[str]:
    """Flag codes in words."""
    return [label("flag", code, lang()) for code in codes or ()]


def decision(value: str) -> str:
    """A review decision in words."""
    words = {"approve": _("通过"), "return": _("退回"), "reopen": _("重新打开")}
    return words.get(value, value or "")


def ramp_advice(code) -> str:
    """What to do about a ramp that fails the check."""
    words = {
        "too_steep": _("坡度超过 1:8,需改线或改用升降设备"),
        "add_landing": _("高差超过单段限值,需加设休息平台"),
    }
    return words.get(code, code or "")


def css_string(text) -> Markup:
    """Text as a CSS string literal, safe inside a <style> element."""
    escaped = str(text).replace("\\", "\\\\").replace('"', '\\"')
    escaped = escaped.replace("<", "\\3c ").replace("\n", " ")
    return Markup(f'"{escaped}"')


def css_counters(text) -> Markup:
    """CSS `content` from text whose `%(page)s` / `%(pages)s` became markers.

    `_('第 %(page)s 页 / 共 %(pages)s 页', page=PAGE, pages=PAGES)` keeps the
    sentence translatable; the markers turn into `counter(page)` and
    `counter(pages)`.
    """
    parts = re.split(r"\x00(page|pages)\x00", str(text))
    out = []
    for index, part in enumerate(parts):
        if index % 2:
            out.append(f"counter({part})")
        elif part:
            out.append(css_string(part))
    return Markup(" ".join(out))


PAGE = "\x00page\x00"
PAGES = "\x00pages\x00"
