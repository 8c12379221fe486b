"""Formatters every document calls as `fmt.<name>(...)`: the record page and the
printed case file show a kind's values with the same words and numbers."""

from flask_babel import gettext as _
from jinja2 import Undefined

from fieldapp.domain.accessibility import load_items
from fieldapp.domain.barthel import BARTHEL_ITEMS, BARTHEL_LABELS
from fieldapp.domain.devices import load_devices
from fieldapp.domain.housing import COMPONENTS as HOUSING_COMPONENTS
from fieldapp.domain.jgj125 import MEMBER_WEIGHTS
from fieldapp.domain.labels import label, yes_no
from fieldapp.i18n import current_language

# The order in which presentations list Barthel items, housing components and
# JGJ 125 member types.
BARTHEL_ORDER = tuple(BARTHEL_ITEMS)
COMPONENTS = HOUSING_COMPONENTS
MEMBER_TYPES = tuple(MEMBER_WEIGHTS)

lang = current_language


def missing(value) -> bool:
    """None, empty text, or a key the record does not have (Jinja's Undefined)."""
    return value is None or value == "" or isinstance(value, Undefined)


def yesno(value) -> str:
    """是 / 否 (yes / no in English), or empty when the value is missing."""
    return "" if missing(value) else yes_no(value, lang())


def amount(value) -> str:
    """Money in a column headed 元: `1,500.00`; empty for missing values."""
    return "" if missing(value) else f"{float(value):,.2f}"


def yuan(value) -> str:
    """Money as `1,500.00 元`; empty for missing values."""
    return "" if missing(value) else _("%(amount)s 元", amount=amount(value))


def number(value, places: int = 2) -> str:
    """A number without trailing zeros (`0.45`, `6`); empty for missing values."""
    if missing(value):
        return ""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    return f"{value:.{places}f}".rstrip("0").rstrip(".")


def percent(ratio) -> str:
    """A ratio as a percentage with two decimals (`28.91 %`)."""
    return "" if missing(ratio) else f"{float(ratio) * 100:.2f} %"


def area_cap(value) -> str:
    """A (min, max) floor-area range as `40–60 m²`."""
    if missing(value) or not value:
        return ""
    low, high = value
    return f"{number(low)}–{number(high)} m²"


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


def unit_cost(line: dict):
    """The line's unit cost: its own, else the catalogue's default, else None."""
    if line.get("unit_cost") is not None:
        return line["unit_cost"]
    item = load_items().get(line.get("code"))
    return item.default_unit_cost if item else None


def line_total(line: dict) -> str:
    """quantity × unit cost of one item line (the catalogue cost by default)."""
    cost = unit_cost(line)
    if missing(cost) or missing(line.get("quantity")):
        return ""
    return amount(line["quantity"] * cost)


def device_system(code: str) -> str:
    """The classification (ISO 9999 edition) of a catalogue device's code."""
    device = load_devices().get(code)
    return device.code_system if device else ""


def barthel_meaning(name: str, score) -> str:
    """What a Barthel item score means (the scale is written in Chinese)."""
    entry = BARTHEL_LABELS.get(name)
    return entry.scores.get(score, "") if entry else ""


def flags(codes) -> list[str]:
    """Flag codes in words."""
    return [label("flag", code, lang()) for code in codes or ()]


def decision(value: str) -> str:
    """A review decision in words."""
    words = {"approve": _("通过"), "return": _("退回"), "reopen": _("重新打开")}
    return words.get(value, value or "")
