"""Record ingest: one transaction, no lookup before a new uuid, no read-back."""

import pytest
from sqlalchemy import event

from fieldapp.extensions import db
from tests.factories import SAMPLE_DATA, WRITER, record_payload


@pytest.fixture
def statements(app):
    """The SQL statements run while the test's block runs."""
    seen = []

    def count(_conn, _cursor, statement, *_args):
        seen.append(statement.split()[0].upper())

    event.listen(db.engine, "before_cursor_execute", count)
    yield seen
    event.remove(db.engine, "before_cursor_execute", count)


@pytest.mark.parametrize("kind", list(SAMPLE_DATA))
def test_the_answer_is_what_a_later_read_gives(api, make_user, household, kind):
    client = api(make_user(WRITER[kind], towns=["469006100"]))
    body = record_payload(kind, household)
    created = client.post("/api/v1/records", json=body)
    assert created.status_code == 201
    db.session.expire_all()
    read = client.get(f"/api/v1/records/{body['uuid']}")
    assert read.status_code == 200
    assert created.get_json() == read.get_json()


def test_a_new_record_is_two_reads_and_one_transaction(
    api, make_user, household, statements
):
    client = api(make_user("inspector", towns=["469006100"]))
    body = record_payload("housing_inspection", household)
    statements.clear()
    assert client.post("/api/v1/records", json=body).status_code == 201
    reads = [s for s in statements if s == "SELECT"]
    writes = [s for s in statements if s == "INSERT"]
    # The token (with user and towns), the household with its members; then
    # the audit entry, the record and its first version.
    assert (len(reads), len(writes)) == (2, 3), statements
