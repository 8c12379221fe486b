"""Pure rules of the office: plan trajectory and flags, month ends, charts, GCJ-02."""

import math
from datetime import date

import pytest

from fieldapp.domain.charts import bar_percent, sparkline
from fieldapp.domain.chinacoords import for_tiles, wgs84_to_gcj02
from fieldapp.domain.targets import Target, flag, month_ends, share

PLAN = Target(200, date(2016, 1, 1), date(2018, 12, 31))


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2015, 6, 1), 0.0),
        (date(2016, 1, 1), 0.0),
        (date(2017, 7, 2), 200 * 548 / 1095),
        (date(2018, 12, 31), 200.0),
        (date(2026, 12, 1), 200.0),
    ],
)
def test_expected_value_follows_a_straight_line_to_the_deadline(day, expected):
    assert PLAN.expected_on(day) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("value", "expected", "result"),
    [
        (200, 200, "green"),
        (250, 200, "green"),
        (160, 200, "amber"),
        (159, 200, "red"),
        (0, 0, "green"),
        (None, 1.0, "none"),
        (0.5, 1.0, "red"),
    ],
)
def test_flag_compares_with_the_expected_value(value, expected, result):
    assert flag(value, expected) == result


@pytest.mark.parametrize(
    ("value", "of", "result"),
    [(3, 4, 0.75), (0, 4, 0.0), (3, 0, None), (None, 4, None)],
)
def test_share_is_none_without_a_denominator(value, of, result):
    assert share(value, of) == result


def test_month_ends_run_to_the_day_across_a_year_and_a_leap_february():
    points = month_ends(date(2024, 3, 15), 4)
    assert points == [
        date(2023, 12, 31),
        date(2024, 1, 31),
        date(2024, 2, 29),
        date(2024, 3, 15),
    ]
    assert len(month_ends(date(2026, 12, 1))) == 12


@pytest.mark.parametrize(
    ("value", "of", "percent"),
    [(50, 200, 25.0), (250, 200, 100.0), (0, 200, 0.0), (None, 1, 0.0), (1, 0, 0.0)],
)
def test_bar_percent_is_capped_at_the_target(value, of, percent):
    assert bar_percent(value, of) == percent


def test_sparkline_scales_to_the_box():
    points = sparkline([0, 5, 10], width=100, height=24)
    assert points == "0.0,22.0 50.0,12.0 100.0,2.0"
    assert sparkline([]) == ""
    assert sparkline([3]) == "0.0,2.0"


# Published test points of the conversion (googollee/eviltransform, BSD-2): WGS-84
# positions in Shanghai, Shenzhen and Beijing and their GCJ-02 equivalents.
KNOWN = [
    (31.1774276, 121.5272106, 31.17530398364597, 121.531541859215),
    (22.543847, 113.912316, 22.540796131694766, 113.9171764808363),
    (39.911954, 116.377817, 39.91334545536069, 116.38404722455657),
]


@pytest.mark.parametrize(("lat", "lon", "gcj_lat", "gcj_lon"), KNOWN)
def test_wgs84_to_gcj02_on_known_points(lat, lon, gcj_lat, gcj_lon):
    shifted = wgs84_to_gcj02(lat, lon)
    assert shifted == pytest.approx((gcj_lat, gcj_lon), abs=1e-6)


def metres(a, b):
    """Rough ground distance between two (lat, lon) points."""
    dlat = (a[0] - b[0]) * 111_320
    dlon = (a[1] - b[1]) * 111_320 * math.cos(math.radians(a[0]))
    return math.hypot(dlat, dlon)


def test_the_shift_in_wanning_is_a_few_hundred_metres():
    seat = (18.796, 110.389)
    assert 300 < metres(seat, wgs84_to_gcj02(*seat)) < 700


@pytest.mark.parametrize("system", ["wgs84", "cgcs2000"])
def test_tianditu_and_wgs84_tiles_need_no_shift(system):
    assert for_tiles(18.796, 110.389, system) == (18.796, 110.389)


def test_outside_china_nothing_is_shifted_and_unknown_systems_refused():
    assert for_tiles(51.5, -0.12, "gcj02") == (51.5, -0.12)
    with pytest.raises(ValueError):
        for_tiles(18.8, 110.4, "bd09")
