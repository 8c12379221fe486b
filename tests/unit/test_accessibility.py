"""Barrier-free renovation: catalogue, cost estimate, ramp check and stages (§2)."""

import pytest

from fieldapp.domain.accessibility import (
    ALLOWED_TRANSITIONS,
    CATALOGUE_VERSION,
    STAGES,
    UNIT_LABELS,
    Item,
    assess_accessibility,
    can_transition,
    load_items,
    ramp_check,
)
from fieldapp.domain.errors import AccessibilityError

DOMAIN_CODES = [
    "ENT-RAMP",
    "ENT-PATH",
    "DOOR-WIDEN",
    "RAIL",
    "WC-SEAT",
    "BATH",
    "KITCHEN-LOW",
    "ELEC",
    "BED",
    "DOORBELL-FLASH",
    "KETTLE-FLASH",
    "TACTILE",
    "DOORBELL-VOICE",
    "SCREENREADER",
    "TALK-ITEMS",
    "GAS-ALARM",
    "SAFETY",
    "SMART",
]
ITEMS = load_items()


def test_catalogue_has_the_18_domain_items_in_order():
    assert CATALOGUE_VERSION == "2026.1"
    assert list(ITEMS) == DOMAIN_CODES


@pytest.mark.parametrize("item", ITEMS.values(), ids=lambda item: item.code)
def test_catalogue_rows_are_complete(item):
    assert item.name and item.name_en
    assert item.default_unit_cost > 0
    assert item.unit in UNIT_LABELS
    assert set(item.serves) <= set(range(1, 8))
    assert 7 in item.serves  # multiple disability may combine any of them


@pytest.mark.parametrize(
    ("code", "categories"),
    [
        ("ENT-RAMP", (4, 7)),
        ("RAIL", (1, 4, 7)),
        ("DOORBELL-FLASH", (2, 3, 7)),
        ("TACTILE", (1, 7)),
        ("GAS-ALARM", (1, 2, 3, 4, 5, 6, 7)),
        ("SAFETY", (5, 6, 7)),
    ],
)
def test_items_serve_the_categories_of_the_domain_table(code, categories):
    assert ITEMS[code].serves == categories


def test_a_catalogue_file_can_be_supplied(tmp_path):
    path = tmp_path / "items.csv"
    path.write_text(
        "code,name,name_en,serves,default_unit_cost,unit\nX,某项,Thing,4;7,10.5,set\n",
        encoding="utf-8",
    )
    item = load_items(path)["X"]
    assert (item.serves, item.default_unit_cost) == ((4, 7), 10.5)


@pytest.mark.parametrize(
    ("rise", "run", "slope", "ok", "max_rise", "suggestion"),
    [
        (0.45, 6.0, 0.075, True, 0.75, None),  # API example: fits 1:12
        (0.0, 1.0, 0.0, True, 1.20, None),
        (1.20, 24.0, 0.05, True, 1.20, None),  # exactly 1:20
        (1.21, 24.2, 0.05, False, 1.20, "add_landing"),
        (0.929, 18.58, 0.05, True, 1.20, None),  # 1:20 although 0.05000000000000001
        (0.90, 17.9, 0.0503, True, 0.90, None),  # just steeper than 1:20
        (0.91, 18.1, 0.0503, False, 0.90, "add_landing"),
        (0.90, 14.4, 0.0625, True, 0.90, None),  # exactly 1:16
        (0.75, 9.0, 0.0833, True, 0.75, None),  # exactly 1:12
        (0.626, 7.512, 0.0833, True, 0.75, None),  # 1:12 in floats 0.0833…34
        (0.76, 9.12, 0.0833, False, 0.75, "add_landing"),
        (0.80, 11.2, 0.0714, False, 0.75, "add_landing"),  # 1:14 fits 1:12
        (0.60, 6.0, 0.1, True, 0.60, None),  # exactly 1:10
        (0.30, 2.4, 0.125, True, 0.30, None),  # exactly 1:8
        (0.31, 2.48, 0.125, False, 0.30, "add_landing"),
        (0.31, 2.4, 0.1292, False, None, "too_steep"),
        (0.20, 1.0, 0.2, False, None, "too_steep"),
    ],
)
def test_ramp_check(rise, run, slope, ok, max_rise, suggestion):
    assert ramp_check(rise, run) == {
        "ramp_slope": slope,
        "ramp_ok": ok,
        "max_rise_m": max_rise,
        "suggestion": suggestion,
    }


@pytest.mark.parametrize(
    ("rise", "run", "code"),
    [
        (0.3, 0.0, "ramp_run"),
        (0.3, -1.0, "ramp_run"),
        (0.3, None, "ramp_run"),
        (-0.1, 2.0, "ramp_rise"),
        (None, 2.0, "ramp_rise"),
    ],
)
def test_ramp_check_rejects_impossible_dimensions(rise, run, code):
    with pytest.raises(AccessibilityError) as caught:
        ramp_check(rise, run)
    assert caught.value.code == code


