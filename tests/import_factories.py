"""County lists as XLSX bytes for import tests: a valid row per person, any headers."""

import io
from datetime import date

from openpyxl import Workbook

from fieldapp.importing.columns import HEADERS, KEYS
from tests.factories import make_id

_households = iter(range(1, 10**6))


def person_row(register_no: str, **overrides) -> dict:
    """One valid person of 万城镇 (head of household, physical disability level 1)."""
    idn = overrides.pop("id_number", None) or make_id(date(1961, 3, 4))
    row = {
        "register_no": register_no,
        "town": "万城镇",
        "village": "东岭村",
        "address": "东岭村8号",
        "poverty_status": "建档立卡贫困户",
        "name": "王大明",
        "relation": "户主",
        "id_number": idn,
        "disability_card": idn + "41",
        "phone": "13800000000",
        "lat": 18.8,
        "lon": 110.39,
    }
    row.update(overrides)
    return row


def household_rows(
    register_no: str | None = None, members: int = 2, **overrides
) -> list[dict]:
    """A household of `members` persons: a head, then children."""
    key = register_no or f"WN-{next(_households):05d}"
    rows = [person_row(key, **overrides)]
    for index in range(1, members):
        rows.append(
            person_row(
                key,
                name=f"王小{index}",
                relation="子女",
                disability_card="",
                phone="",
                **overrides,
            )
        )
    return rows


def xlsx(rows: list[dict], headers=HEADERS, keys=KEYS, as_number=()) -> bytes:
    """A workbook whose first sheet holds `headers` and the rows' values;
    the columns in `as_number` are stored as numbers, as Excel would."""
    book = Workbook()
    sheet = book.active
    sheet.append(list(headers))
    for row in rows:
        values = []
        for key in keys:
            value = row.get(key)
            if key in as_number and value:
                value = int(value) if str(value).isdigit() else value
            values.append(value)
        sheet.append(values)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
