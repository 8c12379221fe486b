"""Ledger exports under /api/v1/exports: CSV streamed, XLSX from a temporary file."""

import tempfile

from flask import Response, request, send_file, stream_with_context
from flask_babel import gettext as _
from flask_login import current_user, login_required

from fieldapp import clock
from fieldapp.errors import ApiError
from fieldapp.extensions import db
from fieldapp.importing.export import write_households
from fieldapp.models import Town
from fieldapp.reports import bp
from fieldapp.services import policy
from fieldapp.services.audit import log_access
from fieldapp.services.ledger import csv_chunks, ledger_rows, write_xlsx
from forms.choices import current_language

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def export_town() -> str | None:
    """The `town` argument, checked: 403 without export rights, 404 outside scope."""
    if not policy.may_export(current_user):
        raise ApiError(403, "forbidden", _("您没有权限执行此操作。"))
    town = request.args.get("town", "").strip() or None
    if town is not None and (
        db.session.get(Town, town) is None or not policy.in_scope(current_user, town)
    ):
        raise ApiError(404, "not_found", _("找不到该对象,或它不在您负责的镇。"))
    return town


def start_export(document: str) -> tuple[str | None, str]:
    """Check the request, write the audit entry, and name the download."""
    town = export_town()
    log_access(
        "export",
        object_type="ledger",
        object_key=town or "all",
        detail={"document": document, "town": town},
    )
    stem, ext = document.rsplit(".", 1)
    return town, f"{stem}-{town or 'all'}-{clock.today():%Y%m%d}.{ext}"


@bp.get("/api/v1/exports/ledger.csv")
@login_required
def ledger_csv():
    """The ledger as UTF-8 CSV with a BOM, streamed row batch by row batch."""
    town, filename = start_export("ledger.csv")
    user = current_user._get_current_object()
    chunks = csv_chunks(ledger_rows(user, town), current_language())
    return Response(
        stream_with_context(chunks),
        mimetype="text/csv",
        headers={
            "Content-Disposition": f"attachment; filename={filename}",
            "Cache-Control": "no-store",
        },
    )


@bp.get("/api/v1/exports/ledger.xlsx")
@login_required
def ledger_xlsx():
    """The ledger as an XLSX workbook (written to a temporary file, then sent)."""
    town, filename = start_export("ledger.xlsx")
    user = current_user._get_current_object()
    spool = tempfile.TemporaryFile()  # noqa: SIM115 (send_file closes it)
    write_xlsx(ledger_rows(user, town), spool, current_language())
    spool.seek(0)
    response = send_file(
        spool, mimetype=XLSX_TYPE, as_attachment=True, download_name=filename
    )
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/api/v1/exports/households.xlsx")
@login_required
def households_xlsx():
    """The households in the import template's layout (one row per person, full
    ID, card and phone numbers), to correct in Excel and import again. Written
    to the audit log as an export of full numbers."""
    town = export_town()
    log_access(
        "export",
        object_type="households",
        object_key=town or "all",
        detail={"document": "households.xlsx", "town": town, "unmasked": True},
    )
    user = current_user._get_current_object()
    spool = tempfile.TemporaryFile()  # noqa: SIM115 (send_file closes it)
    write_households(spool, user, town)
    spool.seek(0)
    filename = f"households-{town or 'all'}-{clock.today():%Y%m%d}.xlsx"
    response = send_file(
        spool, mimetype=XLSX_TYPE, as_attachment=True, download_name=filename
    )
    response.headers["Cache-Control"] = "no-store"
    return response
