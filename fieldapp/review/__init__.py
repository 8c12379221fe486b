"""The supervisor's review queue: `/review` and one record under review."""

from flask import Blueprint

bp = Blueprint("review", __name__)

from fieldapp.review import views  # noqa: E402,F401
