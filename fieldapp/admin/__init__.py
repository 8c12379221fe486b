"""Administration: users and the audit log."""

from flask import Blueprint

bp = Blueprint("admin", __name__, url_prefix="/admin")

from fieldapp.admin import audit, views  # noqa: E402,F401
