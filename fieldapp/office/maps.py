"""The map page: the households' GeoJSON over configured tiles (or none)."""

from flask import current_app, render_template, url_for
from flask_babel import gettext as _
from flask_login import login_required
from sqlalchemy import select

from fieldapp.domain.chinacoords import for_tiles
from fieldapp.domain.labels import label
from fieldapp.extensions import db
from fieldapp.models import Town
from fieldapp.office import bp
from fieldapp.office.params import request_scope, signed_in
from fieldapp.services import policy
from fieldapp.services.mapdata import NEEDS
from fieldapp.services.readside import Scope, town_options
from forms.choices import current_language

# The city centre (DOMAIN §7.2), where a map with no households opens.
CITY_CENTRE = (18.818, 110.340)


def tiles(config) -> dict | None:
    """The configured tile layer, or None (points over a plain background)."""
    if not config["MAP_TILES_URL"]:
        return None
    return {
        "url": config["MAP_TILES_URL"],
        "attribution": config["MAP_TILES_ATTRIBUTION"],
        "subdomains": config["MAP_TILES_SUBDOMAINS"],
        "max_zoom": config["MAP_TILES_MAX_ZOOM"],
    }


def town_seats(scope: Scope, system: str) -> list[dict]:
    """The towns' seats (approximate, DOMAIN §7.1) as labels on the map."""
    codes = policy.visible_town_codes(scope.user)
    stmt = select(Town).where(Town.lat.is_not(None)).order_by(Town.code)
    if codes is not None:
        stmt = stmt.where(Town.code.in_(codes))
    seats = []
    for town in db.session.scalars(stmt):
        lat, lon = for_tiles(town.lat, town.lon, system)
        seats.append({"code": town.code, "name": town.name, "lat": lat, "lon": lon})
    return seats


def map_config(scope: Scope) -> dict:
    """Everything the map script needs, as the page's JSON block."""
    config = current_app.config
    system = config["MAP_TILES_CRS"]
    lang = current_language()
    return {
        "tiles": tiles(config),
        "geojson": url_for(
            "api.get_households_geojson", town=scope.town or None, crs=system
        ),
        "household_url": url_for("households.detail", uuid="UUID"),
        "centre": for_tiles(*CITY_CENTRE, system),
        "towns": town_seats(scope, system),
        "labels": {
            "needs": {code: label("map_need", code, lang) for code in NEEDS},
            "none": label("map_need", "none", lang),
            "grade": _("房屋等级"),
            "no_grade": _("未鉴定"),
            "open": _("查看住户"),
            "count": _("共 %(n)s 户有位置"),
            "failed": _("住户位置加载失败,请刷新重试。"),
        },
    }


@bp.get("/map")
@login_required
def map_page():
    """Households as points coloured by what needs doing."""
    scope = request_scope(signed_in())
    return render_template(
        "office/map.html",
        config=map_config(scope),
        needs=NEEDS,
        towns=town_options(scope.user),
        scope=scope,
    )
