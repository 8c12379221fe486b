"""JGJ 125-2016 member-count grading (DOMAIN §1.5), incl. the verified example."""

from fractions import Fraction

import pytest

from fieldapp.domain.errors import HousingError
from fieldapp.domain.jgj125 import assess_jgj125, building_grade, layer_grade


def members(total, dangerous=0):
    """One member entry."""
    return {"total": total, "dangerous": dangerous}


def brick_house(walls=0, trusses=0, foundation=0):
    """DOMAIN's example: 10 walls, 4 trusses, 8 foundation members; n dangerous."""
    storey = {"wall": members(10, walls), "roof_truss": members(4, trusses)}
    return {"foundation": members(8, foundation), "storeys": [storey]}


@pytest.mark.parametrize(
    ("dangerous", "ratio", "foundation_grade", "storey_grades", "grade"),
    [
        ({}, 0.0, "A_u", ["A_u"], "A"),
        ({"walls": 1}, 0.0431, "A_u", ["C_u"], "B"),
        ({"walls": 2, "trusses": 1}, 0.1166, "A_u", ["C_u"], "C"),
        ({"foundation": 1, "walls": 4, "trusses": 2}, 0.2891, "C_u", ["D_u"], "D"),
    ],
)
def test_domain_verified_example(
    dangerous, ratio, foundation_grade, storey_grades, grade
):
    house = brick_house(**dangerous)
    result = assess_jgj125(False, house["foundation"], house["storeys"])
    assert result["ratio"] == ratio
    assert result["foundation_grade"] == foundation_grade
    assert result["storey_grades"] == storey_grades
    assert result["grade"] == grade


def test_example_storey_ratio_is_7_8_percent():
    house = brick_house(walls=1)
    result = assess_jgj125(False, house["foundation"], house["storeys"])
    assert result["storey_ratios"] == [0.078]
    assert result["foundation_ratio"] == 0.0


@pytest.mark.parametrize(
    ("ratio", "grade"),
    [
        (0, "A_u"),
        (0.0001, "B_u"),
        (0.0499, "B_u"),
        (Fraction(1, 20), "C_u"),
        (0.05, "C_u"),
        (0.2499, "C_u"),
        (Fraction(1, 4), "D_u"),
        (0.25, "D_u"),
        (1, "D_u"),
    ],
)
def test_layer_grade_bands(ratio, grade):
    assert layer_grade(ratio) == grade


@pytest.mark.parametrize("ratio", [-0.0001, 1.0001])
def test_ratios_outside_0_to_1_are_rejected(ratio):
    with pytest.raises(HousingError) as caught:
        layer_grade(ratio)
    assert caught.value.code == "ratio_out_of_range"
    with pytest.raises(HousingError):
        building_grade(ratio, ["A_u"])


@pytest.mark.parametrize(
    ("ratio", "layers", "grade"),
    [
        (0, ["A_u", "A_u"], "A"),
        (0.0001, ["A_u", "B_u"], "B"),
        (0.0499, ["A_u", "C_u"], "B"),
        (0.0499, ["A_u", "A_u", "D_u"], "C"),  # R < 5 % but a D_u layer
        (0.05, ["A_u", "C_u"], "C"),
        (0.2499, ["A_u", "C_u"], "C"),
        (0.25, ["A_u", "C_u"], "D"),
        (1, ["D_u", "D_u"], "D"),
        # 5 % ≤ R < 25 %: C while D_u layers ≤ (F + B + f) / 3, else D.
        (0.10, ["A_u", "D_u"], "D"),  # 1 > 2/3
        (0.10, ["A_u", "D_u", "C_u"], "C"),  # 1 ≤ 3/3
        (0.10, ["D_u", "D_u", "C_u"], "D"),  # 2 > 3/3
        (0.10, ["A_u", "D_u", "C_u", "C_u", "C_u", "D_u"], "C"),  # 2 ≤ 6/3
        (0.10, ["A_u", "D_u", "C_u", "C_u", "D_u"], "D"),  # 2 > 5/3
    ],
)
def test_building_grade_rules(ratio, layers, grade):
    assert building_grade(ratio, layers) == grade


def test_building_grade_rejects_unknown_layer_grades():
    with pytest.raises(HousingError) as caught:
        building_grade(0.1, ["A_u", "E_u"])
    assert caught.value.code == "unknown_layer_grade"


def test_one_storey_house_with_a_d_u_storey_in_the_c_band_is_d():
    # Storey 10.8/34.6 = 31 % (D_u); R = 10.8/62.6 = 17 %; 1 D_u of 2 layers.
    house = brick_house(walls=4)
    result = assess_jgj125(False, house["foundation"], house["storeys"])
    assert (result["storey_grades"], result["ratio"]) == (["D_u"], 0.1725)
    assert result["grade"] == "D"


def test_two_storey_house_with_one_d_u_storey_in_the_c_band_is_c():
    storeys = [
        {"wall": members(10, 4)},
        {"wall": members(10), "roof_truss": members(4)},
    ]
    result = assess_jgj125(False, members(8), storeys)
    assert result["storey_grades"] == ["D_u", "A_u"]
    assert result["ratio"] == 0.1205  # 10.8 / 89.6
    assert result["grade"] == "C"


def test_small_d_u_storey_in_a_large_building_makes_it_c():
    storeys = [{"wall": members(100)}, {"slab": members(4, 1)}]
    result = assess_jgj125(False, members(40), storeys)
    assert result["ratio"] == 0.0024
    assert result["grade"] == "C"


def test_exactly_5_percent_is_not_lost_to_float_rounding():
    # 1.9 / 38.0 is 0.0499999… in floats; the standard's band is 5 % ≤ R.
    result = assess_jgj125(False, members(0), [{"roof_truss": members(20, 1)}])
    assert result["storey_grades"] == ["C_u"]
    assert (result["ratio"], result["grade"]) == (0.05, "C")


def test_empty_storey_counts_as_a_layer_graded_a_u():
    storeys = [{"wall": members(10, 1)}, {}]
    result = assess_jgj125(False, None, storeys)
    assert result["storey_grades"] == ["C_u", "A_u"]
    assert result["foundation_grade"] == "A_u"
    assert result["storey_ratios"] == [0.1, 0.0]


def test_dangerous_site_makes_any_building_d():
    house = brick_house()
    result = assess_jgj125(True, house["foundation"], house["storeys"])
    assert (result["ratio"], result["grade"]) == (0.0, "D")


@pytest.mark.parametrize(
    ("foundation", "storeys", "code", "field"),
    [
        (members(8), [], "no_storeys", None),
        (members(0), [{"wall": members(0)}], "no_members", None),
        (None, [{}], "no_members", None),
        (members(8), [{"chimney": members(1)}], "unknown_member", "storeys-0-chimney"),
        (
            members(8),
            [{}, {"wall": members(3, 4)}],
            "dangerous_exceeds_total",
            "storeys-1-wall",
        ),
        (
            members(8, 9),
            [{"wall": members(3)}],
            "dangerous_exceeds_total",
            "foundation",
        ),
        (members(-1), [{"wall": members(3)}], "negative_count", "foundation"),
        (members(8), [{"slab": members(3, -1)}], "negative_count", "storeys-0-slab"),
    ],
)
def test_invalid_counts_are_rejected(foundation, storeys, code, field):
    with pytest.raises(HousingError) as caught:
        assess_jgj125(False, foundation, storeys)
    assert (caught.value.code, caught.value.field) == (code, field)
