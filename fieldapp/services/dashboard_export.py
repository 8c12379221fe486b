"""The dashboard's table as an XLSX workbook (the same lines as the page)."""

from flask_babel import force_locale
from flask_babel import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from fieldapp.domain.labels import label
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
    with force_locale(lang):
        write_targets(workbook.create_sheet(_("计划目标")), body, lang)
    workbook.save(target)


def write_targets(sheet, body: dict, lang: str) -> None:
    """The plan's two targets as the dashboard's tiles show them: the figure,
    the target, the deadline, what the straight line to it expects by the day
    and the flag (a town's renovations are not flagged: 200 is the city's)."""
    housing, respite = body["housing"], body["respite"]
    bold = Font(bold=True)
    sheet.append([_("截至 %(day)s", day=body["as_of"])])
    sheet.append(
        [_("指标"), _("当前"), _("目标"), _("计划截止"), _("按进度应达到"), _("状态")]
    )
    for cell in sheet[2]:
        cell.font = bold
    housing_flag = (
        label("target_flag", housing["flag"], lang)
        if housing["whole_city"]
        else _("目标为全市合计")
    )
    sheet.append(
        [
            _("危房改造(验收+拨付,户)"),
            housing["renovated"],
            housing["target"],
            housing["deadline"],
            round(housing["expected"]),
            housing_flag,
        ]
    )
    sheet.append(
        [
            _("托养服务覆盖率"),
            respite["coverage"],
            respite["target"],
            respite["deadline"],
            respite["expected"],
            label("target_flag", respite["flag"], lang),
        ]
    )
    for column in "BCE":
        sheet[f"{column}4"].number_format = "0%"
    sheet.append([_("符合托养条件(人)"), respite["eligible"]])
    sheet.append([_("正在接受服务(人)"), respite["served"]])
    sheet.column_dimensions["A"].width = 28
    for column in "BCDEF":
        sheet.column_dimensions[column].width = 14
