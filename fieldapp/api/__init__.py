"""The JSON sync API under /api/v1 (see docs/api.md)."""

from flask import Blueprint

bp = Blueprint("api", __name__, url_prefix="/api/v1")

from fieldapp.api import (  # noqa: E402,F401
    auth,
    households,
    imports,
    photos,
    records,
    towns,
)
