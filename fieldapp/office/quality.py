"""The data-quality page: each check with its count, a few items and the full list."""

from flask import abort, render_template, request
from flask_login import login_required

from fieldapp.office import bp
from fieldapp.office.params import office_scope
from fieldapp.services.measures import ROWSETS
from fieldapp.services.office_lists import listing
from fieldapp.services.quality import BY_CODE, CHECKS, explanation
from fieldapp.services.readside import town_options

SHOWN = 5  # items under each check; the full list is one tap away


@bp.get("/quality")
@login_required
def quality_page():
    """Every check: what it finds, how many, the first few with links."""
    scope = office_scope()
    checks = [
        (check, explanation(check), listing(check.rowset, check.facet, scope, 1, SHOWN))
        for check in CHECKS
    ]
    return render_template(
        "office/quality.html",
        checks=checks,
        scope=scope,
        towns=town_options(scope.user),
    )


@bp.get("/quality/<code>")
@login_required
def check_list(code: str):
    """Everything one check finds, a page at a time."""
    scope = office_scope()
    check = BY_CODE.get(code) or abort(404)
    page = request.args.get("page", 1, type=int)
    return render_template(
        "office/list.html",
        title=check.title,
        explains=explanation(check),
        unit=ROWSETS[check.rowset].unit,
        result=listing(check.rowset, check.facet, scope, page),
        scope=scope,
    )
