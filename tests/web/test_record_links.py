"""The households API carries, per household, the records a new record of the
caller's kinds may link to (`links`): the phone offers them offline. Compact,
scoped, nothing personal, and one query for the whole page."""

import json
from contextlib import contextmanager

import pytest
from sqlalchemy import event

from fieldapp.extensions import db
from fieldapp.registry import KINDS
from fieldapp.registry.links import PER_PERSON, RecordLink
from fieldapp.services.record_links import linkable
from tests.factories import record_payload

LINK_KEYS = {"uuid", "kind", "captured_at", "person_uuid", "values"}


@contextmanager
def statements():
    """The SQL statements the app's engine runs inside the block."""
    seen: list[str] = []

    def note(conn, cursor, statement, parameters, context, executemany):
        seen.append(statement)

    event.listen(db.engine, "before_cursor_execute", note)
    try:
        yield seen
    finally:
        event.remove(db.engine, "before_cursor_execute", note)


def record_reads(seen: list[str]) -> list[str]:
    """The statements that read the `record` table."""
    return [
        s for s in seen if s.lstrip().upper().startswith("SELECT") and " record" in s
    ]


@pytest.fixture
def inspector(make_user):
    return make_user("inspector", towns=["469006100"])


def inspect(api, user, household, grade, captured_at) -> str:
    """Store an inspection with the grade asked; its uuid."""
    body = record_payload("housing_inspection", household, captured_at=captured_at)
    worst = {"B": "b", "C": "c", "D": "b"}[grade]
    body["data"]["components"] = {"foundation": "a", "walls": worst}
    body["data"]["site_dangerous"] = grade == "D"
    response = api(user).post("/api/v1/records", json=body)
    assert response.status_code == 201, response.json
    assert response.json["computed"]["grade"] == grade
    return body["uuid"]


@pytest.fixture
def inspected(api, inspector, make_household, make_user):
    """Two households of 万城镇 inspected C, B and D (the first) and C (the
    second), and one of another town inspected C: (households, uuids by name)."""
    first, second = make_household(), make_household()
    elsewhere = make_household(town_code="469006101")
    admin = make_user("admin", towns=())
    uuids = {
        "c": inspect(api, inspector, first, "C", "2026-03-01T09:00:00+08:00"),
        "b": inspect(api, inspector, first, "B", "2026-03-02T09:00:00+08:00"),
        "d": inspect(api, inspector, first, "D", "2026-03-03T09:00:00+08:00"),
        "second": inspect(api, inspector, second, "C", "2026-03-04T09:00:00+08:00"),
        "elsewhere": inspect(api, admin, elsewhere, "C", "2026-03-05T09:00:00+08:00"),
    }
    return (first, second, elsewhere), uuids


def listed(api, user) -> dict:
    """The household list (one page of 200) by household uuid."""
    response = api(user).get("/api/v1/households?per_page=200")
    assert response.status_code == 200
    return {h["uuid"]: h for h in response.json["items"]}


def test_each_household_carries_its_dangerous_inspections_compactly(
    api, inspector, inspected
):
    (first, second, elsewhere), uuids = inspected
    items = listed(api, inspector)
    assert set(items) == {first.uuid, second.uuid}  # the other town is not listed
    links = items[first.uuid]["links"]
    assert [link["uuid"] for link in links] == [uuids["d"], uuids["c"]]  # newest first
    for link in links:
        assert set(link) == LINK_KEYS
        assert set(link["values"]) == {"grade", "renovation_mode"}
        assert link["kind"] == "housing_inspection"
        assert link["person_uuid"] is None
    assert links[0]["values"] == {"grade": "D", "renovation_mode": "relocate"}
    assert links[1]["values"] == {"grade": "C", "renovation_mode": "repair"}
    assert links[1]["captured_at"] == "2026-03-01T01:00:00+00:00"
    assert [link["uuid"] for link in items[second.uuid]["links"]] == [uuids["second"]]


def test_links_hold_nothing_personal(api, inspector, inspected):
    (first, _second, _elsewhere), _uuids = inspected
    household = listed(api, inspector)[first.uuid]
    text = json.dumps(household["links"], ensure_ascii=False)
    member = first.members[0]
    for secret in (member.name, member.id_number, member.id_number[-4:], "ratio"):
        assert secret not in text
    assert '"data"' not in text and '"flags"' not in text


def test_the_detail_carries_the_same_links(api, inspector, inspected):
    (first, _second, elsewhere), uuids = inspected
    detail = api(inspector).get(f"/api/v1/households/{first.uuid}").json
    assert [link["uuid"] for link in detail["links"]] == [uuids["d"], uuids["c"]]
    assert detail["links"] == listed(api, inspector)[first.uuid]["links"]
    assert api(inspector).get(f"/api/v1/households/{elsewhere.uuid}").status_code == 404


def test_only_links_of_kinds_the_caller_writes(api, make_user, inspected):
    (first, _second, _elsewhere), _uuids = inspected
    rehab = make_user("rehab_worker", towns=["469006100"])
    supervisor = make_user("supervisor", towns=["469006100"])
    for user in (rehab, supervisor):  # neither writes renovations
        assert listed(api, user)[first.uuid]["links"] == []


def test_the_list_reads_the_records_of_the_whole_page_in_one_query(
    app, api, inspector, inspected, make_household
):
    for _ in range(3):
        inspect(api, inspector, make_household(), "D", "2026-03-06T09:00:00+08:00")
    client = api(inspector)
    with statements() as seen:
        response = client.get("/api/v1/households?per_page=200")
    assert len(response.json["items"]) == 5
    assert sum(1 for h in response.json["items"] if h["links"]) == 5
    assert len(record_reads(seen)) == 1


def test_a_person_link_carries_the_person_and_its_filter(
    app, api, make_user, household
):
    """respite_service's declared link: a person's eligible assessments."""
    rehab = make_user("rehab_worker", towns=["469006100"])
    body = record_payload("respite_assessment", household)
    response = api(rehab).post("/api/v1/records", json=body)
    assert response.status_code == 201, response.json
    assert response.json["computed"]["eligible"] is True
    link = KINDS["respite_service"].links_to
    assert (link.field, link.target, link.per) == (
        "assessment_uuid",
        "respite_assessment",
        PER_PERSON,
    )
    assert link.context_name == "assessment"
    with statements() as seen:
        found = linkable([household.id], [link]).get(household.id, [])
    assert len(record_reads(seen)) == 1
    [choice] = found
    assert (choice.uuid, choice.kind) == (body["uuid"], "respite_assessment")
    assert choice.person_uuid == household.members[0].uuid
    assert choice.values == {
        "dependency": response.json["computed"]["dependency"],
        "care_level": response.json["computed"]["care_level"],
        "eligible": True,
    }
    refusing = RecordLink(**{**link.__dict__, "where": (("eligible", (False,)),)})
    assert linkable([household.id], [refusing]) == {}
    assert linkable([], [link]) == {} and linkable([household.id], []) == {}
