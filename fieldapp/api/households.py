"""Households: create (idempotent by uuid), list, detail."""

from datetime import date

from flask import request
from flask_login import login_required

from fieldapp import clock
from fieldapp.api import bp
from fieldapp.api.helpers import int_arg, json_body, user
from fieldapp.api.serializers import household_to_api, link_to_api
from fieldapp.services import audit, households, scoped
from fieldapp.services.household_list import list_page
from fieldapp.services.record_links import household_links
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
    """Households of the caller's towns, searchable, paginated, masked; each with
    the records a new record of the caller's kinds may link to (`links`)."""
    per_page = int_arg("per_page", 20, maximum=200)
    result = list_page(
        user(),
        q=request.args.get("q", ""),
        town=request.args.get("town", ""),
        page=int_arg("page", 1),
        per_page=per_page,
    )
    links = household_links(result.items, user())
    today = clock.today()  # one day for every age on the page
    return {
        "items": [with_links(h, links, today=today) for h in result.items],
        "page": result.page,
        "pages": result.pages,
        "total": result.total,
    }


def with_links(
    household, links: dict, unmasked: bool = False, today: date | None = None
) -> dict:
    """A household as the API shows it, with its `links` choices."""
    body = household_to_api(household, unmasked=unmasked, today=today)
    body["links"] = [link_to_api(c) for c in links.get(household.id, [])]
    return body


@bp.get("/households/<uuid>")
@login_required
def get_household(uuid: str):
    """One household with members and a summary of its records."""
    household = scoped.household(uuid, user())
    unmasked = request.args.get("unmasked") == "1"
    if unmasked:
        audit.unmask(user(), "household", uuid)
    links = household_links([household], user())
    body = with_links(household, links, unmasked)
    body["records"] = records_summary(household)
    return body
