"""The JSON sync API under /api/v1 (see docs/api.md)."""

from flask import Blueprint

bp = Blueprint("api", __name__, url_prefix="/api/v1")

from fieldapp.api import auth, households, photos, records, towns  # noqa: E402,F401
