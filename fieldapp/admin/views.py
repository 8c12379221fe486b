"""Users: list, create, change role and towns, deactivate, reset password."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from fieldapp.admin import bp
from fieldapp.extensions import db
from fieldapp.models import Town, User
from fieldapp.services import policy
from fieldapp.services.accounts import (
    AccountError,
    create_user,
    reset_password,
    set_active,
    update_user,
)
from forms.users import PasswordResetForm, UserCreateForm, UserEditForm


@bp.before_request
@login_required
def admins_only():
    """Every page here is for administrators."""
    if not policy.may_manage_users(current_user):
        abort(403)


def town_choices() -> list[tuple[str, str]]:
    """Every town, by code."""
    return [
        (t.code, t.name) for t in db.session.scalars(select(Town).order_by(Town.code))
    ]


def user_or_404(user_id: int) -> User:
    """A user by id."""
    return db.session.get(User, user_id) or abort(404)


def user_form_data(user: User) -> dict:
    """A user's editable values as form data."""
    return {
        "display_name": user.display_name,
        "role": user.role,
        "towns": user.town_codes,
    }


@bp.get("/users")
def users():
    """Every user with role, towns and status."""
    rows = db.session.scalars(select(User).order_by(User.role, User.username)).all()
    return render_template("admin/users.html", users=rows)


@bp.route("/users/new", methods=["GET", "POST"])
def create():
    """Create a user."""
    form = UserCreateForm(town_choices=town_choices())
    if form.validate_on_submit():
        try:
            user = create_user(
                form.username.data,
                form.password.data,
                form.role.data,
                form.towns.data,
                form.display_name.data or "",
            )
        except AccountError as exc:
            form.username.errors.append(
                _("该用户名已被使用。") if exc.code == "username_taken" else exc.code
            )
        else:
            flash(_("用户 %(name)s 已创建。", name=user.username), "success")
            return redirect(url_for("admin.users"))
    status = 422 if form.is_submitted() else 200
    return render_template("admin/user_form.html", form=form, user=None), status


@bp.route("/users/<int:user_id>", methods=["GET", "POST"])
def edit(user_id: int):
    """Change a user's name, role and towns."""
    user = user_or_404(user_id)
    form = UserEditForm(town_choices=town_choices(), data=user_form_data(user))
    if form.validate_on_submit():
        update_user(user, form.display_name.data, form.role.data, form.towns.data)
        flash(_("已保存。"), "success")
        return redirect(url_for("admin.users"))
    status = 422 if form.is_submitted() else 200
    reset = PasswordResetForm(formdata=None)
    return render_template(
        "admin/user_form.html", form=form, user=user, reset=reset
    ), status


@bp.post("/users/<int:user_id>/active")
def toggle_active(user_id: int):
    """Deactivate (ending sessions and tokens) or reactivate a user."""
    user = user_or_404(user_id)
    if user.id == current_user.id:
        flash(_("不能停用自己的账号。"), "error")
    else:
        set_active(user, request.form.get("active") == "1")
        flash(_("已更新账号状态。"), "success")
    return redirect(url_for("admin.users"))


@bp.post("/users/<int:user_id>/password")
def password(user_id: int):
    """Set a new password; the user's sessions and tokens end."""
    user = user_or_404(user_id)
    form = PasswordResetForm()
    if form.validate():
        reset_password(user, form.password.data)
        flash(_("密码已重置。"), "success")
        return redirect(url_for("admin.users"))
    edit_form = UserEditForm(
        formdata=None, town_choices=town_choices(), data=user_form_data(user)
    )
    return render_template(
        "admin/user_form.html", form=edit_form, user=user, reset=form
    ), 422
