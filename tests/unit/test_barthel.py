"""Barthel Index scoring and dependency bands (DOMAIN §4.1)."""

import pytest

from fieldapp.domain.errors import RespiteError
from fieldapp.domain.respite import (
    BARTHEL_ITEMS,
    BARTHEL_LABELS,
    barthel_total,
    care_level,
    dependency,
)

ORDER = list(BARTHEL_ITEMS)


def scores(*values):
    """Item scores in the DOMAIN table's order."""
    return dict(zip(ORDER, values, strict=True))


MAXIMUM = {name: max(allowed) for name, allowed in BARTHEL_ITEMS.items()}


def test_items_are_the_ten_of_the_domain_table_in_order():
    assert ORDER == [
        "feeding",
        "bathing",
        "grooming",
        "dressing",
        "bowels",
        "bladder",
        "toilet",
        "transfer",
        "mobility",
        "stairs",
    ]
    assert sum(MAXIMUM.values()) == 100


def test_every_item_and_score_has_labels():
    assert list(BARTHEL_LABELS) == ORDER
    for name, allowed in BARTHEL_ITEMS.items():
        label = BARTHEL_LABELS[name]
        assert label.zh and label.en
        assert tuple(label.scores) == allowed
        assert all(label.scores.values())


@pytest.mark.parametrize(
    ("item_scores", "total", "band", "level"),
    [
        (MAXIMUM, 100, "independent", None),
        (scores(5, 0, 0, 5, 10, 5, 5, 10, 10, 5), 55, "moderate", 2),
        (scores(5, 0, 0, 5, 5, 5, 5, 5, 5, 0), 35, "severe", 1),
        (scores(10, 0, 5, 10, 10, 10, 10, 5, 0, 0), 60, "moderate", 2),
        (scores(10, 0, 5, 5, 10, 10, 5, 10, 10, 0), 65, "mild", 3),  # API example
        (scores(0, 0, 0, 0, 0, 0, 0, 0, 0, 0), 0, "severe", 1),
    ],
)
def test_domain_vectors(item_scores, total, band, level):
    assert barthel_total(item_scores) == total
    assert dependency(total) == band
    assert care_level(band) == level


@pytest.mark.parametrize(
    ("total", "band"),
    [
        (0, "severe"),
        (40, "severe"),
        (41, "moderate"),
        (60, "moderate"),
        (61, "mild"),
        (99, "mild"),
        (100, "independent"),
    ],
)
def test_band_boundaries(total, band):
    assert dependency(total) == band


@pytest.mark.parametrize("total", [-5, 101, 105])
def test_totals_outside_0_to_100_are_rejected(total):
    with pytest.raises(RespiteError) as caught:
        dependency(total)
    assert caught.value.code == "total_out_of_range"


def test_unknown_band_has_no_care_level():
    with pytest.raises(ValueError, match="unknown dependency band"):
        care_level("extreme")


DISALLOWED = [
    (name, bad)
    for name, allowed in BARTHEL_ITEMS.items()
    # e.g. bathing 10 (DOMAIN §4.1); booleans are not scores even though False == 0.
    for bad in sorted({-5, 1, 5, 10, 15, 20} - set(allowed)) + [True, False]
]


@pytest.mark.parametrize(("item", "score"), DISALLOWED)
def test_every_disallowed_score_is_rejected_on_its_item(item, score):
    with pytest.raises(RespiteError) as caught:
        barthel_total({**MAXIMUM, item: score})
    assert (caught.value.code, caught.value.field) == ("score_not_allowed", item)


@pytest.mark.parametrize("item", ORDER)
def test_every_missing_item_is_reported(item):
    given = {name: score for name, score in MAXIMUM.items() if name != item}
    with pytest.raises(RespiteError) as caught:
        barthel_total(given)
    assert (caught.value.code, caught.value.field) == ("missing_item", item)


def test_none_counts_as_missing():
    with pytest.raises(RespiteError) as caught:
        barthel_total({**MAXIMUM, "stairs": None})
    assert (caught.value.code, caught.value.field) == ("missing_item", "stairs")


def test_unknown_items_are_rejected():
    with pytest.raises(RespiteError) as caught:
        barthel_total({**MAXIMUM, "swimming": 5})
    assert (caught.value.code, caught.value.field) == ("unknown_item", "swimming")
