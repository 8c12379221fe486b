"""Start page (households of my towns), household detail, create and edit."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from fieldapp.extensions import db
from fieldapp.households import bp
from fieldapp.models import Town, new_uuid
from fieldapp.services import policy
from fieldapp.services.audit import record_event
from fieldapp.services.households import (
    HouseholdConflict,
    MemberInUse,
    create_household,
    get_household,
    search_households,
    update_household,
)
from fieldapp.services.records_summary import household_records
from forms.households import (
    HouseholdForm,
    compact_member_rows,
    household_form_data,
)
from forms.json import jsonable


def my_towns() -> list[Town]:
    """The towns the current user works in (all of them for city-wide users)."""
    codes = policy.visible_town_codes(current_user)
    stmt = select(Town).order_by(Town.code)
    if codes is not None:
        stmt = stmt.where(Town.code.in_(codes))
    return list(db.session.scalars(stmt))


def town_choices() -> list[tuple[str, str]]:
    """Towns the user may register households in."""
    return [(t.code, t.name) for t in my_towns()]


def household_or_404(uuid: str):
    """The household if it exists and is in the user's towns."""
    household = get_household(uuid, current_user)
    if household is None:
        abort(404)
    return household


@bp.get("/")
@login_required
def index():
    """The worker's start page: households of their towns, searchable."""
    q = request.args.get("q", "").strip()
    town = request.args.get("town", "")
    page = request.args.get("page", 1, type=int)
    result = search_households(current_user, q=q, town=town, page=page)
    return render_template(
        "households/index.html", result=result, q=q, town=town, towns=my_towns()
    )


def add_blank_member(form: HouseholdForm) -> None:
    """One empty member row to type into; left blank, it is ignored on save."""
    form.members.append_entry({"uuid": new_uuid(), "relation": "other"})


def _form(**kwargs) -> HouseholdForm:
    formdata = compact_member_rows(request.form) if request.method == "POST" else None
    return HouseholdForm(formdata=formdata, town_choices=town_choices(), **kwargs)


@bp.route("/households/new", methods=["GET", "POST"])
@login_required
def create():
    """Register a household with its members."""
    form = _form(
        data={"uuid": new_uuid(), "members": [{"uuid": new_uuid(), "relation": "head"}]}
    )
    if request.method == "POST" and form.validate():
        try:
            household, _created = create_household(jsonable(form.data), current_user)
        except HouseholdConflict:
            form.uuid.errors.append(
                _("该住户已用不同内容提交过,请刷新页面后重新填写。")
            )
        else:
            flash(_("住户已保存。"), "success")
            return redirect(url_for("households.detail", uuid=household.uuid))
    status = 422 if request.method == "POST" else 200
    add_blank_member(form)
    return render_template("households/form.html", form=form), status


@bp.get("/households/<uuid>")
@login_required
def detail(uuid: str):
    """A household, its members (masked numbers) and its records."""
    household = household_or_404(uuid)
    return render_template(
        "households/detail.html",
        household=household,
        records=household_records(household),
    )


@bp.route("/households/<uuid>/edit", methods=["GET", "POST"])
@login_required
def edit(uuid: str):
    """Edit a household; a stale page (someone saved first) is refused."""
    household = household_or_404(uuid)
    if not policy.may_write_household(current_user, household.town_code):
        abort(403)
    form = _form(data=household_form_data(household))
    version = request.form.get("version", household.version, type=int)
    status = 200
    if request.method == "POST":
        status = 422
        if form.validate() and form.uuid.data == household.uuid:
            try:
                update_household(household, jsonable(form.data), version)
            except HouseholdConflict:
                flash(
                    _("此住户已被他人修改,请在新标签页查看最新内容后再保存。"), "error"
                )
                status = 409
            except MemberInUse as exc:
                flash(
                    _("成员 %(name)s 已有调查记录,不能删除。", name=exc.person.name),
                    "error",
                )
            else:
                flash(_("修改已保存。"), "success")
                return redirect(url_for("households.detail", uuid=household.uuid))
    else:
        record_event(
            "view_unmasked",
            object_type="household",
            object_key=uuid,
            detail={"page": "edit"},
        )
        db.session.commit()
    add_blank_member(form)
    return render_template(
        "households/form.html", form=form, household=household, version=version
    ), status
