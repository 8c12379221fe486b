"""The import page: the template, an upload checked as a dry run in the
background (with a progress bar and the problems by row), then the import."""

from flask import (
    abort,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy.exc import OperationalError
from werkzeug.exceptions import RequestEntityTooLarge

from fieldapp.errors import http_error
from fieldapp.extensions import db
from fieldapp.households import bp
from fieldapp.importing import service
from fieldapp.models import Job
from fieldapp.services import jobs, policy, scoped
from fieldapp.services.errors import Invalid, ServiceError, TooLarge

KIND = service.KIND


def user():
    """The signed-in user object (not the proxy)."""
    return current_user._get_current_object()


def require_import_rights() -> None:
    """Importing is for supervisors and admins."""
    if not policy.may_import(current_user):
        abort(403)


def too_large() -> TooLarge:
    """An upload over IMPORT_MAX_BYTES, said with the limit."""
    limit = current_app.config["IMPORT_MAX_BYTES"] >> 20
    return TooLarge("too_large", _("文件超过 %(mb)s MB,请拆分后分批导入。", mb=limit))


def uploaded_file():
    """The request's `file`; TooLarge over the limit, Invalid when missing."""
    request.max_content_length = current_app.config["IMPORT_MAX_BYTES"] + 65536
    try:
        upload = request.files.get("file")
    except RequestEntityTooLarge as exc:
        raise too_large() from exc
    if upload is None or not upload.filename:
        message = _("请选择要导入的 Excel 文件(.xlsx)。")
        raise Invalid({"file": [message]}, code="file_missing")
    return upload


def refusal_text(exc: ServiceError) -> str:
    """The refusal's message for the page (a file's own problem when named)."""
    errors = getattr(exc, "errors", None) or {}
    return (errors.get("file") or [exc.message])[0]


def index_page(message: str | None, status: int):
    """The import page, with a refusal when the last upload was refused."""
    page = render_template(
        "households/import_index.html",
        message=message,
        jobs=jobs.recent(current_user, KIND),
        status_text=jobs.status_text,
        max_mb=current_app.config["IMPORT_MAX_BYTES"] >> 20,
        max_rows=current_app.config["IMPORT_MAX_ROWS"],
    )
    return page, status


@bp.errorhandler(RequestEntityTooLarge)
def upload_too_large(exc):
    """A body over the app's limit, refused before the view (by the CSRF check)."""
    if request.endpoint == "households.import_index" and policy.may_import(
        current_user
    ):
        return index_page(too_large().message, 413)
    return http_error(exc)


@bp.route("/import", methods=["GET", "POST"])
@login_required
def import_index():
    """The template, the export, and an upload that starts with a dry run."""
    require_import_rights()
    if request.method == "GET":
        return index_page(None, 200)
    try:
        upload = uploaded_file()
        job = service.start(user(), upload.stream, upload.filename, dry_run=True)
    except ServiceError as exc:
        return index_page(refusal_text(exc), exc.status)
    jobs.dispatch(current_app.config, job)
    return redirect(url_for("households.import_job", uuid=job.uuid))


def own_job(uuid: str) -> Job:
    """An import job the current user started (admins may open any)."""
    require_import_rights()
    return scoped.job(uuid, user(), KIND)


def may_confirm(job: Job) -> bool:
    """A dry run that finished without a problem can be imported."""
    result = job.result or {}
    return (
        job.status == "done"
        and job.params.get("dry_run")
        and result.get("error_count") == 0
        and result.get("rows", 0) > 0
    )


def import_progress(job: Job) -> dict:
    """The generic progress plus the phase in words (reading, then checking)."""
    progress = jobs.progress(job)
    if progress["total"] and not progress["done"] and not job.params.get("dry_run"):
        phase = _("正在检查并写入 %(total)s 行……", total=progress["total"])
    elif progress["total"]:
        phase = _("已处理 %(done)s / %(total)s 行", **progress)
    else:
        phase = _("正在读取文件,已读 %(done)s 行", done=progress["done"])
    return progress | {"phase": phase}


@bp.get("/import/jobs/<uuid>")
@login_required
def import_job(uuid: str):
    """Progress while it runs; then the counts, the changes and the problems."""
    job = own_job(uuid)
    return render_template(
        "households/import_job.html",
        job=job,
        progress=import_progress(job),
        result=job.result or {},
        may_confirm=may_confirm(job),
    )


@bp.get("/import/jobs/<uuid>.json")
@login_required
def import_job_progress(uuid: str):
    """The progress the page polls (it reloads itself once the job ends)."""
    return jsonify(import_progress(own_job(uuid)))


@bp.post("/import/jobs/<uuid>/cancel")
@login_required
def cancel_import_job(uuid: str):
    """Stop a check or an import; an import stopped half way writes nothing."""
    job = own_job(uuid)
    try:
        requested = jobs.cancel(job)
    except OperationalError:  # SQLite: the import itself holds the write lock
        db.session.rollback()
        flash(_("导入正在写入数据库,暂时无法取消,请稍后再试。"), "error")
    else:
        if requested:
            flash(_("已请求取消。"), "success")
        else:
            flash(_("任务已经结束,无法取消。"), "error")
    return redirect(url_for("households.import_job", uuid=job.uuid))


@bp.post("/import/jobs/<uuid>/import")
@login_required
def confirm_import(uuid: str):
    """Import the file a clean dry run checked: a new job, checked again."""
    checked = own_job(uuid)
    if not may_confirm(checked):
        flash(_("只有检查无误的文件才能导入。"), "error")
        return redirect(url_for("households.import_job", uuid=checked.uuid))
    try:
        job = service.start_import_of(checked, user())
    except ServiceError as exc:
        flash(exc.message, "error")
        return redirect(url_for("households.import_job", uuid=checked.uuid))
    jobs.dispatch(current_app.config, job)
    return redirect(url_for("households.import_job", uuid=job.uuid))
