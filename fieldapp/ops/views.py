"""GET /healthz: for the proxy and monitoring; no login, no personal data."""

from flask import current_app, jsonify

from fieldapp.caching import not_kept
from fieldapp.ops import bp
from fieldapp.services import health
from fieldapp.services.storage import photo_storage


@bp.get("/healthz")
def healthz():
    """200 when the database, its migrations, Redis and the photo store are fine;
    503 naming the failing part otherwise."""
    healthy, answer = health.report(current_app.config, photo_storage())
    response = jsonify(answer)
    response.status_code = 200 if healthy else 503
    return not_kept(response)
