"""The office's JSON: dashboard, households as GeoJSON, data-quality checks."""

from flask import current_app, request
from flask_login import login_required

from fieldapp.api import bp
from fieldapp.office.params import office_scope, request_scope, signed_in
from fieldapp.services.dashboard import dashboard
from fieldapp.services.mapdata import households_geojson
from fieldapp.services.quality import quality_checks


@bp.get("/dashboard")
@login_required
def get_dashboard():
    """The plan's measures by town and for the whole scope (supervisor, admin)."""
    return dashboard(office_scope())


@bp.get("/households.geojson")
@login_required
def get_households_geojson():
    """The caller's located households as GeoJSON, WGS-84 unless `crs=gcj02`."""
    system = request.args.get("crs", "wgs84")
    body = households_geojson(request_scope(signed_in()), system)
    response = current_app.json.response(body)
    response.mimetype = "application/geo+json"
    return response


@bp.get("/quality")
@login_required
def get_quality():
    """Every data-quality check with its count and items (uuids only)."""
    return {"checks": quality_checks(office_scope())}
