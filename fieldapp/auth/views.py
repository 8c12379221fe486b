"""Login and logout pages, and the language switch."""

from urllib.parse import urlsplit

from flask import (
    abort,
    flash,
    make_response,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from fieldapp.auth import bp
from fieldapp.services import sessions
from fieldapp.services.accounts import authenticate
from fieldapp.services.audit import log_access
from forms.auth import LoginForm


def safe_next(target: str | None) -> str:
    """Only same-site paths are followed after login."""
    if (
        target
        and target.startswith("/")
        and not target.startswith("//")
        and not urlsplit(target).netloc
    ):
        return target
    return url_for("households.index")


@bp.route("/login", methods=["GET", "POST"])
def login():
    """Show the login form; log in on valid credentials."""
    if current_user.is_authenticated:
        return redirect(safe_next(request.args.get("next")))
    form = LoginForm()
    status = 200
    if form.validate_on_submit():
        user = authenticate(
            form.username.data, form.password.data, request.remote_addr or "", "web"
        )
        if user is not None:
            sessions.start(user, remember=form.remember.data)
            login_user(user, remember=form.remember.data)
            return redirect(safe_next(request.args.get("next")))
        form.password.errors.append(_("用户名或密码不正确。"))
        status = 401
    return render_template("auth/login.html", form=form), status


def throttled(_limit):
    """The login page again when a login limit is reached (fieldapp/auth/limits.py)."""
    form = LoginForm()
    form.password.errors = [_("登录失败次数过多,请稍后再试。")]
    return make_response(render_template("auth/login.html", form=form), 429)


@bp.post("/logout")
@login_required
def logout():
    """Log out (the page warns first when the outbox still holds records): the
    login ends on the server, so copies of its cookies no longer work, and the
    browser is told to drop the remember-me cookie."""
    sessions.end(current_user.session_key)
    log_access("logout", object_type="user", object_key=current_user.username)
    lang = session.get("lang")
    session.clear()
    if lang:
        session["lang"] = lang
    logout_user()  # after clear(): it marks the remember-me cookie for deletion
    flash(_("您已退出登录。"), "info")
    return redirect(url_for("auth.login"))


@bp.get("/lang/<code>")
def set_language(code: str):
    """Switch the interface language for this browser."""
    if code not in ("zh", "en"):
        abort(404)
    session["lang"] = code
    return redirect(safe_next(request.args.get("next")))
