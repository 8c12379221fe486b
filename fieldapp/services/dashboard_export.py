"""The dashboard's table as an XLSX workbook (the same lines as the page)."""

from flask_babel import force_locale
from flask_babel import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from fieldapp.services.dashboard_table import SECTIONS, columns, line_label, value


def write_dashboard_xlsx(body: dict, target, lang: str) -> None:
    """Write the table of a dashboard answer to `target` (path or binary file)."""
    workbook = Workbook()
    sheet = workbook.active
    bold = Font(bold=True)
    heads = columns(body)
    with force_locale(lang):
        sheet.title = _("概况")
        sheet.append([_("截至 %(day)s", day=body["as_of"])])
        sheet.append([_("指标"), *(heading for _code, heading, _f in heads)])
        for cell in sheet[2]:
            cell.font = bold
        for title, lines in SECTIONS:
            sheet.append([str(title)])
            sheet.cell(sheet.max_row, 1).font = bold
            for line in lines:
                label = line_label(line, lang)
                numbers = [value(figures, line) for _code, _h, figures in heads]
                sheet.append([("  " if line.sub else "") + label, *numbers])
                if line.kind == "share":
                    for cell in sheet[sheet.max_row][1:]:
                        cell.number_format = "0%"
    sheet.freeze_panes = "B3"
    sheet.column_dimensions["A"].width = 26
    for index in range(2, len(heads) + 2):
        sheet.column_dimensions[get_column_letter(index)].width = 12
    workbook.save(target)
