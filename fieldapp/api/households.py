"""Households: create (idempotent by uuid), list, detail."""

from flask import request
from flask_login import login_required

from fieldapp.api import bp
from fieldapp.api.helpers import int_arg, json_body, user
from fieldapp.api.serializers import household_to_api
from fieldapp.services import audit, households, scoped
from fieldapp.services.household_list import list_page
from fieldapp.services.records_summary import records_summary


@bp.post("/households")
@login_required
def create_household():
    """Create a household; 200 on identical replay, 409 on other content."""
    household, created = households.register(json_body(), user())
    return household_to_api(household), 201 if created else 200


@bp.get("/households")
@login_required
def list_households():
    """Households of the caller's towns, searchable, paginated, masked."""
    per_page = int_arg("per_page", 20, maximum=200)
    result = list_page(
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
def get_household(uuid: str):
    """One household with members and a summary of its records."""
    household = scoped.household(uuid, user())
    unmasked = request.args.get("unmasked") == "1"
    if unmasked:
        audit.unmask(user(), "household", uuid)
    body = household_to_api(household, unmasked=unmasked)
    body["records"] = records_summary(household)
    return body
