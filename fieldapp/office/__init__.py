"""The office (supervisors, admins): dashboard, map and data-quality pages."""

from flask import Blueprint

bp = Blueprint("office", __name__)

from fieldapp.office import dashboard, maps, quality  # noqa: E402,F401
