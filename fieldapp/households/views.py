"""Start page (households of my towns), household detail, create and edit."""

from flask import (
    abort,
    flash,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from fieldapp.caching import no_store, not_kept
from fieldapp.extensions import db
from fieldapp.households import bp
from fieldapp.models import Town, new_uuid
from fieldapp.services import audit, households, policy, scoped
from fieldapp.services.dashboard import start_summary
from fieldapp.services.errors import Conflict, Invalid, NotAllowed
from fieldapp.services.households import search_households
from fieldapp.services.persons import DuplicatePerson
from fieldapp.services.readside import make_scope
from fieldapp.services.records_summary import household_records
from fieldapp.services.respite import person_respite
from forms.households import (
    HouseholdForm,
    compact_member_rows,
    hide_kept_numbers,
    household_form_data,
    keep_stored_numbers,
    masked_numbers,
    removed_members,
)


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


def user():
    """The signed-in user object (not the proxy): services keep it."""
    return current_user._get_current_object()


@bp.get("/")
@login_required
def index():
    """The worker's start page: households of their towns, searchable."""
    q = request.args.get("q", "").strip()
    town = request.args.get("town", "")
    page = request.args.get("page", 1, type=int)
    result = search_households(current_user, q=q, town=town, page=page)
    return render_template(
        "households/index.html",
        result=result,
        q=q,
        town=town,
        towns=my_towns(),
        office=office_start() if not q and page == 1 else None,
    )


def office_start() -> dict | None:
    """A supervisor's or admin's start: the review queue and the dashboard's
    figures (field workers keep their households and today's visits)."""
    if not policy.may_view_office(current_user):
        return None
    return {
        "body": start_summary(make_scope(user())),
        "review_url": url_for("review.index"),
        "queue_first": current_user.role == "supervisor",
    }


def add_blank_member(form: HouseholdForm) -> None:
    """One empty member row to type into; left blank, it is ignored on save."""
    form.members.append_entry({"uuid": new_uuid(), "relation": "other"})


def _form(**kwargs) -> HouseholdForm:
    formdata = posted() if request.method == "POST" else None
    return HouseholdForm(formdata=formdata, town_choices=town_choices(), **kwargs)


def posted():
    """The posted fields without the member rows left blank."""
    return compact_member_rows(request.form)


def shown(form: HouseholdForm) -> HouseholdForm:
    """A form the service refused, offering the user's own towns again."""
    form.town_code.choices = town_choices()
    return form


@bp.route("/households/new", methods=["GET", "POST"])
@login_required
def create():
    """Register a household with its members."""
    form = _form(
        data={"uuid": new_uuid(), "members": [{"uuid": new_uuid(), "relation": "head"}]}
    )
    status = 200
    if request.method == "POST":
        try:
            household, _created = households.register(posted(), user())
        except Invalid as exc:
            form, status = shown(exc.form), 422
        except NotAllowed as exc:
            form.town_code.errors = exc.errors.get("town_code", [exc.message])
            status = 422
        except DuplicatePerson as exc:
            form, status = shown(exc.form), 409
        except Conflict:
            form.uuid.errors = [_("该住户已用不同内容提交过,请刷新页面后重新填写。")]
            status = 409
        else:
            flash(_("住户已保存。"), "success")
            return redirect(url_for("households.detail", uuid=household.uuid))
    add_blank_member(form)
    response = make_response(render_template("households/form.html", form=form), status)
    # A refused post shows the numbers as typed; the blank form is kept offline.
    return not_kept(response) if request.method == "POST" else response


@bp.get("/households/<uuid>")
@login_required
def detail(uuid: str):
    """A household, its members (masked numbers) and its records."""
    household = scoped.household(uuid, user())
    return render_template(
        "households/detail.html",
        household=household,
        records=household_records(household),
    )


@bp.get("/households/<uuid>/persons/<person_uuid>")
@login_required
def person(uuid: str, person_uuid: str):
    """One member (masked numbers): status, and respite care from the
    assessment to the services given."""
    household = scoped.household(uuid, user())
    found = next((p for p in household.members if p.uuid == person_uuid), None)
    if found is None:
        abort(404)
    return render_template(
        "households/person.html",
        household=household,
        person=found,
        respite=person_respite(found),
    )


@bp.route("/households/<uuid>/edit", methods=["GET", "POST"])
@login_required
@no_store
def edit(uuid: str):
    """Edit a household; a stale page (someone saved first) is refused.

    Members' numbers are shown masked: an empty number keeps the stored one, a
    full number typed replaces it. Supervisors and admins may open the page
    with full numbers (`?unmasked=1`, audited).
    """
    household = scoped.household(uuid, user())
    if not policy.may_write_household(current_user, household.town_code):
        abort(403)
    unmasked = request.args.get("unmasked") in ("1", "true")
    if unmasked and request.method == "GET":
        audit.unmask(user(), "household", uuid, {"page": "edit"})
    elif unmasked and not policy.may_unmask(current_user):
        abort(403)
    stored = {person.uuid for person in household.members}
    formdata, kept, removed = None, set(), set()
    version = household.version
    if request.method == "POST":
        version = request.form.get("version", type=int)
        if version is None:
            abort(400)
        formdata = compact_member_rows(request.form, stored)
        removed = removed_members(request.form, household)
        if not unmasked:
            formdata, kept = keep_stored_numbers(formdata, household)
    initial = household_form_data(household, masked=not unmasked)
    form = HouseholdForm(formdata=formdata, town_choices=town_choices(), data=initial)
    status = 200
    if request.method == "POST":
        try:
            households.edit(household, formdata, version, user())
        except Invalid as exc:
            form, status = shown(exc.form), 422
            for message in exc.errors.get("members", []):
                flash(message, "error")
        except DuplicatePerson as exc:
            form, status = shown(exc.form), 409
        except Conflict:
            flash(_("此住户已被他人修改,请在新标签页查看最新内容后再保存。"), "error")
            status = 409
        else:
            flash(_("修改已保存。"), "success")
            return redirect(url_for("households.detail", uuid=household.uuid))
    hide_kept_numbers(form, kept)
    show_removed(form, initial, removed)
    add_blank_member(form)
    return render_template(
        "households/form.html",
        form=form,
        household=household,
        version=version,
        unmasked=unmasked,
        numbers=None if unmasked else masked_numbers(household),
        posted=formdata,
        stored=stored,
        removed=removed,
    ), status


def show_removed(form: HouseholdForm, initial: dict, removed: set[str]) -> None:
    """A refused edit shows the members it was to remove again, their remove
    box ticked, so that saving again asks for the same (the refused form holds
    only the members that were kept)."""
    shown_uuids = {entry.form.uuid.data for entry in form.members.entries}
    for member in initial["members"]:
        if member["uuid"] in removed and member["uuid"] not in shown_uuids:
            form.members.append_entry(member)
