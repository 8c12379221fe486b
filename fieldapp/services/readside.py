"""The read side's counting rules, in one place (docs/architecture.md, "The office").

The dashboard, the quality lists and the map's GeoJSON all start from here, so
they cannot disagree: a household (for housing and accessibility) or a person
(for respite) counts once, by its latest record of a kind (by `captured_at`)
whose status is not `returned`; everything is limited to the user's towns (by
`policy.scope_households`), to one town when asked, and to records captured up
to the end of the "as of" day (China time) and households known by then.
"""

from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import (
    ColumnElement,
    Integer,
    Select,
    String,
    case,
    cast,
    exists,
    func,
    null,
    or_,
    select,
)
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import aliased
from sqlalchemy.sql.functions import FunctionElement

from fieldapp.clock import today
from fieldapp.domain.localtime import LOCAL_TZ
from fieldapp.domain.targets import month_ends
from fieldapp.extensions import db
from fieldapp.models import Household, Person, Record, Town, User
from fieldapp.services import policy
from fieldapp.services.scoped import NotInScope

# The dashboard's trend lines: this many month ends, the last the scope's day.
TREND_MONTHS = 12


@dataclass(frozen=True)
class Scope:
    """Whose towns, which town (None: all of them) and as of which day."""

    user: User
    town: str | None = None
    as_of: date = field(default_factory=today)

    @property
    def end(self) -> datetime:
        """The first instant after the as-of day in China time, in UTC."""
        midnight = datetime.combine(self.as_of + timedelta(days=1), time(), LOCAL_TZ)
        return midnight.astimezone(UTC)

    @property
    def day(self) -> str:
        """The as-of day as `YYYY-MM-DD`, to compare with dates stored as text."""
        return self.as_of.isoformat()

    def trend_points(self) -> list["Scope"]:
        """The scope at each month end of the trend lines, then at its own day."""
        return [
            replace(self, as_of=day) for day in month_ends(self.as_of, TREND_MONTHS)
        ]


def make_scope(user: User, town: str | None = None, as_of: date | None = None):
    """A scope, checked: a town that does not exist or is not the user's is a
    `NotInScope` (404), as for any object outside the user's towns."""
    town = town or None
    if town is not None and (
        db.session.get(Town, town) is None or not policy.in_scope(user, town)
    ):
        raise NotInScope("town")
    return Scope(user, town, as_of or today())


def town_codes(scope: Scope) -> list[str]:
    """The codes of the towns the scope covers, in code order."""
    if scope.town:
        return [scope.town]
    codes = policy.visible_town_codes(scope.user)
    stmt = select(Town.code).order_by(Town.code)
    if codes is not None:
        stmt = stmt.where(Town.code.in_(codes))
    return list(db.session.scalars(stmt))


def town_options(user: User) -> list[tuple[str, str]]:
    """(code, name) of every town the user may look at, for a town filter."""
    codes = policy.visible_town_codes(user)
    stmt = select(Town.code, Town.name).order_by(Town.code)
    if codes is not None:
        stmt = stmt.where(Town.code.in_(codes))
    return [tuple(row) for row in db.session.execute(stmt)]


def within(stmt: Select, scope: Scope) -> Select:
    """Restrict a statement that selects from `household` to the scope; on a
    past day, to the households known by then (`known_by`)."""
    if scope.as_of < today():
        stmt = stmt.where(known_by(scope))
    if scope.town:
        stmt = stmt.where(Household.town_code == scope.town)
    return policy.scope_households(stmt, scope.user)


def known_by(scope: Scope) -> ColumnElement[bool]:
    """Households known by the end of the scope's day: registered on the
    server by then, or with a record captured by then. A household typed on a
    phone without signal reaches the server days after its visit; counted by
    its server time alone, a past day's dashboard missed its records, which
    that day's point on the trend lines (by the records' own dates) counts."""
    earlier = aliased(Record)
    visited = (
        exists()
        .where(earlier.household_id == Household.id, earlier.captured_at < scope.end)
        .correlate_except(earlier)
    )
    return or_(Household.created_at < scope.end, visited)


