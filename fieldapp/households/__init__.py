"""The worker's start page and household pages."""

from flask import Blueprint

bp = Blueprint("households", __name__)

from fieldapp.households import imports, views  # noqa: E402,F401
