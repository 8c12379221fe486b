"""The facts a workflow stage needs, on creation as on correction (API.md,
"Stages and dates"): a record may stand at a stage only with that stage's facts
(and those of the stages it passed), and its dates never run backwards.

Pure helpers shared by the rules of the kinds with stages; each kind gives its
own table of facts by stage and its dates in workflow order.
"""

from collections.abc import Mapping, Sequence

from fieldapp.domain.errors import DomainError


def present(value) -> bool:
    """A fact is present when it is neither missing, empty text nor an empty list."""
    return value not in (None, "", [], {})


def missing_fact(
    stage: str | None, data: Mapping, facts: Mapping[str, Sequence[str]]
) -> str | None:
    """The first fact the stage needs that `data` lacks, or None."""
    for name in facts.get(stage, ()):
        if not present(data.get(name)):
            return name
    return None


def require_facts(
    stage: str | None,
    data: Mapping,
    facts: Mapping[str, Sequence[str]],
    error: type[DomainError],
) -> None:
    """Raise `error("required_for_stage")` on the first missing fact's field."""
    name = missing_fact(stage, data, facts)
    if name is not None:
        raise error("required_for_stage", field=name)


def dates_in_order(
    dates: Sequence[tuple[str, object]], error: type[DomainError]
) -> None:
    """Raise `error("date_order")` on the first date earlier than one before it.

    `dates` is (field, date or None) in workflow order; missing dates are skipped.
    """
    latest = None
    for name, value in dates:
        if value is None:
            continue
        if latest is not None and value < latest:
            raise error("date_order", field=name)
        latest = value