@pytest.mark.parametrize(
    ("current", "new", "allowed"),
    [
        ("need_reported", "verified", True),
        ("verified", "plan_signed", True),
        ("plan_signed", "in_works", True),
        ("in_works", "accepted", True),
        ("in_works", "rejected", True),
        ("rejected", "in_works", True),
        ("accepted", "paid", True),
        ("need_reported", "plan_signed", False),
        ("in_works", "paid", False),
        ("rejected", "paid", False),
        ("paid", "accepted", False),
        ("accepted", "need_reported", False),
        ("unknown", "verified", False),
    ],
)
def test_stage_transitions(current, new, allowed):
    assert can_transition(current, new) is allowed


def test_every_stage_has_a_transition_entry():
    assert set(ALLOWED_TRANSITIONS) == set(STAGES)
    assert set().union(*ALLOWED_TRANSITIONS.values()) <= set(STAGES)


def test_api_example_is_costed_and_its_ramp_checked():
    data = {
        "items": [
            {"code": "ENT-RAMP", "quantity": 1, "unit_cost": 1500.0},
            {"code": "RAIL", "quantity": 3, "unit_cost": 200.0},
        ],
        "ramp": {"rise_m": 0.45, "run_m": 6.0},
        "stage": "need_reported",
    }
    assert assess_accessibility(data) == {
        "estimated_total": 2100.0,
        "over_cap": False,
        "cap": 6000.0,
        "item_count": 2,
        "ramp_slope": 0.075,
        "ramp_ok": True,
        "ramp_max_rise_m": 0.75,
        "ramp_suggestion": None,
    }


@pytest.mark.parametrize(
    ("items", "cap", "total", "over"),
    [
        ([], 6000.0, 0.0, False),
        ([{"code": "GAS-ALARM", "quantity": 2}], 6000.0, 300.0, False),
        (
            [{"code": "GAS-ALARM", "quantity": 2, "unit_cost": None}],
            6000.0,
            300.0,
            False,
        ),
        ([{"code": "SMART", "quantity": 3}], 6000.0, 6000.0, False),  # at the cap
        (
            [{"code": "SMART", "quantity": 3}, {"code": "ELEC", "quantity": 1}],
            6000.0,
            6150.0,
            True,
        ),
        ([{"code": "ENT-RAMP", "quantity": 1}], 1000.0, 1500.0, True),
        ([{"code": "RAIL", "quantity": 3, "unit_cost": 33.333}], 6000.0, 100.0, False),
        (
            [{"code": "ENT-PATH", "quantity": 12.5, "unit_cost": 0.0}],
            6000.0,
            0.0,
            False,
        ),
    ],
)
def test_estimated_total_and_cap(items, cap, total, over):
    result = assess_accessibility({"items": items}, cap=cap)
    assert (result["estimated_total"], result["over_cap"]) == (total, over)
    assert result["item_count"] == len(items)
    assert "ramp_ok" not in result


def test_a_custom_catalogue_sets_the_default_costs():
    catalogue = {"RAIL": Item("RAIL", "扶手", "Rail", (4,), 99.0, "piece")}
    result = assess_accessibility(
        {"items": [{"code": "RAIL", "quantity": 2}]}, catalogue=catalogue
    )
    assert result["estimated_total"] == 198.0


@pytest.mark.parametrize(
    ("data", "code", "field"),
    [
        ({"items": [{"code": "POOL", "quantity": 1}]}, "unknown_item", "items-0-code"),
        ({"items": [{"quantity": 1}]}, "unknown_item", "items-0-code"),
        (
            {
                "items": [
                    {"code": "RAIL", "quantity": 1},
                    {"code": "RAIL", "quantity": 0},
                ]
            },
            "quantity",
            "items-1-quantity",
        ),
        ({"items": [{"code": "RAIL", "quantity": -2}]}, "quantity", "items-0-quantity"),
        ({"items": [{"code": "RAIL"}]}, "quantity", "items-0-quantity"),
        (
            {"items": [{"code": "RAIL", "quantity": 1, "unit_cost": -5}]},
            "unit_cost",
            "items-0-unit_cost",
        ),
        ({"items": [], "stage": "done"}, "unknown_stage", "stage"),
        ({"items": [], "ramp": {"rise_m": 0.3, "run_m": 0}}, "ramp_run", "ramp-run_m"),
    ],
)
def test_unusable_input_is_rejected(data, code, field):
    with pytest.raises(AccessibilityError) as caught:
        assess_accessibility(data)
    assert (caught.value.code, caught.value.field) == (code, field)
