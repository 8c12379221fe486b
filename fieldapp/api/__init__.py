"""The JSON sync API under /api/v1 (see docs/api.md)."""

from flask import Blueprint

from fieldapp.caching import api_default_no_store

bp = Blueprint("api", __name__, url_prefix="/api/v1")
bp.after_request(api_default_no_store)

from fieldapp.api import (  # noqa: E402,F401
    auth,
    households,
    imports,
    office,
    photos,
    records,
    towns,
)
