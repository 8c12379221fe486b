"""The shared rule vectors against the survey forms: what the page's preview
refuses, the server refuses too (its form, or its rule on what the form keeps),
and the housing vectors are bodies a worker could submit."""

import copy
from datetime import date

import pytest
from werkzeug.datastructures import MultiDict

from fieldapp.domain.errors import DomainError
from fieldapp.registry import KINDS, SurveyContext
from forms.fields import prune
from forms.json import flatten, jsonable
from tests import rule_vectors as rv


def compute_cases(select) -> list:
    """(kind, case) of every kind's compute vectors that `select` picks."""
    return [
        pytest.param(kind, case, id=f"{kind}-{case['name']}")
        for kind in KINDS
        for case in rv.load(kind)["compute"]
        if select(kind, case)
    ]


def has_null(value) -> bool:
    """A null anywhere: the form never sees it (flattening drops it), and a page
    never posts one (an empty input is left out)."""
    if isinstance(value, dict):
        return any(has_null(v) for v in value.values())
    if isinstance(value, list):
        return any(has_null(v) for v in value)
    return value is None


def refused_by_preview(kind, case) -> bool:
    """A body a page could post that its preview answers with an error."""
    return "error" in rv.expected(case, twin="preview") and not has_null(case["data"])


def context(case) -> SurveyContext:
    """A rule context carrying the vector's facts (the rest left at defaults)."""
    facts = case.get("context", {})
    return SurveyContext(
        household_size=facts.get("household_size") or 0,
        poverty_status=facts.get("poverty_status"),
        captured_on=date.fromisoformat(facts.get("captured_on", "2026-03-20")),
        category=facts.get("category"),
        level=facts.get("level"),
    )


@pytest.mark.parametrize(("kind", "case"), compute_cases(refused_by_preview))
def test_what_the_preview_refuses_the_server_refuses(app, kind, case):
    spec = KINDS[kind]
    with app.test_request_context():
        form = spec.data_form(formdata=MultiDict(flatten(case["data"])))
        if form.validate():
            with pytest.raises(DomainError):
                spec.compute(copy.deepcopy(jsonable(prune(form.data))), context(case))


def accepted_housing_vector(kind, case) -> bool:
    """A housing vector both twins compute a result for."""
    return kind == "housing_inspection" and "preview" not in case and "expected" in case


@pytest.mark.parametrize(("kind", "case"), compute_cases(accepted_housing_vector))
def test_housing_vectors_are_bodies_the_form_stores_unchanged(app, kind, case):
    with app.test_request_context():
        form = KINDS[kind].data_form(formdata=MultiDict(flatten(case["data"])))
        assert form.validate(), form.errors
        assert jsonable(prune(form.data)) == case["data"]
