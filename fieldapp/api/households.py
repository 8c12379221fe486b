"""Households: create (idempotent by uuid), list, detail."""

from flask import request
from flask_babel import gettext as _
from flask_login import login_required
from sqlalchemy import select

from fieldapp.api import bp
from fieldapp.api.helpers import int_arg, json_body, user, validated
from fieldapp.api.serializers import household_to_api
from fieldapp.errors import ApiError
from fieldapp.extensions import db
from fieldapp.models import Town
from fieldapp.services import policy
from fieldapp.services.audit import record_event
from fieldapp.services.households import (
    HouseholdConflict,
    create_household,
    get_household,
    search_households,
)
from fieldapp.services.records_summary import records_summary
from forms.households import HouseholdForm
from forms.json import jsonable


def all_town_choices() -> list[tuple[str, str]]:
    """Every town is a valid choice; scope is checked separately (403)."""
    return [(t.code, t.name) for t in db.session.scalars(select(Town))]


@bp.post("/households")
@login_required
def create():
    """Create a household; 200 on identical replay, 409 on other content."""
    payload = json_body()
    form = validated(HouseholdForm, payload, town_choices=all_town_choices())
    data = jsonable(form.data)
    if not policy.may_write_household(user(), data["town_code"]):
        raise ApiError(
            403,
            "town_not_allowed",
            _("您不能在该镇登记住户。"),
            errors={"town_code": [_("不是您负责的镇。")]},
        )
    try:
        household, created = create_household(data, user())
    except HouseholdConflict as exc:
        extra = {}
        if exc.household is not None and policy.may_read_household(
            user(), exc.household
        ):
            extra["current"] = household_to_api(exc.household)
        raise ApiError(
            409, exc.code, _("该 uuid 已用于内容不同的住户。"), extra=extra
        ) from exc
    return household_to_api(household), 201 if created else 200


@bp.get("/households")
@login_required
def index():
    """Households of the caller's towns, searchable, paginated, masked."""
    per_page = int_arg("per_page", 20, maximum=200)
    result = search_households(
        user(),
        q=request.args.get("q", ""),
        town=request.args.get("town", ""),
        page=int_arg("page", 1),
        per_page=per_page,
    )
    return {
        "items": [household_to_api(h) for h in result.items],
        "page": result.page,
        "pages": result.pages,
        "total": result.total,
    }


@bp.get("/households/<uuid>")
@login_required
def detail(uuid: str):
    """One household with members and a summary of its records."""
    household = get_household(uuid, user())
    if household is None:
        raise ApiError(404, "not_found", _("找不到该住户,或它不在您负责的镇。"))
    unmasked = request.args.get("unmasked") == "1"
    if unmasked:
        if not policy.may_unmask(user()):
            raise ApiError(403, "forbidden", _("只有督导和管理员可以查看完整证件号。"))
        record_event("view_unmasked", object_type="household", object_key=uuid)
        db.session.commit()
    body = household_to_api(household, unmasked=unmasked)
    body["records"] = records_summary(household)
    return body
