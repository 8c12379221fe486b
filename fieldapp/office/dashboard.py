"""The dashboard page, the list behind each number, and its XLSX export."""

import tempfile

from flask import abort, render_template, request, send_file
from flask_login import login_required

from fieldapp.office import bp
from fieldapp.office.params import office_scope
from fieldapp.services import policy
from fieldapp.services.audit import log_access
from fieldapp.services.dashboard import dashboard
from fieldapp.services.dashboard_export import write_dashboard_xlsx
from fieldapp.services.dashboard_table import (
    SECTIONS,
    columns,
    formatted,
    line_label,
    value,
)
from fieldapp.services.measures import ROWSETS
from fieldapp.services.office_lists import listing
from fieldapp.services.quality import find
from fieldapp.services.readside import town_options
from forms.choices import current_language

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@bp.get("/dashboard")
@login_required
def dashboard_page():
    """The plan's measures against its targets, by town, with monthly trends."""
    scope = office_scope()
    body = dashboard(scope)
    return render_template(
        "office/dashboard.html",
        body=body,
        scope=scope,
        sections=SECTIONS,
        columns=columns(body),
        towns=town_options(scope.user),
        language=current_language(),
        line_label=line_label,
        value=value,
        formatted=formatted,
    )


def list_title(rowset: str, facet: str) -> str:
    """What the list behind a number is called: its dashboard line's label."""
    lang = current_language()
    for title, lines in SECTIONS:
        for line in lines:
            if line.link == (rowset, facet):
                return f"{title} · {line_label(line, lang)}"
    check = find(rowset, facet)
    return str(check.title) if check else f"{rowset} · {facet}"


@bp.get("/dashboard/list/<rowset>/<facet>")
@login_required
def rows(rowset: str, facet: str):
    """The households, persons or records behind one number."""
    scope = office_scope()
    if rowset not in ROWSETS:
        abort(404)
    try:
        found = listing(rowset, facet, scope, request.args.get("page", 1, type=int))
    except KeyError:
        abort(404)
    return render_template(
        "office/list.html",
        title=list_title(rowset, facet),
        explains=None,
        unit=ROWSETS[rowset].unit,
        result=found,
        scope=scope,
    )


def scope_name(scope) -> str:
    """A file name's word for the scope: a town's code, `city` for the whole
    city, `my-towns` for a supervisor's several towns (not `all`, which they
    are not)."""
    if scope.town:
        return scope.town
    return "city" if policy.sees_whole_city(scope.user) else "my-towns"


@bp.get("/dashboard.xlsx")
@login_required
def export():
    """The dashboard's table as XLSX (written to the audit log as an export)."""
    scope = office_scope()
    body = dashboard(scope, with_trends=False)
    log_access(
        "export",
        object_type="dashboard",
        object_key=scope.town or "all",
        detail={"document": "dashboard.xlsx", "town": scope.town, "as_of": scope.day},
    )
    spool = tempfile.TemporaryFile()  # noqa: SIM115 (send_file closes it)
    write_dashboard_xlsx(body, spool, current_language())
    spool.seek(0)
    name = f"dashboard-{scope_name(scope)}-{scope.as_of:%Y%m%d}.xlsx"
    response = send_file(
        spool, mimetype=XLSX_TYPE, as_attachment=True, download_name=name
    )
    response.headers["Cache-Control"] = "no-store"
    return response
