"""The plan's two measures over time (SQLite and PostgreSQL): a house counts as
renovated once any renovation of it was accepted, a member as served with any
active service, eligibility is the register's on the day, and each month end of
the trend lines counts what the dashboard as of that day counts."""

from datetime import UTC, date, datetime

import pytest

from fieldapp.extensions import db
from fieldapp.models import Record
from fieldapp.services.measures import tally
from fieldapp.services.readside import make_scope
from tests.web.test_counting import (
    AS_OF,
    MARCH_1,
    MARCH_10,
    A,
    assessment,
    born_on,
    four_members,
    inspection,
    registered,
    renovation,
    service,
)


def test_a_house_accepted_once_stays_renovated_under_a_later_renovation(
    household, make_user
):
    registered(household)
    inspection(household, "D", captured_at=MARCH_1)
    renovation(household, "paid", "2026-06-01", captured_at=MARCH_10)
    # A second renovation record for the same house, opened later.
    renovation(household, "planned", captured_at=datetime(2026, 10, 1, tzinfo=UTC))
    scope = make_scope(make_user("supervisor", towns=()), as_of=AS_OF)
    renovations = tally("renovations", scope)[A]
    assert renovations["renovated"] == 1
    assert renovations["stage_planned"] == 1 and renovations["stage_paid"] == 0


def test_a_returned_acceptance_does_not_count(household, make_user):
    registered(household)
    renovation(household, "accepted", "2026-06-01", captured_at=MARCH_10)
    db.session.execute(
        Record.__table__.update().values(status="returned")
    )  # the only renovation sent back for correction
    db.session.commit()
    scope = make_scope(make_user("supervisor", towns=()), as_of=AS_OF)
    assert tally("renovations", scope) == {}


def test_renovated_counts_from_the_day_the_acceptance_reached_the_server(
    household, make_user
):
    registered(household)
    # Accepted on 1 June, but entered only on 10 September (China time).
    entered = datetime(2026, 9, 9, 17, tzinfo=UTC)  # 10 Sept 01:00 in China
    renovation(household, "accepted", "2026-06-01", captured_at=entered)
    boss = make_user("supervisor", towns=())
    counts = {
        day: tally("renovations", make_scope(boss, as_of=date(2026, 9, day)))
        for day in (9, 10)
    }
    assert counts[9] == {}  # not yet captured on 9 September
    assert counts[10][A]["renovated"] == 1


def test_served_counts_any_active_service_not_only_the_latest(
    make_household, make_user
):
    home = four_members(make_household)
    p1, p2, p3, _p4 = home.members
    for person in (p1, p2, p3):
        assessment(home, person, True, captured_at=MARCH_1)
    # p1: in care since May; a past episode entered afterwards.
    service(home, p1, started="2026-05-01", captured_at=MARCH_10)
    later = datetime(2026, 10, 20, tzinfo=UTC)
    service(home, p1, "2025-10-01", "2025-10-31", captured_at=later)
    # p2: in care; a planned stay next year entered afterwards.
    service(home, p2, started="2026-05-01", captured_at=MARCH_10)
    service(home, p2, started="2027-03-01", captured_at=later)
    # p3: the only active service was sent back: not served.
    service(home, p3, started="2026-05-01", captured_at=MARCH_10, status="returned")
    scope = make_scope(make_user("supervisor", towns=()), as_of=AS_OF)
    respite = tally("respite", scope)[A]
    assert (respite["eligible"], respite["served"]) == (3, 2)
    assert respite["without_service"] == 1


def test_each_month_end_of_the_trend_is_that_days_dashboard(make_household, make_user):
    """Records entered late (after the facts they date) count from the day
    they reached the server, on the trend line as on a past day's dashboard."""
    from fieldapp.services.dashboard import dashboard

    home = four_members(make_household)
    p1, p2, p3, _p4 = home.members
    inspection(home, "D", captured_at=MARCH_1)
    renovation(home, "paid", "2026-04-01", captured_at=datetime(2026, 7, 3, tzinfo=UTC))
    other = registered(make_household(A))
    renovation(other, "accepted", "2026-08-15", captured_at=MARCH_10)
    for person in (p1, p2, p3):
        assessment(home, person, True, captured_at=MARCH_1)
    service(
        home,
        p1,
        "2026-02-01",
        "2026-06-30",
        captured_at=datetime(2026, 9, 2, tzinfo=UTC),
    )
    service(home, p2, "2026-05-01", captured_at=MARCH_10)
    service(home, p3, "2026-01-01", "2026-08-31", captured_at=MARCH_1)
    admin = make_user("admin", towns=())
    trend = dashboard(make_scope(admin, as_of=AS_OF))["trend"]
    for index, day in enumerate(trend["points"]):
        past = dashboard(make_scope(admin, as_of=date.fromisoformat(day)))
        assert trend["housing_renovated"][index] == past["housing"]["renovated"], day
        assert trend["respite_served"][index] == past["respite"]["served"], day
    served = dict(zip(trend["points"], trend["respite_served"], strict=True))
    assert served["2026-03-31"] == 1  # p3 (p1's service not entered yet)
    assert served["2026-06-30"] == 2  # p2 and p3
    assert served["2026-09-30"] == 1  # p2
    renovated = dict(zip(trend["points"], trend["housing_renovated"], strict=True))
    assert (renovated["2026-06-30"], renovated["2026-07-31"]) == (0, 1)
    assert renovated["2026-08-31"] == 2


