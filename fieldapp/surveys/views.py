"""The HTML side of the record pipeline; the API side is fieldapp/api/records.py."""

from datetime import datetime

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from fieldapp.domain.localtime import LOCAL_TZ
from fieldapp.models import new_uuid
from fieldapp.registry import KINDS, get_kind
from fieldapp.services import photos, policy, records, reviews, scoped
from fieldapp.services.errors import Conflict, Invalid, NotAllowed, ServiceError
from fieldapp.services.record_links import form_choices
from fieldapp.surveys import bp
from forms.json import flatten
from forms.photos import TAG_CHOICES
from forms.records import record_form_class
from forms.rows import drop_blank_rows


def user():
    """The signed-in user object (not the proxy): services keep it."""
    return current_user._get_current_object()


def kind_or_404(kind: str):
    """A registered kind the user may write."""
    spec = get_kind(kind)
    if spec is None:
        abort(404)
    if not policy.may_write_kind(current_user, kind):
        abort(403)
    return spec


def form_for(spec, formdata=None, **data):
    """The record form of a kind, from posted data or initial values."""
    return record_form_class(spec.name, spec.data_form)(
        formdata=formdata, data=data or None
    )


def posted(spec):
    """The posted fields without the spare rows the worker left blank."""
    return drop_blank_rows(request.form, [f"data-{name}" for name in spec.row_lists])


def named_link(spec, form) -> str | None:
    """The uuid of the record the form's link names (None without a link)."""
    if spec.links_to is None:
        return None
    return form["data"].form[spec.links_to.field].data or None


def render_form(spec, form, household, record=None, status=200):
    """The survey form page (also the offline shell when household is None)."""
    return render_template(
        "surveys/form.html",
        spec=spec,
        form=form,
        household=household,
        record=record,
        link_choices=form_choices(spec.name, household, named=named_link(spec, form)),
        photo_tags=TAG_CHOICES,
    ), status


@bp.route("/surveys/<kind>/new", methods=["GET", "POST"])
@login_required
def new(kind: str):
    """Fill a survey; without JavaScript the form posts here."""
    spec = kind_or_404(kind)
    household_uuid = request.values.get("household_uuid") or request.args.get(
        "household"
    )
    household = scoped.household(household_uuid, user()) if household_uuid else None
    if request.method == "GET":
        form = form_for(
            spec,
            uuid=new_uuid(),
            kind=kind,
            household_uuid=household_uuid,
            person_uuid=request.args.get("person"),
            captured_at=datetime.now(LOCAL_TZ),
        )
        return render_form(spec, form, household)
    raw = posted(spec)
    if raw.get("kind") != kind:
        abort(400)
    try:
        record, _created = records.submit(raw, user())
    except Invalid as exc:
        return render_form(spec, exc.form, household, status=422)
    except Conflict:
        form = form_for(spec, formdata=raw)
        form.uuid.errors = [_("这份调查已用不同内容提交过,请重新打开表单填写。")]
        return render_form(spec, form, household, status=409)
    flash(_("调查已保存。"), "success")
    return redirect(url_for("surveys.record", uuid=record.uuid))


@bp.get("/records/<uuid>")
@login_required
def record(uuid: str):
    """A record: computed values, flags, photos, versions and review comments."""
    record = scoped.record(uuid, user())
    spec = KINDS[record.kind]
    return render_template(
        "surveys/record.html", record=record, spec=spec, photo_tags=TAG_CHOICES
    )


@bp.route("/records/<uuid>/edit", methods=["GET", "POST"])
@login_required
def edit(uuid: str):
    """Correct a record; the page's version guards against overwriting."""
    record = scoped.record(uuid, user())
    spec = kind_or_404(record.kind)
    if record.status == "approved":
        flash(reviews.locked(record).message, "error")
        return redirect(url_for("surveys.record", uuid=uuid))
    if request.method == "GET":
        form = form_for(spec, formdata=flatten(record.versions[-1].body))
        return render_form(spec, form, record.household, record=record)
    raw = posted(spec)
    try:
        records.correct(record, raw, request.form.get("version", type=int), user())
    except Invalid as exc:
        form = exc.form or form_for(spec, formdata=raw)
        return render_form(spec, form, record.household, record=record, status=422)
    except Conflict as exc:
        flash(exc.message, "error")
        form = form_for(spec, formdata=raw)
        return render_form(spec, form, record.household, record=record, status=409)
    flash(_("修改已保存,等待审核。"), "success")
    return redirect(url_for("surveys.record", uuid=uuid))


@bp.post("/records/<uuid>/review")
@login_required
def review(uuid: str):
    """Approve or return (with a comment) from the record page; a record changed
    since the page was shown opens its changes on the review page instead."""
    record = scoped.record(uuid, user())
    try:
        done = reviews.review(record, request.form, user())
    except Invalid as exc:
        flash_errors(exc.errors)
    except Conflict as exc:
        flash(exc.message, "error")
        if exc.code == "stale_version":
            seen = request.form.get("version", type=int)
            return redirect(url_for("review.detail", uuid=uuid, seen=seen))
    else:
        approved = done.decision == "approve"
        flash(_("已通过。") if approved else _("已退回给调查员。"), "success")
    return redirect(url_for("surveys.record", uuid=uuid))


@bp.post("/records/<uuid>/reopen")
@login_required
def reopen(uuid: str):
    """Reopen an approved record with a reason; it goes back to its author."""
    record = scoped.record(uuid, user())
    try:
        reviews.reopen(record, request.form, user())
    except Invalid as exc:
        flash_errors(exc.errors)
    except Conflict as exc:
        flash(exc.message, "error")
    else:
        flash(_("记录已重新打开,退回给调查员修改。"), "success")
    return redirect(url_for("surveys.record", uuid=uuid))


def flash_errors(errors: dict[str, list[str]]) -> None:
    """Show a refused form's field errors as messages on the next page."""
    for messages in errors.values():
        for message in messages:
            flash(message, "error")


@bp.post("/records/<uuid>/photos")
@login_required
def upload_photo(uuid: str):
    """Attach a photo from the record page (the outbox uses the API instead)."""
    record = scoped.record(uuid, user())
    try:
        photos.upload(record, request.form, request.files.get("file"), user())
    except NotAllowed:
        abort(403)
    except ServiceError as exc:
        for message in getattr(exc, "errors", {}).get("file", []) or [exc.message]:
            flash(message, "error")
    else:
        flash(_("照片已上传。"), "success")
    return redirect(url_for("surveys.record", uuid=uuid))
