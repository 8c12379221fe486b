"""The audit log, readable: filter, page through, export (administrators only)."""

from datetime import date

from flask import Response, render_template, request, stream_with_context
from flask_login import current_user
from sqlalchemy import select

from fieldapp.admin import bp
from fieldapp.clock import today
from fieldapp.domain.dates import FIRST_DAY, LAST_DAY
from fieldapp.extensions import db
from fieldapp.models import User
from fieldapp.services.audit import log_access
from fieldapp.services.audit_log import (
    ACTIONS,
    AuditFilter,
    audit_page,
    csv_chunks,
    detail_text,
)
from fieldapp.services.readside import town_options
from fieldapp.services.scoped import NotInScope
from forms.choices import current_language


def day_arg(name: str) -> date | None:
    """A `YYYY-MM-DD` argument within the office's days; anything else is
    ignored (the field shows it)."""
    try:
        day = date.fromisoformat(request.args.get(name, "").strip())
    except ValueError:
        return None
    return day if FIRST_DAY <= day <= LAST_DAY else None


def requested_filter() -> AuditFilter:
    """The filter the form asks for."""
    action = request.args.get("action", "")
    return AuditFilter(
        user=request.args.get("user", "").strip(),
        action=action if action in ACTIONS else "",
        town=request.args.get("town", "").strip(),
        since=day_arg("since"),
        until=day_arg("until"),
    )


@bp.get("/audit")
def audit():
    """Who saw full numbers, exported, printed, reviewed, logged in; newest first."""
    wanted = requested_filter()
    result = audit_page(wanted, request.args.get("page", 1, type=int))
    users = db.session.scalars(select(User.username).order_by(User.username)).all()
    return render_template(
        "admin/audit.html",
        wanted=wanted,
        result=result,
        users=users,
        actions=ACTIONS,
        towns=town_options_for_admin(),
        detail_text=detail_text,
    )


def town_options_for_admin() -> list[tuple[str, str]]:
    """Every town the admin may see (the whole city)."""
    return town_options(current_user._get_current_object())


@bp.get("/audit.csv")
def audit_csv():
    """The filtered log as CSV; the export is itself written to the log."""
    wanted = requested_filter()
    if wanted.town and wanted.town not in dict(town_options_for_admin()):
        raise NotInScope("town")
    log_access(
        "export",
        object_type="audit_log",
        object_key="all",
        detail={
            "document": "audit.csv",
            **{k: str(v) for k, v in vars(wanted).items() if v},
        },
    )
    return Response(
        stream_with_context(csv_chunks(wanted, current_language())),
        mimetype="text/csv",
        headers={
            "Content-Disposition": f"attachment; filename=audit-{today():%Y%m%d}.csv",
            "Cache-Control": "no-store",
        },
    )
