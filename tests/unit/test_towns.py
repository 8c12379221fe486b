"""The packaged 2017 list of Wanning's towns, farms and forest farm (DOMAIN §7.1)."""

from collections import Counter

import pytest

from fieldapp.domain.geo import GeoRules, inside_box
from fieldapp.domain.towns import KINDS, TOWNS_VERSION, load_towns, towns_by_code

TOWNS = load_towns()


def test_the_2017_list_has_17_units_of_which_12_towns():
    assert TOWNS_VERSION == "2017"
    assert len(TOWNS) == 17
    assert Counter(t.kind for t in TOWNS) == {"town": 12, "farm": 4, "forest_farm": 1}
    assert {t.kind for t in TOWNS} <= set(KINDS)


def test_codes_are_unique_9_digit_wanning_codes():
    codes = [t.code for t in TOWNS]
    assert len(set(codes)) == len(codes)
    for code in codes:
        assert len(code) == 9 and code.isdigit() and code.startswith("469006")


@pytest.mark.parametrize("town", [t for t in TOWNS if t.lat is not None], ids=str)
def test_every_known_centre_lies_in_the_city_box(town):
    assert inside_box(town.lat, town.lon, GeoRules().box)


@pytest.mark.parametrize(
    ("code", "name", "lat", "lon"),
    [
        ("469006100", "万城镇", 18.796, 110.389),
        ("469006105", "东澳镇", 18.72, 110.40),
        ("469006111", "三更罗镇", 18.87, 110.06),
        ("469006500", "兴隆华侨农场", 18.74, 110.20),
        ("469006400", "国营东兴农场", None, None),
        ("469006501", "地方国营六连林场", None, None),
    ],
)
def test_units_match_the_domain_table(code, name, lat, lon):
    town = towns_by_code()[code]
    assert (town.name, town.lat, town.lon) == (name, lat, lon)


def test_coordinates_are_both_known_or_both_missing():
    for town in TOWNS:
        assert (town.lat is None) == (town.lon is None)


def test_a_custom_file_can_replace_the_packaged_list(tmp_path):
    path = tmp_path / "towns-2026.csv"
    path.write_text(
        "code,name,name_en,kind,lat,lon\n469006100,万城镇,Wancheng,town,18.8,110.4\n",
        encoding="utf-8",
    )
    (town,) = load_towns(path)
    assert (town.code, town.lat, town.lon) == ("469006100", 18.8, 110.4)
