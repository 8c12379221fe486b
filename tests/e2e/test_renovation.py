"""An inspector records a renovation through to acceptance with the signal lost at
each visit: the form shows the server's floors and caps, each stage goes through
the outbox, and on acceptance the after photo is asked for first and every
photo reaches the server with its tag, so the supervisor can approve it."""

import itertools

import pytest
from playwright.sync_api import expect

from fieldapp.extensions import db
from fieldapp.models import Photo, Record
from tests.e2e.conftest import PASSWORD
from tests.e2e.helpers import (
    expect_pending,
    log_in,
    photo_file,
    wait_until_offline_ready,
)
from tests.factories import household_payload, make_id, member_payload, new_uuid

pytestmark = pytest.mark.e2e
_names = itertools.count(1)


@pytest.fixture
def inspected(live_app):
    """An inspector, a household of two and its inspection graded D (dangerous
    site): (username, household uuid, inspection uuid)."""
    from fieldapp.services.accounts import create_user
    from fieldapp.services.households import create_household
    from fieldapp.services.records import submit

    with live_app.app_context():
        name = f"renovation-inspector-{next(_names)}"
        user = create_user(name, PASSWORD, "inspector", ["469006100"])
        members = [
            member_payload(name="符春花", relation="head"),
            member_payload(name="陈阿公", relation="spouse", id_number=make_id()),
        ]
        household, _ = create_household(household_payload(members=members), user)
        inspection = {
            "uuid": new_uuid(),
            "kind": "housing_inspection",
            "household_uuid": household.uuid,
            "captured_at": "2026-03-05T09:12:00+08:00",
            "location": {"lat": 18.80, "lon": 110.39, "accuracy_m": 8.0},
            "data": {
                "method": "rural_2019",
                "structure_type": "earth_wood",
                "floors": 1,
                "site_dangerous": True,
                "components": {},
            },
        }
        record, _ = submit(inspection, user)
        assert record.grade == "D"
        uuids = (name, household.uuid, record.uuid)
        db.session.remove()
    return uuids


def stored(live_app, uuid):
    """(stage, version, data, photo tags) of the stored renovation."""
    with live_app.app_context():
        record = db.session.query(Record).filter_by(uuid=uuid).one()
        tags = sorted(
            p.tag for p in db.session.query(Photo).filter_by(record_id=record.id)
        )
        found = (record.stage, record.version, dict(record.data), tags)
        db.session.remove()
        return found


def send_when_online(phone, page, pending):
    """Saved on the phone: `pending` items wait until the signal is back."""
    expect_pending(page, pending)
    phone.go_online()
    expect_pending(page, 0)


def test_renovation_through_to_acceptance_offline_with_tagged_photos(
    fresh_phone, live_app, inspected, tmp_path
):
    username, household, inspection = inspected
    page = fresh_phone.context.new_page()
    log_in(page, username)
    wait_until_offline_ready(page)

    # Visit 1: the plan and the start of the works.
    page.goto(
        f"/surveys/housing_renovation/new?household={household}&inspection={inspection}"
    )
    form = page.locator("#survey-form")
    expect(form).to_have_attribute("data-outbox-ready", "1")
    fresh_phone.go_offline()
    expect(page.locator("#data-mode")).to_have_value("relocate")
    preview = page.locator("section[data-preview]")
    expect(preview.locator("[data-out=grade]")).to_have_text("D级(整幢危房)")
    expect(preview.locator("[data-out=subsidy_floor]")).to_have_text("35000")
    expect(preview.locator("[data-out=area_cap_m2]")).to_have_text("40")
    page.fill("#data-area_m2", "45")
    expect(preview.locator("[data-out=over_area_cap]")).to_have_text("是")
    page.select_option("#data-stage", "in_works")
    expect(preview.locator("[data-out=grade]")).to_have_text("—")  # no start date
    page.fill("#data-started_on", "2026-04-01")
    expect(preview.locator("[data-out=grade]")).to_have_text("D级(整幢危房)")
    expect(page.locator("[data-acceptance-photos]")).to_be_hidden()
    uuid = page.input_value("#survey-form input[name=uuid]")
    page.click("#survey-form button[type=submit]")
    page.wait_for_url(f"**/households/{household}")
    send_when_online(fresh_phone, page, 1)
    assert stored(live_app, uuid)[:2] == ("in_works", 1)

    # Visit 2: the works are finished.
    page.goto(f"/records/{uuid}/edit")
    expect(form).to_have_attribute("data-outbox-ready", "1")
    fresh_phone.go_offline()
    page.select_option("#data-stage", "completed")
    page.fill("#data-completed_on", "2026-06-20")
    page.click("#survey-form button[type=submit]")
    page.wait_for_url(f"**/households/{household}")
    send_when_online(fresh_phone, page, 1)
    assert stored(live_app, uuid)[:2] == ("completed", 2)

    # Visit 3: acceptance, with the after photo first.
    page.goto(f"/records/{uuid}/edit")
    expect(form).to_have_attribute("data-outbox-ready", "1")
    fresh_phone.go_offline()
    page.select_option("#data-stage", "accepted")
    block = page.locator("[data-acceptance-photos]")
    expect(block).to_be_visible()
    inputs = block.locator("input[type=file]")
    expect(inputs.first).to_have_attribute("data-photo-tag", "after")
    page.fill("#data-accepted_on", "2026-06-28")
    page.fill("#data-accepted_by", "符验收")
    photos = page.locator("[data-photo-list]")
    page.set_input_files("#photo-input-after", photo_file(tmp_path, 1200, 900))
    expect(photos).to_have_attribute("data-count", "1")
    page.set_input_files("#photo-input-before", photo_file(tmp_path, 900, 1200))
    expect(photos).to_have_attribute("data-count", "2")
    page.set_input_files("#photo-input", photo_file(tmp_path, 800, 600))
    expect(photos).to_have_attribute("data-count", "3")
    tags = photos.locator("select[data-photo-tag-select]")
    expect(tags.nth(0)).to_have_value("after")
    expect(tags.nth(1)).to_have_value("before")
    expect(tags.nth(2)).to_have_value("")
    tags.nth(2).select_option("site")
    page.wait_for_function(
        """async () => {
            const { listDrafts } = await import('/static/js/drafts.js');
            return (await listDrafts()).some(
                (d) => (d.photos || []).some((p) => p.tag === 'site'));
        }"""
    )
    page.click("#survey-form button[type=submit]")
    page.wait_for_url(f"**/households/{household}")
    send_when_online(fresh_phone, page, 4)
    stage, version, data, photo_tags = stored(live_app, uuid)
    assert (stage, version) == ("accepted", 3)
    assert (data["accepted_on"], data["accepted_by"]) == ("2026-06-28", "符验收")
    assert photo_tags == ["after", "before", "site"]

    # The supervisor may approve it: the evidence is there.
    from fieldapp.models import User
    from fieldapp.services.accounts import create_user
    from fieldapp.services.reviews import review

    with live_app.app_context():
        boss = create_user(
            f"renovation-boss-{next(_names)}", PASSWORD, "supervisor", []
        )
        record = db.session.query(Record).filter_by(uuid=uuid).one()
        review(
            record, {"decision": "approve", "version": 3}, db.session.get(User, boss.id)
        )
        assert record.status == "approved"
        db.session.remove()
