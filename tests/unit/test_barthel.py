"""Barthel Index scoring and dependency bands (DOMAIN §4.1), on the vectors the
browser's port shares (tests/vectors/respite_assessment.json)."""

import pytest

from fieldapp.domain.respite import (
    BARTHEL_ITEMS,
    BARTHEL_LABELS,
    barthel_total,
    care_level,
    dependency,
)
from tests import rule_vectors as rv

VECTORS = rv.load("respite_assessment")

ORDER = list(BARTHEL_ITEMS)


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
    ("function", "case"),
    [
        (function, case)
        for function in (barthel_total, dependency, care_level)
        for case in VECTORS[function.__name__]
    ],
    ids=lambda value: getattr(value, "__name__", None) or value["name"],
)
def test_scoring_gives_the_shared_vectors_answer(function, case):
    got = rv.outcome(function, *case["args"])
    assert rv.strict(got) == rv.strict(rv.expected(case))


def test_vectors_cover_every_band_edge_and_every_refused_score():
    totals = {case["args"][0] for case in VECTORS["dependency"]}
    assert {0, 40, 41, 60, 61, 99, 100, -5, 101} <= totals
    refused = {
        case["error"]["field"]
        for case in VECTORS["barthel_total"]
        if case.get("error", {}).get("code") == "score_not_allowed"
    }
    assert refused == set(ORDER)


def test_unknown_band_has_no_care_level():
    with pytest.raises(ValueError, match="unknown dependency band"):
        care_level("extreme")