def person_active(
    scope: "Scope | None" = None, status=Person.status, status_on=Person.status_on
) -> ColumnElement[bool]:
    """Members still living in the household on the scope's day: `active`, or
    deceased / moved out only after that day (API.md: member `status`,
    `status_on`). Such people keep their records but leave every count of
    eligible people and every to-do list from that day on. `status` and
    `status_on` may be a row set's copies of the member's columns."""
    still = status == "active"
    if scope is None:
        return still
    return or_(still, status_on > scope.as_of)


def json_text(column, key: str):
    """A JSON member as text (NULL when absent or null): dates, codes."""
    return column[key].as_string()


def counted_records(kinds, scope: Scope) -> Select:
    """Records of the kinds that count: not returned, captured by the as-of day,
    of a household in scope. Selects from `record` joined to `household`."""
    kinds = (kinds,) if isinstance(kinds, str) else tuple(kinds)
    stmt = (
        select(Record.id.label("record_id"))
        .join(Household, Record.household_id == Household.id)
        .where(
            Record.kind.in_(kinds),
            Record.status != "returned",
            Record.captured_at < scope.end,
        )
    )
    return within(stmt, scope)


def latest(
    scope: Scope,
    kinds: dict[str, dict],
    per: str = "household",
    living_on: Scope | None = None,
):
    """Per household (or per member still living there), the latest counted
    record of each kind, side by side, as one subquery.

    `kinds` maps each kind to its named columns (expressions over `Record`,
    and for `per="person"` over `Person` and `Household` too). Members count
    when still living there on the scope's day, or on `living_on`'s.
    The first kind must be present: its record is `record_id`; the others may
    be missing (their columns NULL). One window pass ranks every record of the
    kinds by `captured_at` (then id) within its owner and kind; the ranks of 1
    are then pivoted by owner. Joining separately ranked subqueries instead
    made SQLite rerun one ranking for every row of the other (seconds at city
    scale).
    """
    owner = Record.household_id if per == "household" else Record.person_id
    rank = func.row_number().over(
        partition_by=(owner, Record.kind),
        order_by=(Record.captured_at.desc(), Record.id.desc()),
    )
    named = {name: expr for columns in kinds.values() for name, expr in columns.items()}
    stmt = counted_records(kinds, scope).add_columns(
        Record.kind,
        Record.household_id,
        Record.person_id,
        Household.town_code,
        rank.label("rank"),
        *(expr.label(name) for name, expr in named.items()),
    )
    if per == "person":
        stmt = stmt.join(Person, Record.person_id == Person.id).where(
            person_active(living_on or scope)
        )
    ranked = stmt.subquery()
    first = next(iter(kinds))

    def of(kind: str, column):
        return func.max(case((ranked.c.kind == kind, column)))

    keys = [ranked.c.household_id, ranked.c.town_code]
    person = ranked.c.person_id if per == "person" else no_id()
    pivot = (
        select(
            *keys,
            person.label("person_id"),
            of(first, ranked.c.record_id).label("record_id"),
            *(
                of(kind, ranked.c[name]).label(name)
                for kind, columns in kinds.items()
                for name in columns
            ),
        )
        .where(ranked.c.rank == 1)
        .group_by(*keys, *([ranked.c.person_id] if per == "person" else []))
        .having(of(first, ranked.c.record_id).is_not(None))
    )
    return pivot.subquery()


class local_day(FunctionElement):  # noqa: N801 (used like a SQL function)
    """The China-time day of a stored UTC time, as `YYYY-MM-DD` text: the day
    a record counts from, to compare with its dated facts (`Scope.day`)."""

    type = String()
    inherit_cache = True
    name = "local_day"


# China has kept UTC+8 all year since 1991 (LOCAL_TZ).
@compiles(local_day, "sqlite")
def _local_day_sqlite(element, compiler, **kw):
    return f"date({compiler.process(element.clauses, **kw)}, '+8 hours')"


@compiles(local_day, "postgresql")
def _local_day_postgresql(element, compiler, **kw):
    moment = compiler.process(element.clauses, **kw)
    return f"to_char({moment} AT TIME ZONE '{LOCAL_TZ.key}', 'YYYY-MM-DD')"


def later_of(first, second):
    """The later of two `YYYY-MM-DD` texts (a NULL first one counts as none)."""
    first = func.coalesce(first, "")
    return case((first > second, first), else_=second)


def no_id():
    """An empty id column, typed so both databases accept it in joins."""
    return cast(null(), Integer)
