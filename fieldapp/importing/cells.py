"""One spreadsheet row to clean values: text, known labels, town codes, coordinates.

Only what a cell alone can tell is checked here (an unknown town, a label not
in the list, an ID stored as a number, an unreadable coordinate); the rules of
a household (ID check digit, card against ID, phone, one head) are the
household form's, applied to the whole household later.
"""

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime

from flask_babel import lazy_gettext as _l

from fieldapp.clock import today
from fieldapp.domain.ids import (
    mask_card,
    mask_id,
    mask_name,
    mask_phone,
    normalise_number,
)
from fieldapp.importing.columns import (
    COORDINATE_KEYS,
    POVERTY_BY_LABEL,
    POVERTY_LABELS,
    RELATION_BY_LABEL,
    RELATION_LABELS,
    STATUS_BY_LABEL,
    STATUS_LABELS,
)

DATE_TEXT = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")


@dataclass
class Row:
    """A parsed row: its number in the sheet, clean values and cell errors."""

    number: int
    values: dict
    errors: list[tuple[str, str]] = field(default_factory=list)
    # Each cell as the error table may show it: numbers and names masked.
    shown: dict = field(default_factory=dict)

    def error(self, key: str, message) -> None:
        """Note a problem with one cell."""
        self.errors.append((key, str(message)))


def text(value) -> str:
    """A cell as trimmed text; whole numbers without '.0', NFKC-normalised."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime) and value.time() == datetime.min.time():
        value = value.date()
    if isinstance(value, datetime | date):
        value = value.isoformat()
    return unicodedata.normalize("NFKC", str(value)).strip()


def coordinate(row: Row, key: str, value) -> float | None:
    """A latitude or longitude in decimal degrees; an error when unreadable."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    raw = text(value)
    if not raw:
        return None
    try:
        return float(raw.replace("°", ""))
    except ValueError:
        row.error(key, _l("坐标无法识别:应为十进制度数,如 18.80。"))
        return None


def long_number(row: Row, key: str, value) -> str:
    """An ID or card number; a numeric cell has lost digits in Excel already."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        row.error(
            key,
            _l("该号码被存成了数字,Excel 已丢失末几位:请把此列设为文本后重新填写。"),
        )
        return ""
    return normalise_number(value)


def choice(row: Row, key: str, value, by_label: dict, labels) -> str | None:
    """A label from the form's list (or its key); an error for anything else."""
    raw = text(value)
    if not raw:
        return None
    if raw in by_label:
        return by_label[raw]
    row.error(key, _l("应为以下之一:%(labels)s。", labels="、".join(labels)))
    return None


def day(row: Row, key: str, value) -> date | None:
    """An Excel date cell or YYYY-MM-DD text; an error for anything else."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    raw = text(value)
    if not raw:
        return None
    found = DATE_TEXT.fullmatch(raw)
    try:
        if found is None:
            raise ValueError(raw)
        return date(*(int(part) for part in found.groups()))
    except ValueError:
        row.error(key, _l("日期无法识别:应为 Excel 日期或 2024-03-05 这样的文字。"))
        return None


def status(row: Row, cells: dict) -> tuple[str | None, str | None]:
    """The optional 在户状态 and 状态日期 cells: (status key or None for "leave
    as is", ISO day or None). A day goes with 已去世/已迁出 only, is required
    there, and cannot be after today."""
    key = choice(row, "status", cells.get("status"), STATUS_BY_LABEL, STATUS_LABELS)
    on = day(row, "status_on", cells.get("status_on"))
    if on is not None and on > today():
        row.error("status_on", _l("日期不能晚于今天。"))
        return key, None
    gone = key not in (None, "active")
    if gone and on is None and not text(cells.get("status_on")):
        row.error("status_on", _l("已去世或已迁出须填写状态日期。"))
    elif not gone and on is not None and "status" not in dict(row.errors):
        row.error(
            "status_on",
            _l("状态日期只用于已去世或已迁出:在户的人请清空此格。"),
        )
    return key, on.isoformat() if on else None


def town_code(row: Row, value, towns: dict[str, str]) -> str | None:
    """The town's code from its name or code; an error for an unknown town."""
    raw = text(value)
    if not raw:
        return None
    if raw in towns:
        return towns[raw]
    row.error("town", _l("未知的镇:应为万宁市的镇名或9位代码。"))
    return None


MASKS = {
    "id_number": mask_id,
    "disability_card": mask_card,
    "phone": mask_phone,
    "name": mask_name,
}


def shown(cells: dict) -> dict:
    """The cells as text, personal numbers and names masked."""
    return {
        key: MASKS[key](text(value)) if key in MASKS else text(value)
        for key, value in cells.items()
    }


def parse_row(number: int, cells: dict, towns: dict[str, str]) -> Row:
    """Clean values of one sheet row, with the problems its cells show alone."""
    row = Row(number, {}, shown=shown(cells))
    values = row.values
    values["register_no"] = text(cells["register_no"])
    values["town"] = town_code(row, cells["town"], towns)
    for key in ("village", "address", "name", "phone"):
        values[key] = text(cells[key])
    values["poverty_status"] = choice(
        row, "poverty_status", cells["poverty_status"], POVERTY_BY_LABEL, POVERTY_LABELS
    )
    values["relation"] = choice(
        row, "relation", cells["relation"], RELATION_BY_LABEL, RELATION_LABELS
    )
    values["id_number"] = long_number(row, "id_number", cells["id_number"])
    values["disability_card"] = long_number(
        row, "disability_card", cells["disability_card"]
    )
    for key in COORDINATE_KEYS:
        values[key] = coordinate(row, key, cells[key])
    values["status"], values["status_on"] = status(row, cells)
    if not values["register_no"]:
        row.error(
            "register_no",
            _l(
                "必须填写户编号(同一户的成员填写相同的户编号)。"
                "如果户编号是合并单元格,请取消合并,在每一行都填上户编号。"
            ),
        )
    return row
