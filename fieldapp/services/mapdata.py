"""The households as GeoJSON for the map: where they are and what needs doing.

No names and no numbers: each feature carries the household's uuid, town code,
village, latest grade, renovation stage, an overdue follow-up and whether it
was ever visited (API.md), plus `needs`, the most urgent of those for the
marker's colour. Coordinates are the household's own, WGS-84 unless the map's
tiles need GCJ-02 (`system`).
"""

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from fieldapp.domain.chinacoords import SYSTEMS, for_tiles
from fieldapp.extensions import db
from fieldapp.models import Household
from fieldapp.services import rowsets
from fieldapp.services.errors import Invalid
from fieldapp.services.measures import followup_overdue, never_visited
from fieldapp.services.readside import Scope

# What needs doing, most urgent first: the marker shows the first that applies.
NEEDS = ("dangerous", "renovation_in_works", "followup_overdue", "never_visited")


# A C/D house whose latest renovation is at these stages: still dangerous (no
# works yet), or being renovated (works under way or awaiting acceptance).
NOT_STARTED = (None, "planned")
UNDER_WAY = ("in_works", "completed")


def needs(grade, renovation_stage, overdue: bool, visited: bool) -> str | None:
    """The most urgent thing to do at a household, or None."""
    if grade in ("C", "D") and renovation_stage in NOT_STARTED:
        return "dangerous"
    if renovation_stage in UNDER_WAY:
        return "renovation_in_works"
    if overdue:
        return "followup_overdue"
    if not visited:
        return "never_visited"
    return None


def located_households(scope: Scope):
    """One row per located household with the facts the map shows."""
    homes = rowsets.households(scope)
    housing = rowsets.housing(scope)
    devices = rowsets.devices(scope)
    overdue = select(devices.c.household_id).where(followup_overdue(devices, scope))
    stmt = (
        select(
            Household.uuid,
            Household.town_code,
            Household.village,
            Household.lat,
            Household.lon,
            housing.c.grade,
            housing.c.renovation_stage,
            homes.c.household_id.in_(overdue).label("overdue"),
            never_visited(homes, scope).label("never_visited"),
        )
        .select_from(homes)
        .join(Household, Household.id == homes.c.household_id)
        .outerjoin(housing, housing.c.household_id == homes.c.household_id)
        .where(homes.c.lat.is_not(None), Household.lon.is_not(None))
        .order_by(Household.id)
    )
    return db.session.execute(stmt)


def feature(row, system: str) -> dict:
    """One household as a GeoJSON Point feature."""
    lat, lon = for_tiles(row.lat, row.lon, system)
    visited = not row.never_visited
    overdue = bool(row.overdue)
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [round(lon, 6), round(lat, 6)]},
        "properties": {
            "uuid": row.uuid,
            "town_code": row.town_code,
            "village": row.village,
            "grade": row.grade,
            "renovation_stage": row.renovation_stage,
            "followup_overdue": overdue,
            "visited": visited,
            "needs": needs(row.grade, row.renovation_stage, overdue, visited),
        },
    }


def households_geojson(scope: Scope, system: str = "wgs84") -> dict:
    """The scope's located households as a FeatureCollection."""
    if system not in SYSTEMS:
        message = _l(
            "不支持的坐标系 %(crs)s,可选:%(known)s。",
            crs=system,
            known="、".join(SYSTEMS),
        )
        raise Invalid({"crs": [message]})
    return {
        "type": "FeatureCollection",
        "coordinate_system": system,
        "features": [feature(row, system) for row in located_households(scope)],
    }
