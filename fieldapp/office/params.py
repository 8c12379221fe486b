"""The office's request arguments: who may look, which town, as of which day."""

from datetime import date

from flask import abort, request
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from fieldapp.domain.dates import FIRST_DAY, ISO_DATE, LAST_DAY
from fieldapp.services import policy
from fieldapp.services.errors import Invalid
from fieldapp.services.readside import Scope, make_scope


def signed_in():
    """The signed-in user object (not the proxy)."""
    return current_user._get_current_object()


def office_user():
    """The signed-in supervisor or admin; 403 for anyone else."""
    if not policy.may_view_office(current_user):
        abort(403)
    return signed_in()


def as_of_arg() -> date | None:
    """`?as_of=YYYY-MM-DD`; empty means today; anything else, or a day
    outside FIRST_DAY…LAST_DAY, is a 422."""
    raw = request.args.get("as_of", "").strip()
    if not raw:
        return None
    try:
        day = date.fromisoformat(raw)
    except ValueError:
        if ISO_DATE.fullmatch(raw):  # the format is right, the day is not
            message = _l("没有这一天:%(day)s。", day=raw)
        else:
            message = _l("日期格式应为 YYYY-MM-DD。")
        raise Invalid({"as_of": [message]}) from None
    if not FIRST_DAY <= day <= LAST_DAY:
        message = _l(
            "日期应在 %(first)s 至 %(last)s 之间。",
            first=FIRST_DAY.isoformat(),
            last=LAST_DAY.isoformat(),
        )
        raise Invalid({"as_of": [message]})
    return day


def request_scope(user) -> Scope:
    """The scope the request asks for (`town`, `as_of`), checked for `user`."""
    return make_scope(user, request.args.get("town", "").strip(), as_of_arg())


def office_scope() -> Scope:
    """The request's scope, for supervisors and admins only."""
    return request_scope(office_user())
