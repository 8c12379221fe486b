"""Bulk printing pages: choose, start, watch, cancel and download print jobs."""

from flask import (
    abort,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required

from fieldapp.households.views import town_choices
from fieldapp.models import Job
from fieldapp.printing.bulk import (
    KIND,
    MAX_HOUSEHOLDS,
    TooManyHouseholds,
    start_print_job,
)
from fieldapp.registry import KINDS
from fieldapp.reports import bp
from fieldapp.services import jobs, policy, scoped
from forms.choices import vocab_choices
from forms.print_jobs import PrintJobForm


def require_export_rights() -> None:
    """Bulk printing is for supervisors and admins."""
    if not policy.may_export(current_user):
        abort(403)


def own_job(uuid: str) -> Job:
    """A print job the current user started (admins may open any)."""
    require_export_rights()
    return scoped.job(uuid, current_user._get_current_object(), KIND)


@bp.route("/print", methods=["GET", "POST"])
@login_required
def print_index():
    """Choose a town and a filter, and start a job."""
    require_export_rights()
    form = PrintJobForm(
        town_choices=town_choices(), kind_choices=vocab_choices("kind", list(KINDS))
    )
    status = 422 if request.method == "POST" else 200
    if request.method == "POST" and form.validate():
        try:
            job = start_print_job(
                current_user._get_current_object(),
                form.town.data or None,
                form.filters(),
                form.output.data,
            )
        except TooManyHouseholds as exc:
            message = _("选中了 %(n)s 户,一次最多打印 %(max)s 户,请缩小范围。")
            flash(message % {"n": exc.args[0], "max": MAX_HOUSEHOLDS}, "error")
        except jobs.TooManyJobs as exc:
            flash(exc.message, "error")
            status = 429
        else:
            return redirect(url_for("reports.print_job", uuid=job.uuid))
    page = render_template(
        "reports/print_index.html",
        form=form,
        jobs=jobs.recent(current_user, KIND),
        status_text=jobs.status_text,
    )
    return page, status


@bp.get("/print/jobs/<uuid>")
@login_required
def print_job(uuid: str):
    """A job's progress bar, cancel button and download link."""
    job = own_job(uuid)
    return render_template(
        "reports/print_job.html", job=job, progress=jobs.progress(job)
    )


@bp.get("/print/jobs/<uuid>.json")
@login_required
def print_job_progress(uuid: str):
    """The progress the page polls."""
    return jsonify(jobs.progress(own_job(uuid)))


@bp.post("/print/jobs/<uuid>/cancel")
@login_required
def cancel_print_job(uuid: str):
    """Stop a job; parts already rendered are thrown away."""
    job = own_job(uuid)
    requested = jobs.cancel(job)
    if request.accept_mimetypes.best == "application/json":
        return jsonify(jobs.progress(job))
    if requested:
        flash(_("已请求取消打印任务。"), "success")
    else:
        flash(_("任务已经结束,无法取消。"), "error")
    return redirect(url_for("reports.print_job", uuid=job.uuid))


@bp.get("/print/jobs/<uuid>/download")
@login_required
def download_print_job(uuid: str):
    """The finished PDF or ZIP."""
    job = own_job(uuid)
    if job.status != "done" or not job.file_name:
        abort(404)
    path = jobs.job_dir(current_app.config, job) / job.file_name
    if not path.exists():
        abort(404)
    zipped = job.params.get("output") == "zip"
    mimetype = "application/zip" if zipped else "application/pdf"
    return send_file(
        path, mimetype=mimetype, as_attachment=True, download_name=job.file_name
    )
