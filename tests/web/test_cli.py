"""Command line: create-user, seed-demo (idempotent), load-towns."""

from fieldapp.models import Household, Person, Record, Town, User
from tests.factories import count, only


def test_create_user(runner):
    result = runner.invoke(
        args=[
            "create-user",
            "wancheng1",
            "--role",
            "inspector",
            "--town",
            "469006100",
            "--password",
            "pass-word-1",
        ]
    )
    assert result.exit_code == 0, result.output
    assert only(User, username="wancheng1").town_codes == ["469006100"]


def test_create_user_refuses_unknown_town_and_weak_password(runner):
    result = runner.invoke(
        args=[
            "create-user",
            "x1",
            "--role",
            "inspector",
            "--town",
            "123",
            "--password",
            "pass-word-1",
        ]
    )
    assert result.exit_code != 0 and "unknown_town" in result.output
    result = runner.invoke(
        args=["create-user", "x2", "--role", "admin", "--password", "short"]
    )
    assert result.exit_code != 0 and "weak_password" in result.output


def test_seed_demo_fills_once(runner):
    first = runner.invoke(args=["seed-demo"])
    assert first.exit_code == 0, first.output
    assert "inspector" in first.output and "demo12345" in first.output
    households, users, records = count(Household), count(User), count(Record)
    assert households >= 60 and users == 4
    second = runner.invoke(args=["seed-demo"])
    assert second.exit_code == 0
    assert (count(Household), count(User), count(Record)) == (
        households,
        users,
        records,
    )


def test_demo_data_is_realistic(runner):
    from sqlalchemy import select

    from fieldapp.domain.geo import distance_m
    from fieldapp.extensions import db

    runner.invoke(args=["seed-demo"])
    people = db.session.scalars(select(Person)).all()
    cards = {
        (p.disability_category, p.disability_level)
        for p in people
        if p.disability_category
    }
    assert {c for c, _ in cards} == set(range(1, 8))
    assert {lvl for _, lvl in cards} == {1, 2, 3, 4}
    for household in db.session.scalars(select(Household)):
        town = household.town
        assert distance_m(household.lat, household.lon, town.lat, town.lon) < 4000
    services = db.session.scalars(
        select(Record).where(Record.kind == "respite_service")
    ).all()
    assert len(services) >= 3
    assert any(s.data.get("ended_on") for s in services)
    assessments = {
        r.uuid: r
        for r in db.session.scalars(
            select(Record).where(Record.kind == "respite_assessment")
        )
    }
    for service in services:
        linked = assessments[service.data["assessment_uuid"]]
        assert linked.computed["eligible"] is True
        assert linked.person_id == service.person_id


def test_load_towns(runner):
    result = runner.invoke(args=["load-towns"])
    assert result.exit_code == 0
    assert count(Town) == 17


def test_demo_data_renovates_some_dangerous_houses_at_each_stage(runner):
    from sqlalchemy import select

    from fieldapp.extensions import db
    from fieldapp.models import Record

    runner.invoke(args=["seed-demo"])
    renovations = db.session.scalars(
        select(Record).where(Record.kind == "housing_renovation")
    ).all()
    assert {r.stage for r in renovations} == {
        "planned",
        "in_works",
        "completed",
        "accepted",
        "paid",
    }
    for record in renovations:
        inspection = db.session.scalar(
            select(Record).where(Record.uuid == record.data["inspection_uuid"])
        )
        assert inspection.household_id == record.household_id
        assert inspection.grade in ("C", "D")
        assert record.computed["grade"] == inspection.grade
