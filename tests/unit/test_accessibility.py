"""Barrier-free renovation: catalogue, cost estimate, ramp check and stages (§2);
the rule's vectors are shared with the browser's port
(tests/vectors/accessibility_assessment.json)."""

import copy

import pytest

from fieldapp.domain.accessibility import (
    ALLOWED_TRANSITIONS,
    CATALOGUE_VERSION,
    RAMP_TABLE,
    STAGES,
    UNIT_LABELS,
    assess_accessibility,
    can_transition,
    load_items,
    ramp_check,
)
from tests import rule_vectors as rv

VECTORS = rv.load("accessibility_assessment")

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


@pytest.mark.parametrize("case", VECTORS["compute"], ids=rv.case_id)
def test_assessment_gives_the_shared_vectors_answer(case):
    settings = rv.settings(VECTORS, case)["accessibility"]
    got = rv.outcome(
        assess_accessibility,
        copy.deepcopy(case["data"]),
        cap=settings["cap"],
        catalogue=rv.item_catalogue(settings),
    )
    assert rv.strict(got) == rv.strict(rv.expected(case))


@pytest.mark.parametrize("case", VECTORS["ramp_check"], ids=rv.case_id)
def test_ramp_check_gives_the_shared_vectors_answer(case):
    got = rv.outcome(ramp_check, *case["args"])
    assert rv.strict(got) == rv.strict(rv.expected(case))


def test_ramp_vectors_cover_every_row_at_and_just_above_its_maximum():
    """Each table row has a vector at its slope with its maximum rise, and
    each row's limit is crossed by a vector that needs a landing."""
    results = {
        tuple(case["args"]): case["expected"]
        for case in VECTORS["ramp_check"]
        if "expected" in case
    }
    for max_slope, max_rise in RAMP_TABLE:
        at_limit = results[(max_rise, round(max_rise / max_slope, 2))]
        assert (at_limit["ramp_ok"], at_limit["max_rise_m"]) == (True, max_rise)
    landings = {
        r["max_rise_m"] for r in results.values() if r["suggestion"] == "add_landing"
    }
    assert landings == {max_rise for _slope, max_rise in RAMP_TABLE}


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
