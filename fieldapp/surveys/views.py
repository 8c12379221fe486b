"""The HTML side of the record pipeline; the API side is fieldapp/api/records.py."""

from datetime import datetime

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from fieldapp.domain.localtime import LOCAL_TZ
from fieldapp.models import new_uuid
from fieldapp.registry import KINDS, get_kind
from fieldapp.services import policy
from fieldapp.services.households import get_household
from fieldapp.services.records import (
    RecordConflict,
    RuleRejected,
    TargetNotFound,
    find_record,
    resolve_target,
    review_record,
    submit_record,
    update_record,
)
from fieldapp.surveys import bp
from fieldapp.surveys.messages import rule_message
from forms.json import flatten
from forms.photos import TAG_CHOICES
from forms.records import record_form_class, record_payload
from forms.rows import drop_blank_rows


def kind_or_404(kind: str):
    """A registered kind the user may write."""
    spec = get_kind(kind)
    if spec is None:
        abort(404)
    if not policy.may_write_kind(current_user, kind):
        abort(403)
    return spec


def readable_record_or_404(uuid: str):
    """A record in the user's towns."""
    record = find_record(uuid)
    if record is None or not policy.may_read_household(current_user, record.household):
        abort(404)
    return record


def form_for(spec, formdata=None, **data):
    """The record form of a kind, from posted data or initial values."""
    return record_form_class(spec.name, spec.data_form)(
        formdata=formdata, data=data or None
    )


def posted_formdata(spec):
    """The posted fields without the spare rows the worker left blank."""
    return drop_blank_rows(request.form, [f"data-{name}" for name in spec.row_lists])


def attach_rule_errors(form, errors: dict) -> None:
    """Show rule refusals next to the fields they concern."""
    fields = {field.name: field for field in walk_fields(form)}
    for name, codes in errors.items():
        field = fields.get(name) or form.uuid
        field.errors = [*field.errors, *(rule_message(c) for c in codes)]


def walk_fields(form):
    """Every leaf field of a form, nested forms and lists included."""
    for field in form:
        if hasattr(field, "form"):
            yield field
            yield from walk_fields(field.form)
        elif hasattr(field, "entries"):
            yield field
            for entry in field.entries:
                yield from (
                    walk_fields(entry.form) if hasattr(entry, "form") else [entry]
                )
        else:
            yield field


def render_form(spec, form, household, record=None, status=200):
    """The survey form page (also the offline shell when household is None)."""
    return render_template(
        "surveys/form.html", spec=spec, form=form, household=household, record=record
    ), status


@bp.route("/surveys/<kind>/new", methods=["GET", "POST"])
@login_required
def new(kind: str):
    """Fill a survey; without JavaScript the form posts here."""
    spec = kind_or_404(kind)
    household_uuid = request.values.get("household_uuid") or request.args.get(
        "household"
    )
    household = get_household(household_uuid, current_user) if household_uuid else None
    if household_uuid and household is None:
        abort(404)
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
    form = form_for(spec, formdata=posted_formdata(spec))
    if form.validate() and form.kind.data == kind:
        data, body = record_payload(form)
        try:
            target = resolve_target(
                body["household_uuid"], body.get("person_uuid"), kind, current_user
            )
            record, _created = submit_record(data, body, target, current_user)
        except TargetNotFound:
            abort(404)
        except RuleRejected as exc:
            attach_rule_errors(form, exc.errors)
        except RecordConflict:
            form.uuid.errors.append(
                _("这份调查已用不同内容提交过,请重新打开表单填写。")
            )
        else:
            flash(_("调查已保存。"), "success")
            return redirect(url_for("surveys.record", uuid=record.uuid))
    return render_form(spec, form, household, status=422)


@bp.get("/records/<uuid>")
@login_required
def record(uuid: str):
    """A record: computed values, flags, photos, versions and review comments."""
    record = readable_record_or_404(uuid)
    spec = KINDS[record.kind]
    return render_template(
        "surveys/record.html", record=record, spec=spec, photo_tags=TAG_CHOICES
    )


@bp.route("/records/<uuid>/edit", methods=["GET", "POST"])
@login_required
def edit(uuid: str):
    """Correct a record; the page's version guards against overwriting."""
    record = readable_record_or_404(uuid)
    spec = kind_or_404(record.kind)
    if request.method == "GET":
        form = form_for(spec, formdata=flatten(record.versions[-1].body))
        return render_form(spec, form, record.household, record=record)
    form = form_for(spec, formdata=posted_formdata(spec))
    version = request.form.get("version", type=int)
    if form.validate() and form.uuid.data == uuid and form.kind.data == record.kind:
        data, body = record_payload(form)
        try:
            target = resolve_target(
                record.household.uuid,
                body.get("person_uuid"),
                record.kind,
                current_user,
            )
            update_record(record, data, body, version or 0, target, current_user)
        except RuleRejected as exc:
            attach_rule_errors(form, exc.errors)
        except RecordConflict:
            flash(_("记录已被他人修改;请打开最新版本重新修改。"), "error")
            return render_form(spec, form, record.household, record=record, status=409)
        else:
            flash(_("修改已保存,等待审核。"), "success")
            return redirect(url_for("surveys.record", uuid=uuid))
    return render_form(spec, form, record.household, record=record, status=422)


@bp.post("/records/<uuid>/review")
@login_required
def review(uuid: str):
    """Approve or return (with a comment) from the record page."""
    if not policy.may_review(current_user):
        abort(403)
    record = readable_record_or_404(uuid)
    decision = request.form.get("decision")
    comment = (request.form.get("comment") or "").strip()
    if decision not in ("approve", "return"):
        abort(400)
    if decision == "return" and not comment:
        flash(_("退回时请写明需要修改的地方。"), "error")
    else:
        review_record(record, decision, comment[:2000], current_user)
        flash(
            _("已通过。") if decision == "approve" else _("已退回给调查员。"), "success"
        )
    return redirect(url_for("surveys.record", uuid=uuid))


@bp.post("/records/<uuid>/photos")
@login_required
def upload_photo(uuid: str):
    """Attach a photo from the record page (the outbox uses the API instead)."""
    from flask import current_app

    from fieldapp.services.photo_store import NotAnImage
    from fieldapp.services.photos import PhotoConflict, attach_photo
    from forms.photos import PhotoForm

    record = readable_record_or_404(uuid)
    if not policy.may_write_kind(current_user, record.kind):
        abort(403)
    form = PhotoForm()
    upload = request.files.get("file")
    limit = current_app.config["MAX_PHOTO_BYTES"]
    data = upload.stream.read(limit + 1) if upload else b""
    if not form.validate() or not data:
        flash(_("请选择照片文件。"), "error")
    elif len(data) > limit:
        flash(_("照片太大:每张不能超过 %(mb).0f MB。", mb=limit / 1048576), "error")
    else:
        meta = {k: v for k, v in form.data.items() if k != "csrf_token"}
        try:
            attach_photo(record, data, meta, current_user)
            flash(_("照片已上传。"), "success")
        except NotAnImage:
            flash(_("文件不是 JPEG、PNG 或 WebP 图片。"), "error")
        except PhotoConflict:
            flash(_("该照片 uuid 已用于另一张照片。"), "error")
    return redirect(url_for("surveys.record", uuid=uuid))
