"""The dashboard as a table: its lines, each with the list behind it.

The page and the XLSX export show the same lines in the same order: sections of
measures, one column for the whole scope and one per town.
"""

from dataclasses import dataclass
from functools import reduce

from flask_babel import lazy_gettext as _l

from fieldapp.domain.accessibility import STAGES as ACCESSIBILITY_STAGES
from fieldapp.domain.labels import label
from fieldapp.services.measures import GRADES, RENOVATION_STAGES


@dataclass(frozen=True)
class Line:
    """One measure: its label, where it is in the figures, the list behind it."""

    label: object
    path: tuple[str, ...]
    link: tuple[str, str] | None
    kind: str = "count"  # count | money | share
    sub: bool = False  # a breakdown of the line above


def vocab_line(vocab: str, key: str, path, link) -> Line:
    """A breakdown line labelled from a domain vocabulary (in the user's language)."""
    return Line((vocab, key), path, link, sub=True)


SECTIONS: list[tuple[object, list[Line]]] = [
    (
        _l("住户与人员"),
        [
            Line(_l("登记住户"), ("households",), ("households", "all")),
            Line(_l("在册人员"), ("persons",), ("persons", "all")),
            Line(_l("持残疾人证"), ("persons_with_card",), ("persons", "with_card")),
        ],
    ),
    (
        _l("危房鉴定与改造"),
        [
            Line(_l("已鉴定住户"), ("housing", "inspected"), ("housing", "all")),
            *(
                vocab_line(
                    "house_grade",
                    g,
                    ("housing", "by_grade", g),
                    ("housing", f"grade_{g}"),
                )
                for g in GRADES
            ),
            Line(
                _l("C/D级未立项改造"),
                ("housing", "without_renovation"),
                ("housing", "without_renovation"),
            ),
            *(
                vocab_line(
                    "renovation_stage",
                    s,
                    ("housing", "renovation", s),
                    ("renovations", f"stage_{s}"),
                )
                for s in RENOVATION_STAGES
            ),
            Line(
                _l("完成改造(验收+拨付)"),
                ("housing", "renovated"),
                ("renovations", "renovated"),
            ),
        ],
    ),
    (
        _l("无障碍改造"),
        [
            Line(
                _l("已评估住户"),
                ("accessibility", "assessed"),
                ("accessibility", "all"),
            ),
            *(
                vocab_line(
                    "accessibility_stage",
                    s,
                    ("accessibility", "by_stage", s),
                    ("accessibility", f"stage_{s}"),
                )
                for s in ACCESSIBILITY_STAGES
            ),
            Line(
                _l("预算合计(元)"),
                ("accessibility", "estimated_total"),
                ("accessibility", "estimated_total"),
                kind="money",
            ),
            Line(
                _l("已拨付项目预算(元)"),
                ("accessibility", "paid_total"),
                ("accessibility", "paid_total"),
                kind="money",
            ),
        ],
    ),
    (
        _l("辅助器具"),
        [
            Line(_l("已适配"), ("devices", "fitted"), ("devices", "all")),
            Line(
                _l("回访逾期"),
                ("devices", "followup_overdue"),
                ("devices", "followup_overdue"),
            ),
            Line(
                _l("90天内到期更换"),
                ("devices", "replacement_due_90d"),
                ("devices", "replacement_due"),
            ),
        ],
    ),
    (
        _l("托养服务"),
        [
            Line(_l("已评估人员"), ("respite", "assessed"), ("respite", "assessed")),
            Line(_l("符合托养条件"), ("respite", "eligible"), ("respite", "eligible")),
            Line(_l("正在接受服务"), ("respite", "served"), ("respite", "served")),
            Line(_l("覆盖率"), ("respite", "coverage"), None, kind="share"),
        ],
    ),
]


def line_label(line: Line, lang: str) -> str:
    """The line's label in the user's language."""
    if isinstance(line.label, tuple):
        return label(*line.label, lang)
    return str(line.label)


def value(figures: dict, line: Line):
    """The line's number in one column's figures."""
    return reduce(lambda found, key: found[key], line.path, figures)


def columns(body: dict) -> list[tuple[str | None, str, dict]]:
    """(town code or None, heading, figures) for the whole scope, then each town."""
    whole = (None, str(_l("合计")), body)
    return [whole, *((t["code"], t["name"], t) for t in body["by_town"])]


def formatted(number, kind: str) -> str:
    """A number as the table shows it."""
    if number is None:
        return "—"
    if kind == "share":
        return f"{number:.0%}"
    if kind == "money":
        return f"{number:,.0f}"
    return f"{number:,}"
