"""A household's case file: the PDF and its browser preview."""

from io import BytesIO

from flask import abort, request, send_file, url_for
from flask_login import current_user, login_required

from fieldapp.extensions import db
from fieldapp.printing.casefile import render_case_file, render_case_html
from fieldapp.reports import bp
from fieldapp.services import policy
from fieldapp.services.audit import record_event
from fieldapp.services.households import get_household


def readable_household(uuid: str):
    """The household if it exists in the user's towns; 404 otherwise."""
    household = get_household(uuid, current_user)
    if household is None:
        abort(404)
    return household


def wants_unmasked() -> bool:
    """`?unmasked=1`, allowed only to supervisors and admins (403 otherwise)."""
    if request.args.get("unmasked") not in ("1", "true"):
        return False
    if not policy.may_unmask(current_user):
        abort(403)
    return True


def audit_print(household, unmasked: bool, document: str) -> None:
    """Every case file is logged; full numbers as `view_unmasked`."""
    action = "view_unmasked" if unmasked else "print"
    record_event(
        action,
        object_type="household",
        object_key=household.uuid,
        detail={"document": document},
    )
    db.session.commit()


@bp.get("/households/<uuid>/casefile.pdf")
@login_required
def casefile_pdf(uuid: str):
    """The household's printable case file as a PDF."""
    household = readable_household(uuid)
    unmasked = wants_unmasked()
    audit_print(household, unmasked, "casefile.pdf")
    pdf = render_case_file(household, unmasked=unmasked, printed_by=current_user.name)
    response = send_file(
        BytesIO(pdf),
        mimetype="application/pdf",
        download_name=f"casefile-{household.uuid}.pdf",
        as_attachment=request.args.get("download") == "1",
    )
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/households/<uuid>/casefile")
@login_required
def casefile_preview(uuid: str):
    """The same document in the browser, with a print and a download button."""
    household = readable_household(uuid)
    unmasked = wants_unmasked()
    audit_print(household, unmasked, "casefile preview")
    html = render_case_html(
        household,
        unmasked=unmasked,
        printed_by=current_user.name,
        photo_src=lambda photo: url_for(
            "api.get_photo", uuid=photo.uuid, variant="display"
        ),
        preview=True,
        template="reports/casefile_preview.html",
    )
    return html, 200, {"Cache-Control": "no-store"}
