"""The office's counting rules on a known set of households (SQLite and PostgreSQL).

Latest record of a kind per household (or person) by captured_at, returned
records left out, town scoping, the as-of day; and every count equals the
length of the list behind it.
"""

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import func, select

from fieldapp.extensions import db
from fieldapp.services.measures import ROWSETS, members, tally
from fieldapp.services.readside import make_scope
from fieldapp.services.scoped import NotInScope
from tests.factories import eligible_member, make_id
from tests.report_factories import make_record

A = "469006100"  # 万城镇
B = "469006101"  # 龙滚镇
AS_OF = date(2026, 11, 1)
MARCH_1 = datetime(2026, 3, 1, 2, tzinfo=UTC)
MARCH_10 = datetime(2026, 3, 10, 2, tzinfo=UTC)
DECEMBER = datetime(2026, 12, 5, 2, tzinfo=UTC)
REGISTERED = datetime(2026, 1, 5, 2, tzinfo=UTC)


def inspection(household, grade, **kw):
    """A stored inspection with the given grade."""
    return make_record(household, "housing_inspection", computed={"grade": grade}, **kw)


def renovation(household, stage, accepted_on=None, **kw):
    """A stored housing renovation (inserted as a row: no form needed)."""
    data = {"mode": "rebuild", "stage": stage, "accepted_on": accepted_on}
    return make_record(household, "housing_renovation", data, computed={}, **kw)


def fitting(household, stage="fitted", due="2026-04-05", replace="2029-03-05", **kw):
    """A stored device fitting with its computed dates."""
    computed = {"next_followup_due": due, "replacement_due": replace}
    data = {"stage": stage, "fitted_on": "2026-03-05"}
    return make_record(household, "device_fitting", data, computed=computed, **kw)


def assessment(household, person, eligible, **kw):
    """A stored respite assessment of one member."""
    return make_record(
        household,
        "respite_assessment",
        {},
        computed={"eligible": eligible},
        person=person,
        **kw,
    )


def service(household, person, started="2026-05-01", ended=None, **kw):
    """A stored respite service of one member."""
    data = {"mode": "home", "started_on": started, "ended_on": ended}
    return make_record(
        household, "respite_service", data, computed={}, person=person, **kw
    )


def registered(household):
    """The household as registered in January (before every as-of day used)."""
    household.created_at = REGISTERED
    db.session.commit()
    return household


def four_members(make_household, town=A):
    """A household of four members with cards, each eligible for 托养 by the
    register (age, card, the household's poverty status)."""
    members = [eligible_member()] + [
        eligible_member(relation="child") for _ in range(3)
    ]
    return registered(make_household(town, members=members))


def born_on(person, birth: date, card: str | None = "41") -> None:
    """Give a stored member another birth day (and ID, and card suffix)."""
    person.id_number = make_id(birth)
    person.birth_date = birth
    person.disability_card = person.id_number + card if card else None
    person.disability_category = int(card[0]) if card else None
    person.disability_level = int(card[1]) if card else None
    db.session.commit()


@pytest.fixture
def known(make_household, make_user):
    """Households in two towns with records that test each rule."""
    h = {n: registered(make_household(A)) for n in (1, 2, 3, 4, 7)}
    h[5] = registered(make_household(B))
    h[6] = registered(make_household(A, location=None))  # no visit, no location
    # 1: D then B: the latest (B) counts, even though D was approved.
    inspection(h[1], "D", captured_at=MARCH_1, status="approved")
    inspection(h[1], "B", captured_at=MARCH_10)
    # 2: C, then an A that was returned: the C still counts; no renovation.
    inspection(h[2], "C", captured_at=MARCH_1)
    inspection(h[2], "A", captured_at=MARCH_10, status="returned")
    # 3: D with works under way; 4: C accepted in June; 5 (other town): D, paid.
    inspection(h[3], "D", captured_at=MARCH_1)
    renovation(h[3], "in_works", captured_at=MARCH_10)
    inspection(h[4], "C", captured_at=MARCH_1)
    renovation(h[4], "accepted", "2026-06-28", captured_at=MARCH_10)
    inspection(h[5], "D", captured_at=MARCH_1)
    renovation(h[5], "paid", "2026-06-01", captured_at=MARCH_10)
    # 7: inspected only after the as-of day.
    inspection(h[7], "D", captured_at=DECEMBER)
    return h


def test_housing_counts_latest_not_returned_inspection_per_household(known, make_user):
    scope = make_scope(make_user("supervisor", towns=()), as_of=AS_OF)
    housing = tally("housing", scope)
    assert housing[A]["all"] == 4  # 1, 2, 3, 4 (7 only after the day)
    assert (housing[A]["grade_B"], housing[A]["grade_C"]) == (1, 2)
    assert (housing[A]["grade_D"], housing[A]["grade_A"]) == (1, 0)
    assert housing[A]["without_renovation"] == 1  # household 2
    assert housing[B]["all"] == housing[B]["grade_D"] == 1


def test_later_as_of_day_counts_the_later_inspection(known, make_user):
    scope = make_scope(make_user("supervisor", towns=()), as_of=date(2026, 12, 31))
    assert tally("housing", scope)[A]["grade_D"] == 2  # households 3 and 7


