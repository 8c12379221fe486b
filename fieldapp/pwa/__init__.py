"""The installable app: service worker, manifest and the offline page."""

from flask import Blueprint

bp = Blueprint("pwa", __name__)

from fieldapp.pwa import views  # noqa: E402,F401
