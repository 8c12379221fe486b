"""Migration 0008 works the stored follow-up dates out again with the schedule
counted from the fitting date."""

from flask_migrate import downgrade, upgrade

from fieldapp.extensions import db
from fieldapp.models import Record
from tests.report_factories import make_record


def test_upgrade_recomputes_stored_followup_dates(app, household):
    data = {
        "device_code": "12 22 03",
        "stage": "followup",
        "fitted_on": "2026-01-15",
        "followups": [{"date": "2026-03-01", "outcome": "迟到"}],
    }
    old = {"next_followup_due": "2026-06-01", "followup_overdue": False}
    record = make_record(household, "device_fitting", data, computed=old)
    uuid = record.uuid
    db.session.remove()
    downgrade(revision="0007")
    upgrade()
    stored = db.session.query(Record).filter_by(uuid=uuid).one()
    assert stored.computed["next_followup_due"] == "2026-04-15"  # fitted + 3 months
    assert stored.computed["followup_count"] == 1
