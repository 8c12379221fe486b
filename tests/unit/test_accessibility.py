"""Barrier-free renovation: catalogue, cost estimate, ramp check and stages (§2);
the rule's vectors are shared with the browser's port
(tests/vectors/accessibility_assessment.json)."""

import copy
from decimal import Decimal
from fractions import Fraction

import pytest

from fieldapp.domain.accessibility import (
    ALLOWED_TRANSITIONS,
    CATALOGUE_VERSION,
    GB50763_2012,
    GB55019_2021,
    RAMP_STANDARDS,
    STAGES,
    UNIT_LABELS,
    assess_accessibility,
    can_transition,
    exact,
    load_items,
    ramp_check,
    ramp_plan,
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


@pytest.mark.parametrize("case", VECTORS["ramp_plan"], ids=rv.case_id)
def test_ramp_plan_gives_the_shared_vectors_answer(case):
    got = rv.outcome(ramp_plan, *case["args"])
    assert rv.strict(got) == rv.strict(rv.expected(case))


@pytest.mark.parametrize("standard", sorted(RAMP_STANDARDS))
def test_ramp_vectors_cover_every_row_at_and_just_above_its_maximum(standard):
    """Each row of each standard has a vector at its slope with its maximum
    rise, and each row's limit is crossed by a vector that needs a landing."""
    results = {}
    for case in VECTORS["ramp_check"]:
        rise, run, *named = case["args"]
        if "expected" in case and (named or [GB50763_2012])[0] == standard:
            results[(Fraction(str(rise)), Fraction(str(run)))] = case["expected"]
    rows = RAMP_STANDARDS[standard]
    for max_slope, max_rise in rows:
        at_limit = results[(max_rise, max_rise / max_slope)]
        assert (at_limit["ramp_ok"], at_limit["max_rise_m"]) == (True, float(max_rise))
    landings = {
        r["max_rise_m"] for r in results.values() if r["suggestion"] == "add_landing"
    }
    assert landings == {float(max_rise) for _slope, max_rise in rows}


def test_the_legacy_table_is_gb50763_and_the_code_in_force_allows_no_1_8():
    assert max(slope for slope, _rise in RAMP_STANDARDS[GB55019_2021]) == Fraction(
        1, 10
    )
    assert ramp_check(0.3, 2.4)["ramp_ok"] is True
    assert ramp_check(0.3, 2.4, GB55019_2021)["suggestion"] == "too_steep"


HAIR = Fraction(1, 10**12)


@pytest.mark.parametrize(
    ("rise", "run", "ok"),
    [
        # exactly on the limits: allowed (floats alone would say 0.2/2.4 > 1/12)
        (Fraction(3, 4), Fraction(9), True),
        (Decimal("0.75"), Decimal("9.00"), True),
        (0.2, 2.4, True),
        (0.4, 4.8, True),
        (Fraction(3, 20), Fraction(3, 2), True),
        # a hair over: refused, however small the excess
        (Fraction(3, 4) + HAIR, Fraction(9) + 12 * HAIR, False),
        (Decimal("0.2"), Decimal("2.399999999999"), False),
        (Decimal("0.150000000001"), Decimal("1.50000000001"), False),
    ],
)
def test_gb55019_boundaries_are_exact(rise, run, ok):
    assert ramp_check(rise, run, GB55019_2021)["ramp_ok"] is ok


def test_exact_reads_a_float_as_the_decimal_it_was_written_as():
    assert exact(0.1) == Fraction(1, 10)
    assert exact(2.4) == Fraction(12, 5)
    assert exact(3) == Fraction(3)
    assert exact(Decimal("0.75")) == Fraction(3, 4)


def test_ramp_plan_is_itself_compliant():
    """The run the helper suggests, split into its flights, passes the check."""
    for standard in RAMP_STANDARDS:
        for cm in range(1, 301, 7):
            rise = cm / 100
            plan = ramp_plan(rise, standard)
            flight_rise = exact(rise) / plan["flights"]
            flight_run = Fraction(str(plan["run_m"])) / plan["flights"]
            check = ramp_check(flight_rise, flight_run, standard)
            assert check["ramp_ok"], (standard, rise, plan)


def test_a_ramp_without_a_standard_is_checked_against_the_legacy_table():
    data = {"ramp": {"rise_m": 0.3, "run_m": 2.4}}
    got = assess_accessibility(data, catalogue={})
    assert (got["ramp_ok"], got["ramp_standard"]) == (True, GB50763_2012)
    data["ramp"]["standard"] = GB55019_2021
    got = assess_accessibility(data, catalogue={})
    assert (got["ramp_ok"], got["ramp_standard"]) == (False, GB55019_2021)


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


@pytest.mark.parametrize(
    ("call", "code"),
    [
        (lambda: ramp_check(0.3, True), "ramp_run"),
        (lambda: ramp_check(True, 3.6), "ramp_rise"),
        (lambda: ramp_plan(True, GB55019_2021), "ramp_rise"),
        (lambda: ramp_plan(None, GB55019_2021), "ramp_rise"),
    ],
)
def test_a_yes_no_or_missing_value_is_not_a_measurement(call, code):
    """JSON true is no length (the page's port refuses it the same way)."""
    assert rv.outcome(call)["error"]["code"] == code
