"""Running it in production: /healthz, check-deploy, backup and restore."""

from flask import Blueprint

bp = Blueprint("ops", __name__)

from fieldapp.ops import views  # noqa: E402,F401  (registers the routes)
