"""The survey registry: every kind of survey and everything that makes it differ.

A kind is a data form (forms/<kind>.py), a rule (fieldapp/domain/), a template
folder (templates/surveys/<kind>/), a JS port of its rule for the live preview,
and one entry: a `SurveyKind` in its own module here, listed in `KINDS` below.
`tests/unit/test_registry.py` checks that each entry's files, labels and
vocabularies exist.
"""

from fieldapp import clock
from fieldapp.registry import (
    accessibility_assessment,
    device_fitting,
    housing_inspection,
    housing_renovation,
    respite_assessment,
    respite_service,
)
from fieldapp.registry.context import SurveyContext
from fieldapp.registry.kind import SurveyKind

__all__ = [
    "KINDS",
    "SurveyContext",
    "SurveyKind",
    "current_computed",
    "get_kind",
    "kinds_written_by",
]

KINDS: dict[str, SurveyKind] = {
    kind.name: kind
    for kind in (
        housing_inspection.KIND,
        housing_renovation.KIND,
        accessibility_assessment.KIND,
        device_fitting.KIND,
        respite_assessment.KIND,
        respite_service.KIND,
    )
}


def get_kind(name: str) -> SurveyKind | None:
    """The registered kind of that name, or None."""
    return KINDS.get(name)


def kinds_written_by(role: str) -> frozenset[str]:
    """The kinds whose entry names `role` among its writers."""
    return frozenset(kind.name for kind in KINDS.values() if role in kind.writers)


def current_computed(record, today=None) -> dict:
    """A record's computed values as of today (the app's clock): what pages,
    answers and case files show. Values that depend on the day (a fitting's
    `followup_overdue`, a service's `active`) are worked out again."""
    spec = get_kind(record.kind)
    if spec is None:
        return dict(record.computed or {})
    return spec.computed_on(record.data, record.computed, today or clock.today())
