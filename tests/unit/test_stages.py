"""Stage rules on correction and the stage history derived from record versions."""

from datetime import datetime
from types import SimpleNamespace

import pytest

from fieldapp.domain import accessibility, devices
from fieldapp.domain.stages import (
    accessibility_stage_check,
    device_stage_check,
    stage_history,
)

REFUSED = {"data-stage": ["stage_backwards"]}


@pytest.mark.parametrize("old", accessibility.STAGES)
@pytest.mark.parametrize("new", accessibility.STAGES)
def test_accessibility_corrections_keep_or_advance_the_workflow(old, new):
    allowed = old == new or new in accessibility.ALLOWED_TRANSITIONS[old]
    expected = {} if allowed else REFUSED
    assert accessibility_stage_check({"stage": old}, {"stage": new}) == expected


def test_accessibility_record_without_a_stored_stage_may_take_any():
    assert accessibility_stage_check({}, {"stage": "paid"}) == {}


@pytest.mark.parametrize("old", devices.STAGES)
@pytest.mark.parametrize("new", devices.STAGES)
def test_device_corrections_never_move_back(old, new):
    backwards = devices.STAGES.index(new) < devices.STAGES.index(old)
    expected = REFUSED if backwards else {}
    assert device_stage_check({"stage": old}, {"stage": new}) == expected


def version(number, stage, author="王", day=1):
    return SimpleNamespace(
        version=number,
        author=SimpleNamespace(name=author) if author else None,
        created_at=datetime(2026, 3, day, 9, 0),
        body={"data": {"stage": stage} if stage else {}},
    )


def test_stage_history_keeps_the_first_version_of_each_stage_in_order():
    versions = [
        version(3, "verified", "李", day=3),
        version(1, "need_reported", "王", day=1),
        version(2, "verified", "张", day=2),
        version(4, None, None, day=4),
        version(5, "in_works", None, day=5),
        version(6, "rejected", "李", day=6),
        version(7, "in_works", "王", day=7),
    ]
    steps = stage_history(versions)
    assert [(s.stage, s.version, s.author, s.reached_at.day) for s in steps] == [
        ("need_reported", 1, "王", 1),
        ("verified", 2, "张", 2),
        ("in_works", 5, "", 5),
        ("rejected", 6, "李", 6),
    ]


def test_stage_history_of_no_versions_is_empty():
    assert stage_history([]) == []
