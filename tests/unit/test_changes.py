"""What changed between two versions of a record, field by field."""

import pytest

from fieldapp.domain.changes import Change, changes, computed_label, flat


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ({}, {}),
        ({"a": 1}, {"a": 1}),
        ({"barthel": {"feeding": 5}}, {"barthel-feeding": 5}),
        (
            {"items": [{"code": "RAIL"}, {"code": "ENT-RAMP", "quantity": 2}]},
            {"items-0-code": "RAIL", "items-1-code": "ENT-RAMP", "items-1-quantity": 2},
        ),
        ({"reasons": ["a", "b"]}, {"reasons": ("a", "b")}),
        ({"area_cap_m2": [40, 60]}, {"area_cap_m2": (40, 60)}),
        ({"gone": None, "empty": [], "kept": False}, {"kept": False}),
        ({"storeys": [{"wall": {"total": 3}}]}, {"storeys-0-wall-total": 3}),
    ],
)
def test_flat_names_fields_like_the_forms(value, expected):
    assert flat(value) == expected


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        ({"a": 1}, {"a": 1}, []),
        ({"a": 1}, {"a": 1.0}, []),
        ({"a": 1}, {"a": 2}, [Change("a", 1, 2)]),
        ({}, {"a": 2}, [Change("a", None, 2)]),
        ({"a": 1, "b": 2}, {"b": 2}, [Change("a", 1, None)]),
        (None, {"a": True}, [Change("a", None, True)]),
        ({"a": False}, {"a": None}, [Change("a", False, None)]),
        (
            {"x": {"p": 1, "q": 2}, "z": 0},
            {"z": 1, "x": {"q": 3, "p": 1}},
            [Change("z", 0, 1), Change("x-q", 2, 3)],
        ),
        (
            {"items": [{"code": "RAIL"}, {"code": "ENT-RAMP"}]},
            {"items": [{"code": "RAIL"}]},
            [Change("items-1-code", "ENT-RAMP", None)],
        ),
        ({"r": ["a"]}, {"r": ["a", "b"]}, [Change("r", ("a",), ("a", "b"))]),
    ],
)
def test_changes_lists_each_field_that_differs(before, after, expected):
    assert changes(before, after) == expected


@pytest.mark.parametrize(
    ("key", "lang", "expected"),
    [
        ("barthel_total", "zh", "Barthel 总分"),
        ("grade", "en", "grade"),
        ("linked_renovation-grade", "zh", "同步危房改造 · grade"),
        ("not_a_known_value", "zh", "not_a_known_value"),
        ("estimated_total", "en-GB", "estimated total (yuan)"),
    ],
)
def test_computed_values_have_labels(key, lang, expected):
    assert computed_label(key, lang) == expected