def test_renovations_by_stage_and_renovated_by_acceptance_day(known, make_user):
    boss = make_user("supervisor", towns=())
    renovations = tally("renovations", make_scope(boss, as_of=AS_OF))
    assert renovations[A]["stage_in_works"] == renovations[A]["stage_accepted"] == 1
    assert renovations[A]["renovated"] == 1
    assert renovations[B]["stage_paid"] == renovations[B]["renovated"] == 1
    before = tally("renovations", make_scope(boss, as_of=date(2026, 6, 15)))
    assert before[A]["renovated"] == 0  # accepted on 28 June
    assert before[B]["renovated"] == 1  # accepted on 1 June


def test_town_scoping_limits_every_count(known, make_user):
    own = make_scope(make_user("supervisor", towns=(A,)), as_of=AS_OF)
    assert set(tally("housing", own)) == {A}
    assert set(tally("households", own)) == {A}
    boss = make_user("supervisor", towns=())
    only_b = make_scope(boss, town=B, as_of=AS_OF)
    assert set(tally("housing", only_b)) == {B}


def test_a_town_outside_the_users_is_not_found(app, make_user):
    with pytest.raises(NotInScope):
        make_scope(make_user("supervisor", towns=(A,)), town=B)
    with pytest.raises(NotInScope):
        make_scope(make_user("admin", towns=()), town="999999999")


def test_households_never_visited_and_without_location(known, make_user):
    scope = make_scope(make_user("admin", towns=()), as_of=AS_OF)
    households = tally("households", scope)
    assert households[A]["all"] == 6
    # 6 has no record; 7's only record is after the day.
    assert households[A]["never_visited"] == 2
    assert households[A]["without_location"] == 1


def test_households_registered_after_the_day_are_not_counted(known, make_user):
    scope = make_scope(make_user("admin", towns=()), as_of=date(2025, 12, 31))
    assert tally("households", scope) == {}


def test_devices_overdue_against_the_day_and_replacements_within_90_days(
    household, make_user
):
    registered(household)
    fitting(household)  # due 2026-04-05: overdue on 1 November
    fitting(household, stage="followup", due="2026-12-05")  # not yet due
    fitting(household, stage="closed", due=None)  # closed: never overdue
    fitting(household, status="returned")  # left out
    fitting(household, stage="prescribed", due=None)  # not fitted yet
    fitting(household, due="2027-03-05", replace="2026-12-01")  # replace soon
    scope = make_scope(make_user("supervisor", towns=()), as_of=AS_OF)
    devices = tally("devices", scope)[A]
    assert devices["all"] == 4
    assert devices["followup_overdue"] == 1
    assert devices["replacement_due"] == 1
    later = make_scope(make_user("supervisor", towns=()), as_of=date(2026, 12, 10))
    assert tally("devices", later)[A]["followup_overdue"] == 2


def test_respite_counts_each_person_by_latest_assessment(make_household, make_user):
    home = four_members(make_household)
    p1, p2, p3, p4 = home.members
    assessment(home, p1, True)
    service(home, p1)  # served
    assessment(home, p2, True)  # eligible, no service
    assessment(home, p3, True)
    service(home, p3, ended="2026-10-01")  # ended before the day
    born_on(p4, date(1960, 5, 12))  # 66: past the rule's 59
    assessment(home, p4, True, captured_at=MARCH_1)  # as the record said then
    assessment(home, p4, False, captured_at=MARCH_10)
    april = datetime(2026, 4, 1, tzinfo=UTC)
    assessment(home, p4, True, captured_at=april, status="returned")  # left out
    scope = make_scope(make_user("supervisor", towns=()), as_of=AS_OF)
    respite = tally("respite", scope)[A]
    assert respite["all"] == 4
    assert respite["eligible"] == 3
    assert respite["served"] == 1
    assert respite["without_service"] == 2


def test_persons_with_card_and_card_that_disagrees_with_the_id(
    make_household, make_user
):
    home = four_members(make_household)
    home.members[1].disability_card = None
    home.members[2].disability_card = make_id() + "41"
    db.session.commit()
    scope = make_scope(make_user("supervisor", towns=()))
    persons = tally("persons", scope)[A]
    assert (persons["all"], persons["with_card"], persons["card_mismatch"]) == (4, 3, 1)


def test_every_count_equals_the_length_of_its_list(known, make_user, household):
    registered(household)
    fitting(household)
    assessment(household, household.head, True)
    scope = make_scope(make_user("admin", towns=()), as_of=AS_OF)
    for name, rowset in ROWSETS.items():
        counts = tally(name, scope)
        for facet in ("all", *rowset.facets):
            _rows, stmt = members(name, facet, scope)
            listed = db.session.scalar(
                select(func.count()).select_from(stmt.subquery())
            )
            counted = sum(town[facet] for town in counts.values())
            assert listed == counted, (name, facet)


def test_dashboard_sums_towns_and_trend_ends_at_the_day(known, make_user):
    from fieldapp.services.dashboard import dashboard

    body = dashboard(make_scope(make_user("admin", towns=()), as_of=AS_OF))
    assert body["housing"]["inspected"] == 5
    assert body["housing"]["renovated"] == 2
    assert len(body["by_town"]) == len(body["towns"]) == 17
    town_a = next(t for t in body["by_town"] if t["code"] == A)
    assert town_a["housing"]["renovation"]["accepted"] == 1
    trend = body["trend"]
    assert trend["points"][-1] == "2026-11-01"
    assert trend["housing_inspected"][-1] == 5
    assert trend["housing_renovated"][-1] == 2
    assert trend["points"][-7] == "2026-05-31"
    assert trend["housing_renovated"][-7] == 0  # none accepted yet
    assert trend["housing_renovated"][-6] == 2  # 1 and 28 June
