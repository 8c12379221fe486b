"""Import of the county's lists: the template and the upload (API.md)."""

import tempfile
from urllib.parse import quote

from flask import current_app, request, send_file
from flask_babel import gettext as _
from flask_login import current_user, login_required

from fieldapp.api import bp
from fieldapp.api.helpers import user
from fieldapp.households.imports import uploaded_file
from fieldapp.importing import export, service
from fieldapp.importing.runner import execute_import_job
from fieldapp.services import jobs, policy
from fieldapp.services.errors import Conflict, NotAllowed

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TRUE = ("1", "true", "yes", "on")


def require_import_rights() -> None:
    """403 for roles that may not import."""
    if not policy.may_import(current_user):
        raise NotAllowed("forbidden", _("只有督导和管理员可以导入住户名单。"))


@bp.post("/imports/households")
@login_required
def import_households():
    """Check (`dry_run=1`) or import an XLSX now; 200 with the counts and every
    problem by row and column. Any problem: nothing is written."""
    require_import_rights()
    upload = uploaded_file()
    dry_run = request.form.get("dry_run", "").strip().lower() in TRUE
    job = service.start(user(), upload.stream, upload.filename, dry_run)
    jobs.execute(job, execute_import_job, current_app.config, None)
    if job.status != "done":  # cancelled from the page meanwhile
        raise Conflict("import_cancelled", _("导入已被取消,没有写入任何数据。"))
    return {**job.result, "job": job.uuid}


TEMPLATE_NAME = "住户名单导入模板.xlsx"
TEMPLATE_FALLBACK = "household-import-template.xlsx"


@bp.get("/imports/households/template.xlsx")
@login_required
def import_template():
    """The empty template with its example row and drop-down lists."""
    require_import_rights()
    spool = tempfile.TemporaryFile()  # noqa: SIM115 (send_file closes it)
    export.write_template(spool, user())
    spool.seek(0)
    response = send_file(spool, mimetype=XLSX_TYPE)
    # The Chinese name for browsers, an ASCII one for tools that read only
    # `filename=` (Werkzeug's own fallback of this name is a bare ".xlsx").
    quoted = quote(TEMPLATE_NAME)
    response.headers["Content-Disposition"] = (
        f"attachment; filename=\"{TEMPLATE_FALLBACK}\"; filename*=UTF-8''{quoted}"
    )
    return response
