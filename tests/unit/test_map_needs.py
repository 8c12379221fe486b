"""The map marker's `needs`: the most urgent thing to do at a household."""

import pytest

from fieldapp.services.mapdata import needs


@pytest.mark.parametrize(
    ("grade", "stage", "overdue", "visited", "expected"),
    [
        ("D", None, False, True, "dangerous"),
        ("C", "planned", True, True, "dangerous"),  # a plan is not works
        ("D", "in_works", False, True, "renovation_in_works"),
        ("D", "completed", False, True, "renovation_in_works"),  # not accepted yet
        ("D", "accepted", True, True, "followup_overdue"),
        ("C", "paid", False, True, None),
        ("B", None, False, True, None),
        ("A", None, False, False, "never_visited"),
        (None, None, False, False, "never_visited"),
    ],
)
def test_needs(grade, stage, overdue, visited, expected):
    assert needs(grade, stage, overdue, visited) == expected
