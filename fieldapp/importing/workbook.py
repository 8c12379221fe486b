"""Reading and writing the county list's XLSX: streamed both ways (openpyxl
read-only and write-only), so memory does not grow with the file."""

import zipfile
from collections.abc import Iterable, Iterator
from contextlib import closing
from pathlib import Path

from flask_babel import lazy_gettext as _l
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from fieldapp.importing.columns import (
    COLUMNS,
    HEADERS,
    KEYS,
    POVERTY_LABELS,
    RELATION_LABELS,
    REQUIRED_HEADERS,
    STATUS_LABELS,
)

SHEET = "住户名单"
OPTIONS_SHEET = "选项"
WIDTHS = {"address": 28, "id_number": 22, "disability_card": 24, "phone": 14}
NUMBER_FORMATS = {"lat": "General", "lon": "General", "status_on": "yyyy-mm-dd"}
# Shown by Excel when a cell of the status column is selected (the template's note).
STATUS_PROMPT = _l(
    "留空:已登记的人不变,新登记的人为在户。已去世或已迁出须在“状态日期”填日期"
    "(不晚于今天);在户的人不填日期。"
)
# Blank rows tolerated beyond the data limit (sheets formatted to the bottom).
BLANK_ROWS_ALLOWED = 10000


class BadFile(Exception):
    """The upload is not a readable county list; nothing is written."""

    def __init__(self, code: str, message):
        super().__init__(code)
        self.code = code
        self.message = str(message)


def check_archive(path: Path, max_unzipped: int) -> None:
    """An XLSX is a ZIP: refuse other files, and ZIPs that unpack too large."""
    if not zipfile.is_zipfile(path):
        raise BadFile(
            "not_xlsx", _l("文件不是 Excel 工作簿(.xlsx)。旧版 .xls 请先另存为 .xlsx。")
        )
    with zipfile.ZipFile(path) as archive:
        unpacked = sum(info.file_size for info in archive.infolist())
    if unpacked > max_unzipped:
        raise BadFile("too_large", _l("工作簿解压后太大,请拆分后分批导入。"))


def header_index(header) -> dict[str, int]:
    """Column positions by key (the optional columns only when present);
    BadFile naming missing, renamed or repeated columns."""
    found = [str(v).strip() if v is not None else "" for v in (header or ())]
    if not any(found):
        raise BadFile("empty_sheet", _l("第一个工作表是空的:第1行应为列名。"))
    repeated = sorted({h for h in found if h and found.count(h) > 1})
    if repeated:
        raise BadFile(
            "repeated_columns", _l("列名重复:%(names)s。", names="、".join(repeated))
        )
    missing = [h for h in REQUIRED_HEADERS if h not in found]
    if missing:
        unknown = [h for h in found if h and h not in HEADERS]
        message = _l("缺少列:%(missing)s。", missing="、".join(missing))
        if unknown:
            message = _l(
                "缺少列:%(missing)s(表中有未知的列:%(unknown)s,是否改了列名?)。",
                missing="、".join(missing),
                unknown="、".join(unknown),
            )
        raise BadFile("missing_columns", message)
    return {key: found.index(header) for key, header in COLUMNS if header in found}


def read_rows(
    path: Path, max_rows: int, max_unzipped: int
) -> Iterator[tuple[int, dict]]:
    """(row number, {key: cell value}) for each data row of the first sheet;
    blank rows are skipped. BadFile for anything that is not a county list."""
    check_archive(path, max_unzipped)
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise BadFile(
            "not_xlsx", _l("无法读取该 Excel 文件,请用 Excel 另存后重试。")
        ) from exc
    with closing(book):
        sheet = book.worksheets[0]
        sheet.reset_dimensions()  # some writers store a wrong used range
        rows = sheet.iter_rows(values_only=True)
        index = header_index(next(rows, None))
        data = 0
        for number, values in enumerate(rows, start=2):
            cells = {
                k: values[i] if i < len(values) else None for k, i in index.items()
            }
            if all(v is None or str(v).strip() == "" for v in cells.values()):
                if number > max_rows + BLANK_ROWS_ALLOWED:
                    raise BadFile(
                        "too_many_rows", _l("表格行数过多(含空行),请删除多余的行。")
                    )
                continue
            data += 1
            if data > max_rows:
                raise BadFile(
                    "too_many_rows",
                    _l("一次最多导入 %(n)s 行,请拆分文件。", n=max_rows),
                )
            yield number, cells
    if data == 0:
        raise BadFile("no_rows", _l("工作表只有列名,没有数据行。"))


def _options(book: Workbook, towns: list[str]) -> list[tuple[str, DataValidation]]:
    """The hidden sheet of drop-down values and a validation per choice column."""
    sheet = book.create_sheet(OPTIONS_SHEET)
    sheet.sheet_state = "hidden"
    lists = (
        ("town", towns),
        ("poverty_status", POVERTY_LABELS),
        ("relation", RELATION_LABELS),
        ("status", STATUS_LABELS),
    )
    longest = max(len(values) for _key, values in lists)
    sheet.append([key for key, _values in lists])
    for i in range(longest):
        sheet.append([values[i] if i < len(values) else None for _k, values in lists])
    made = []
    for position, (key, values) in enumerate(lists, start=1):
        letter = get_column_letter(position)
        rule = DataValidation(
            type="list",
            formula1=f"'{OPTIONS_SHEET}'!${letter}$2:${letter}${len(values) + 1}",
            allow_blank=True,
            showErrorMessage=True,
            error=str(_l("请从下拉列表中选择。")),
        )
        if key == "status":
            rule.showInputMessage = True
            rule.promptTitle = str(_l("在户状态"))
            rule.prompt = str(STATUS_PROMPT)
        made.append((key, rule))
    return made


def write_sheet(stream, rows: Iterable[dict], towns: list[str], max_rows: int) -> None:
    """The layout with `rows` ({key: value}): bold frozen header, text cells for
    long numbers, a date format for the status day, drop-down lists for town,
    poverty type, relation and status."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(SHEET)
    sheet.freeze_panes = "A2"
    for position, key in enumerate(KEYS, start=1):
        column = sheet.column_dimensions[get_column_letter(position)]
        column.width = WIDTHS.get(key, 12)
        # The whole column, not only the written rows: a number typed in Excel
        # on a new row stays text (an ID typed as a number loses digits).
        column.number_format = NUMBER_FORMATS.get(key, "@")
    for key, rule in _options(book, towns):
        letter = get_column_letter(KEYS.index(key) + 1)
        rule.add(f"{letter}2:{letter}{max_rows + 1}")
        sheet.data_validations.append(rule)
    sheet.append([_cell(sheet, header, bold=True) for header in HEADERS])
    for row in rows:
        sheet.append(
            [
                _cell(sheet, row.get(key), number_format=NUMBER_FORMATS.get(key, "@"))
                for key in KEYS
            ]
        )
    book.save(stream)


def _cell(
    sheet, value, number_format: str | None = None, bold: bool = False
) -> WriteOnlyCell:
    """One cell; text cells are formatted `@` so Excel keeps long numbers whole,
    and text is always stored as text: an address typed as `=HYPERLINK(…)` stays
    the words typed, never a live formula next to full ID numbers."""
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str):
        cell.data_type = "s"
    if number_format:
        cell.number_format = number_format
    if bold:
        cell.font = Font(bold=True)
    return cell
