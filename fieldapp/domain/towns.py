"""Wanning's towns, state farms and forest farm as versioned data (DOMAIN §7.1)."""

from dataclasses import dataclass
from pathlib import Path

from fieldapp.domain.datafiles import DATA_DIR, optional_float, read_rows

TOWNS_VERSION = "2017"
TOWNS_PATH = DATA_DIR / f"towns-{TOWNS_VERSION}.csv"
KINDS = ("town", "farm", "forest_farm")


@dataclass(frozen=True)
class TownInfo:
    """One statistical unit: 9-digit code, names and an approximate centre.

    The centres are rough town seats (±3–5 km), good for map centring only;
    lat/lon are None where DOMAIN §7.1 has no coordinates.
    """

    code: str
    name: str
    name_en: str
    kind: str
    lat: float | None
    lon: float | None


def load_towns(path: Path | None = None) -> list[TownInfo]:
    """The units in file order; the default is the packaged 2017 list."""
    return [
        TownInfo(
            code=row["code"],
            name=row["name"],
            name_en=row["name_en"],
            kind=row["kind"],
            lat=optional_float(row["lat"]),
            lon=optional_float(row["lon"]),
        )
        for row in read_rows(path or TOWNS_PATH)
    ]


def towns_by_code(path: Path | None = None) -> dict[str, TownInfo]:
    """The units keyed by their 9-digit code."""
    return {town.code: town for town in load_towns(path)}
