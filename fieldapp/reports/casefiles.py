"""A household's case file: the PDF and its browser preview."""

from io import BytesIO

from flask import request, send_file, url_for
from flask_login import current_user, login_required

from fieldapp.printing.casefile import render_case_file, render_case_html
from fieldapp.reports import bp
from fieldapp.services import audit, scoped


def user():
    """The signed-in user object (not the proxy)."""
    return current_user._get_current_object()


def opened(uuid: str, document: str):
    """(household, unmasked) for a case file; every one is logged, full
    numbers (`?unmasked=1`, supervisors and admins) as `view_unmasked`."""
    household = scoped.household(uuid, user())
    detail = {"document": document}
    if request.args.get("unmasked") in ("1", "true"):
        audit.unmask(user(), "household", household.uuid, detail)
        return household, True
    audit.log_access(
        "print", object_type="household", object_key=household.uuid, detail=detail
    )
    return household, False


@bp.get("/households/<uuid>/casefile.pdf")
@login_required
def casefile_pdf(uuid: str):
    """The household's printable case file as a PDF."""
    household, unmasked = opened(uuid, "casefile.pdf")
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
    household, unmasked = opened(uuid, "casefile preview")
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
