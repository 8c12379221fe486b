"""Login, logout and language switch for the browser."""

from flask import Blueprint

bp = Blueprint("auth", __name__)

from fieldapp.auth import views  # noqa: E402,F401
