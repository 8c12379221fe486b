"""Records and reviews made on the server side of a browser test (the office)."""

from fieldapp.extensions import db
from fieldapp.models import Record, RecordVersion, User
from fieldapp.services import records, reviews
from tests.factories import SAMPLE_DATA, new_uuid


def store_respite(app, username: str, household: str, person: str, **data) -> str:
    """A respite assessment written by `username`; returns its uuid."""
    raw = {
        "uuid": new_uuid(),
        "kind": "respite_assessment",
        "household_uuid": household,
        "person_uuid": person,
        "captured_at": "2026-03-05T09:12:00+08:00",
        "location": {"lat": 18.80, "lon": 110.39, "accuracy_m": 8.5},
        "data": {**SAMPLE_DATA["respite_assessment"], **data},
    }
    with app.test_request_context():
        author = db.session.query(User).filter_by(username=username).one()
        records.submit(raw, author)
        db.session.remove()
    return raw["uuid"]


def correct_on_server(app, uuid: str, username: str, **data) -> int:
    """Someone corrects the record elsewhere; returns the new version."""
    with app.test_request_context():
        record = db.session.query(Record).filter_by(uuid=uuid).one()
        author = db.session.query(User).filter_by(username=username).one()
        body = {**record.versions[-1].body}
        body["data"] = {**body["data"], **data}
        version = records.correct(record, body, record.version, author).version
        db.session.remove()
    return version


def decide(app, uuid: str, username: str, decision: str, comment: str = "") -> None:
    """A supervisor approves or returns the current version (or reopens)."""
    with app.test_request_context():
        record = db.session.query(Record).filter_by(uuid=uuid).one()
        boss = db.session.query(User).filter_by(username=username).one()
        if decision == "reopen":
            reviews.reopen(record, {"comment": comment}, boss)
        else:
            raw = {"decision": decision, "comment": comment, "version": record.version}
            reviews.review(record, raw, boss)
        db.session.remove()


def last_comment(app, uuid: str) -> str:
    """The comment of the record's latest review."""
    with app.app_context():
        record = db.session.query(Record).filter_by(uuid=uuid).one()
        comment = record.reviews[-1].comment if record.reviews else ""
        db.session.remove()
        return comment


def stored(app, uuid: str) -> tuple[str, int, dict, int]:
    """(status, version, data, number of stored versions) of a record now."""
    with app.app_context():
        record = db.session.query(Record).filter_by(uuid=uuid).one()
        count = db.session.query(RecordVersion).filter_by(record_id=record.id).count()
        found = (record.status, record.version, dict(record.data), count)
        db.session.remove()
        return found
