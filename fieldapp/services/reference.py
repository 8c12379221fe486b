"""Reference data in the database: towns from the versioned data file."""

from fieldapp.domain.towns import TOWNS_VERSION, load_towns
from fieldapp.extensions import db
from fieldapp.models import Town


def sync_towns() -> int:
    """Insert or update every town from the data file; returns how many changed."""
    changed = 0
    for info in load_towns():
        town = db.session.get(Town, info.code) or Town(code=info.code)
        values = {
            "name": info.name,
            "name_en": info.name_en,
            "kind": info.kind,
            "lat": info.lat,
            "lon": info.lon,
            "data_version": TOWNS_VERSION,
        }
        if any(getattr(town, key) != value for key, value in values.items()):
            for key, value in values.items():
                setattr(town, key, value)
            db.session.add(town)
            changed += 1
    db.session.commit()
    return changed
