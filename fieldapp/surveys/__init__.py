"""Survey pages: the form of each kind, the record page, corrections and review."""

from flask import Blueprint

bp = Blueprint("surveys", __name__)

from fieldapp.surveys import views  # noqa: E402,F401
