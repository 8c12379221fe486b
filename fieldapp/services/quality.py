"""Data-quality checks: each a facet of a row set, with a count and its items.

The contract's five codes come first (API.md "The office"); the rest are what a
supervisor also asked for. Each check says what it finds in one line.
"""

from dataclasses import dataclass

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from fieldapp.extensions import db
from fieldapp.models import Household, Person, Record
from fieldapp.services.measures import members
from fieldapp.services.readside import Scope


@dataclass(frozen=True)
class Check:
    """One check: its code, the facet it counts and what it finds."""

    code: str
    title: object
    rowset: str
    facet: str
    explains: object


CHECKS = (
    Check(
        "gps_flagged",
        _l("定位存疑"),
        "records",
        "gps_flagged",
        _l("定位缺失、精度差于50米、在万宁市外或离住户超过500米的记录(退回的除外)。"),
    ),
    Check(
        "followup_overdue",
        _l("辅具回访逾期"),
        "devices",
        "followup_overdue",
        _l("辅具下次回访日期已过、尚未结案的适配记录。"),
    ),
    Check(
        "dangerous_without_renovation",
        _l("C/D级危房未改造"),
        "housing",
        "without_renovation",
        _l("最近一次鉴定为C级或D级、还没有危房改造记录的住户。"),
    ),
    Check(
        "eligible_without_service",
        _l("符合条件未享受托养"),
        "respite",
        "without_service",
        _l(
            "已评估、按当天的登记信息(残疾人证、年龄、贫困类型)符合托养条件,但当天没有在接受托养服务的人员。"
        ),
    ),
    Check(
        "never_visited",
        _l("从未走访"),
        "households",
        "never_visited",
        _l("已登记但还没有任何调查记录的住户。"),
    ),
    Check(
        "method_out_of_scope",
        _l("鉴定方法不适用"),
        "records",
        "method_out_of_scope",
        _l("按2019导则鉴定的3层及以上房屋(应按 JGJ 125 鉴定;退回的除外)。"),
    ),
    Check(
        "review_waiting",
        _l("长时间等待审核"),
        "records",
        "review_waiting",
        _l("提交后超过%(days)s天仍在等待审核的记录。"),
    ),
    Check(
        "service_open_after_leaving",
        _l("托养服务未结束"),
        "records",
        "service_open_after_leaving",
        _l(
            "人员已去世或迁出,但托养服务没有结束日期(或结束日期在其后)的服务记录:请补填结束日期。"
        ),
    ),
    Check(
        "card_id_mismatch",
        _l("证件号不一致"),
        "persons",
        "card_mismatch",
        _l("残疾人证号前18位与身份证号不一致的人员。"),
    ),
    Check(
        "without_location",
        _l("没有位置"),
        "households",
        "without_location",
        _l("没有登记位置的住户,地图上不会显示。"),
    ),
)
BY_CODE = {check.code: check for check in CHECKS}


def explanation(check: Check) -> str:
    """The check's one line, with its configured number of days."""
    return str(check.explains) % {"days": current_app.config["REVIEW_WAITING_DAYS"]}


def item_uuids(check: Check, scope: Scope) -> list[dict]:
    """The uuids of the household, record and person each item is about."""
    rows, stmt = members(check.rowset, check.facet, scope)
    found = stmt.subquery()
    query = (
        select(Household.uuid, Record.uuid, Person.uuid)
        .select_from(found)
        .join(Household, Household.id == found.c.household_id)
        .outerjoin(Record, Record.id == found.c.record_id)
        .outerjoin(Person, Person.id == found.c.person_id)
        .order_by(Household.town_code, Household.village, Household.id, Record.id)
    )
    return [
        {"household_uuid": h, "record_uuid": r, "person_uuid": p}
        for h, r, p in db.session.execute(query)
    ]


def find(rowset: str, facet: str) -> Check | None:
    """The check that lists this facet, if any."""
    return next((c for c in CHECKS if (c.rowset, c.facet) == (rowset, facet)), None)


def quality_checks(scope: Scope) -> list[dict]:
    """Every check: code, count, items (uuids only) and its one-line explanation."""
    checks = []
    for check in CHECKS:
        items = item_uuids(check, scope)
        checks.append(
            {
                "code": check.code,
                "count": len(items),
                "explains": explanation(check),
                "items": items,
            }
        )
    return checks
