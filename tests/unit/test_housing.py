"""Rural 2019 grading, renovation consequences and the housing_inspection result."""

import pytest

from fieldapp.domain.errors import HousingError
from fieldapp.domain.housing import (
    COMPONENTS,
    METHODS,
    STANDARD_USED,
    HousingRules,
    assess_housing,
    grade_rural_2019,
    rebuild_area_cap,
    renovation_mode,
)

API_RURAL = {
    "method": "rural_2019",
    "structure_type": "brick_wood",
    "floors": 1,
    "built_year": 1995,
    "site_dangerous": False,
    "components": {
        "foundation": "a",
        "walls": "b",
        "frame": "a",
        "roof": "c",
        "enclosure": "a",
    },
}
API_JGJ = {
    "method": "jgj125_2016",
    "structure_type": "brick_concrete",
    "floors": 1,
    "built_year": 1988,
    "site_dangerous": False,
    "foundation": {"total": 8, "dangerous": 0},
    "storeys": [
        {
            "wall": {"total": 10, "dangerous": 1},
            "roof_truss": {"total": 4, "dangerous": 0},
        }
    ],
}


def rural(components, site_dangerous=False):
    """A rural_2019 body with the given component grades."""
    return {**API_RURAL, "site_dangerous": site_dangerous, "components": components}


@pytest.mark.parametrize(
    ("site_dangerous", "components", "grade"),
    [
        (False, dict.fromkeys(COMPONENTS, "a"), "A"),
        (False, {"walls": "a", "roof": "b"}, "B"),
        (False, {"walls": "c", "roof": "b"}, "C"),
        (False, {"foundation": "d", "walls": "c", "roof": "b"}, "D"),
        (False, API_RURAL["components"], "C"),
        (False, {"walls": "B"}, "B"),
        (True, dict.fromkeys(COMPONENTS, "a"), "D"),
        (True, {}, "D"),  # phase 1 ended the inspection
    ],
)
def test_rural_2019_grade_is_worst_component_or_d_on_a_dangerous_site(
    site_dangerous, components, grade
):
    assert grade_rural_2019(site_dangerous, components) == grade


@pytest.mark.parametrize(
    ("components", "code", "field"),
    [
        ({}, "no_components", None),
        (None, "no_components", None),
        ({"chimney": "a"}, "unknown_component", "components-chimney"),
        ({"walls": "e"}, "component_grade", "components-walls"),
        ({"walls": ""}, "component_grade", "components-walls"),
        ({"walls": "ab"}, "component_grade", "components-walls"),
    ],
)
def test_rural_2019_rejects_unusable_components(components, code, field):
    with pytest.raises(HousingError) as caught:
        grade_rural_2019(False, components)
    assert (caught.value.code, caught.value.field) == (code, field)


@pytest.mark.parametrize(
    ("size", "cap"),
    [
        (None, None),
        (-1, None),
        (0, None),
        (1, (20.0, 30.0)),
        (2, (30.0, 40.0)),
        (3, (40.0, 60.0)),
        (4, (52.0, 72.0)),
        (6, (78.0, 108.0)),
    ],
)
def test_rebuild_area_cap_by_household_size(size, cap):
    assert rebuild_area_cap(size) == cap


def test_area_caps_are_configurable():
    rules = HousingRules(area_caps={1: (25.0, 35.0)}, per_person_area=(15.0, 20.0))
    assert rebuild_area_cap(1, rules) == (25.0, 35.0)
    assert rebuild_area_cap(2, rules) == (30.0, 40.0)


@pytest.mark.parametrize(
    ("grade", "site_dangerous", "mode"),
    [
        ("A", False, "none"),
        ("B", False, "none"),
        ("C", False, "repair"),
        ("D", False, "rebuild"),
        ("D", True, "relocate"),
    ],
)
def test_renovation_mode_follows_the_grade(grade, site_dangerous, mode):
    assert renovation_mode(grade, site_dangerous) == mode


@pytest.mark.parametrize(
    ("components", "site_dangerous", "expected"),
    [
        (
            {"walls": "a"},
            False,
            {
                "grade": "A",
                "dangerous": False,
                "renovation_mode": "none",
                "subsidy_floor": None,
                "area_cap_m2": None,
            },
        ),
        (
            {"walls": "b"},
            False,
            {
                "grade": "B",
                "dangerous": False,
                "renovation_mode": "none",
                "subsidy_floor": None,
                "area_cap_m2": None,
            },
        ),
        (
            API_RURAL["components"],
            False,
            {
                "grade": "C",
                "dangerous": True,
                "renovation_mode": "repair",
                "subsidy_floor": 8000,
                "area_cap_m2": None,
            },
        ),
        (
            {"walls": "d"},
            False,
            {
                "grade": "D",
                "dangerous": True,
                "renovation_mode": "rebuild",
                "subsidy_floor": 35000,
                "area_cap_m2": [40.0, 60.0],
            },
        ),
        (
            {"walls": "a"},
            True,
            {
                "grade": "D",
                "dangerous": True,
                "renovation_mode": "relocate",
                "subsidy_floor": 35000,
                "area_cap_m2": [40.0, 60.0],
            },
        ),
    ],
)
def test_rural_assessment_result(components, site_dangerous, expected):
    result = assess_housing(rural(components, site_dangerous), household_size=3)
    assert result == {**expected, "standard_used": "JIANCUN2019_200"}


def test_rebuild_without_household_size_has_no_area_cap():
    result = assess_housing(rural({"walls": "d"}))
    assert (result["renovation_mode"], result["area_cap_m2"]) == ("rebuild", None)


def test_jgj125_assessment_result_carries_the_quantitative_fields():
    result = assess_housing(API_JGJ, household_size=2)
    assert result == {
        "grade": "B",
        "ratio": 0.0431,
        "foundation_ratio": 0.0,
        "storey_ratios": [0.078],
        "foundation_grade": "A_u",
        "storey_grades": ["C_u"],
        "dangerous": False,
        "renovation_mode": "none",
        "standard_used": "JGJ125_2016",
        "subsidy_floor": None,
        "area_cap_m2": None,
    }


def test_jgj125_dangerous_site_means_relocation():
    result = assess_housing({**API_JGJ, "site_dangerous": True}, household_size=1)
    assert (result["grade"], result["renovation_mode"]) == ("D", "relocate")
    assert result["area_cap_m2"] == [20.0, 30.0]


def test_subsidy_floors_are_configurable():
    rules = HousingRules(subsidy_floor={"C": 10000, "D": 40000})
    result = assess_housing(rural({"walls": "c"}), rules=rules)
    assert result["subsidy_floor"] == 10000


@pytest.mark.parametrize("method", [None, "jiancun_2009", "RURAL_2019"])
def test_unknown_method_is_rejected(method):
    with pytest.raises(HousingError) as caught:
        assess_housing({**API_RURAL, "method": method})
    assert (caught.value.code, caught.value.field) == ("unknown_method", "method")


def test_every_method_names_its_standard():
    assert set(STANDARD_USED) == set(METHODS)