def test_eligibility_is_the_registers_on_the_day_not_the_assessments(
    make_household, make_user
):
    """The plan's 100 % counts whoever is eligible on the day: a household
    that left the priority groups, or a member who turned 60, leaves the
    count whatever the assessment said when it was made."""
    home = four_members(make_household)
    p1, p2, p3, p4 = home.members
    for person in home.members:
        assessment(home, person, True, captured_at=MARCH_1)
    born_on(p2, date(1966, 11, 15))  # 60 on 15 November 2026
    born_on(p3, date(1990, 1, 1), card="21")  # hearing: not covered
    born_on(p4, date(2011, 2, 1), card="51")  # intellectual, 15 until February
    boss = make_user("supervisor", towns=())

    def eligible(day):
        return tally("respite", make_scope(boss, as_of=day))[A]["eligible"]

    assert eligible(date(2026, 11, 14)) == 2  # p1, p2 (59)
    assert eligible(date(2026, 11, 15)) == 1  # p2 is 60
    assert eligible(date(2027, 2, 1)) == 2  # p4 is 16
    home.poverty_status = "other"  # no longer a poor household
    db.session.commit()
    assert eligible(date(2027, 2, 1)) == 0


@pytest.mark.parametrize("exited_eligible", [True, False])
def test_the_counted_eligibility_is_the_assessments_rule(
    app, make_household, make_user, exited_eligible, monkeypatch
):
    """Shared vectors: the count's SQL and `domain.respite.eligibility` agree
    person by person (ages at the edges, 29 February, each card and status)."""
    from fieldapp.domain.ids import age_on
    from fieldapp.domain.respite import eligibility
    from fieldapp.registry.settings import eligibility_rule
    from fieldapp.services.measures import members

    monkeypatch.setitem(app.config, "RESPITE_EXITED_ELIGIBLE", exited_eligible)
    day = date(2027, 2, 28)  # 2027 has no 29 February
    births = [
        date(2011, 2, 28), date(2011, 3, 1), date(2008, 2, 29), date(1967, 2, 28),
        date(1967, 3, 1), date(1968, 2, 29), date(1985, 5, 12),
    ]  # fmt: skip
    cards = ["41", "43", "11", "13", "51", "64", "71", "21", None]
    statuses = ["registered_poor", "dibao", "tekun", "exited", "other"]
    people = {}
    for n, (birth, card, status) in enumerate(
        (b, c, s) for b in births for c in cards for s in statuses
    ):
        if n % 3:  # a third of the combinations is enough
            continue
        home = registered(make_household(A, poverty_status=status))
        person = home.members[0]
        born_on(person, birth, card)
        assessment(home, person, False)
        people[person.id] = (birth, card, status)
    rule = eligibility_rule(app.config)
    expected = {
        pid
        for pid, (birth, card, status) in people.items()
        if eligibility(
            int(card[0]) if card else None,
            int(card[1]) if card else None,
            age_on(birth, day),
            status,
            rule,
        )[0]
    }
    scope = make_scope(make_user("admin", towns=()), as_of=day)
    _rows, stmt = members("respite", "eligible", scope)
    counted = {row.person_id for row in db.session.execute(stmt)}
    assert counted == expected and 0 < len(expected) < len(people)


def test_month_ends_count_who_lived_there_and_was_eligible_on_the_day(
    make_household, make_user
):
    """A member who died, one who turned 60 and one who moved out later count
    on the trend line at the month ends they were living there and eligible,
    as the dashboard as of those days does."""
    from fieldapp.services.dashboard import dashboard

    home = four_members(make_household)
    p1, p2, p3, p4 = home.members
    born_on(p2, date(1966, 7, 20))  # 60 on 20 July 2026
    for person in home.members:
        assessment(home, person, True, captured_at=MARCH_1)
        service(home, person, "2026-03-01", captured_at=MARCH_10)
    p1.status, p1.status_on = "deceased", date(2026, 9, 14)
    p3.status, p3.status_on = "moved_out", date(2026, 12, 2)  # after the day
    db.session.commit()
    admin = make_user("admin", towns=())
    body = dashboard(make_scope(admin, as_of=AS_OF))
    for index, day in enumerate(body["trend"]["points"]):
        past = dashboard(make_scope(admin, as_of=date.fromisoformat(day)))
        assert body["trend"]["respite_served"][index] == past["respite"]["served"], day
    trend = body["trend"]
    served = dict(zip(trend["points"], trend["respite_served"], strict=True))
    assert served["2026-06-30"] == 4
    assert served["2026-07-31"] == 3  # p2 is 60
    assert served["2026-09-30"] == 2  # p1 died
    assert body["respite"]["assessed"] == 3  # p1 gone; p3 still there on the day
    assert (body["respite"]["eligible"], body["respite"]["served"]) == (2, 2)
