"""Monthly trend lines of the dashboard: each measure at the end of the last months.

The row sets are the dashboard's own: each series is one more conditional sum
per month end in the same GROUP BY that counts the dashboard's numbers
(`measures.tally`), so the last point is the dashboard's figure and no row set
is built twice. Dated facts place a row in time: a renovation's `accepted_on`,
a device's `fitted_on`, a respite service's `started_on` / `ended_on`; the
first inspection's capture time (one more query) for houses inspected.
"""

from sqlalchemy import case, func, select

from fieldapp.extensions import db
from fieldapp.models import Record
from fieldapp.services.measures import renovated, served
from fieldapp.services.readside import Scope, counted_records

# Series drawn from a row set the dashboard counts anyway: name -> (row set,
# whether a row counts at a point, a scope whose as-of day is that point).
SERIES = {
    "housing_renovated": ("renovations", renovated),
    "devices_fitted": ("devices", lambda rows, point: rows.c.fitted_on <= point.day),
    "respite_served": ("respite", served),
}


def points(scope: Scope) -> list[Scope]:
    """The scope at each month end, then at its own day."""
    return scope.trend_points()


def extra_measures(scope: Scope) -> dict[str, dict]:
    """{row set: {"<series>@<i>": condition}} to add to the dashboard's tallies."""
    extra: dict[str, dict] = {}
    for series, (rowset, counts) in SERIES.items():
        for index, point in enumerate(points(scope)):
            extra.setdefault(rowset, {})[f"{series}@{index}"] = (
                lambda rows, _scope, counts=counts, point=point: counts(rows, point)
            )
    return extra


def first_inspections(scope: Scope):
    """Each household's first counted inspection time."""
    stmt = (
        counted_records("housing_inspection", scope)
        .with_only_columns(
            Record.household_id, func.min(Record.captured_at).label("first")
        )
        .group_by(Record.household_id)
    )
    return stmt.subquery()


def inspected(scope: Scope) -> list[int]:
    """Households inspected (at least once, counted) by each point."""
    rows = first_inspections(scope)
    sums = [
        func.coalesce(func.sum(case((rows.c.first < point.end, 1), else_=0)), 0)
        for point in points(scope)
    ]
    return [int(v) for v in db.session.execute(select(*sums).select_from(rows)).one()]


def trends(scope: Scope, totals: dict[str, dict]) -> dict:
    """The points and each series' values, from the summed tallies."""
    days = points(scope)
    body = {"points": [p.day for p in days], "housing_inspected": inspected(scope)}
    for series, (rowset, _counts) in SERIES.items():
        body[series] = [int(totals[rowset][f"{series}@{i}"]) for i in range(len(days))]
    return body
