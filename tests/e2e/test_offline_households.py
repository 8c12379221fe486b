"""A household registered offline survives a browser restart and is stored once."""

from playwright.sync_api import expect

from fieldapp.models import Household
from tests.e2e.helpers import (
    count_rows,
    expect_pending,
    household_list_now,
    log_in,
    reconnect_with_an_older_list,
    register_household,
    wait_until_offline_ready,
)
from tests.factories import make_id


def test_household_typed_offline_is_kept_through_restart_and_stored_once(
    kept_phone, live_app, worker
):
    page = kept_phone.open().new_page()
    log_in(page, worker.username, remember=True)
    wait_until_offline_ready(page)

    kept_phone.go_offline()
    uuid = register_household(page, "北大村", "黎明")
    expect(page.locator("[data-offline-title]")).to_have_text("黎明")
    expect(page.locator("[data-fact=town_name]")).to_have_text("万城镇")  # was —
    expect_pending(page, 1)

    kept_phone.close()
    page = kept_phone.open(offline=True).new_page()
    page.goto("/")
    expect_pending(page, 1)
    assert count_rows(live_app, Household, uuid=uuid) == 0

    kept_phone.go_online()
    expect_pending(page, 0)
    assert count_rows(live_app, Household, uuid=uuid) == 1


def test_household_typed_offline_is_sent_before_its_record_and_photo(
    fresh_phone, live_app, worker, tmp_path
):
    from fieldapp.domain.barthel import BARTHEL_ITEMS
    from fieldapp.models import Photo, Record
    from tests.e2e.helpers import fill_barthel, photo_file, records_of

    page = fresh_phone.context.new_page()
    log_in(page, worker.username)
    wait_until_offline_ready(page)
    order = []
    fresh_phone.context.on(
        "request",
        lambda r: (
            order.append(r.url.split("/api/v1/")[1])
            if r.method == "POST" and "/api/v1/" in r.url
            else None
        ),
    )
    fresh_phone.go_offline()
    id_number = make_id()
    household = register_household(
        page, "南林村", "吴海", id_number=id_number, disability_card=id_number + "21"
    )

    page.click("[data-offline-surveys] a[href*='respite_assessment']")
    expect(page.locator("#survey-form")).to_have_attribute("data-outbox-ready", "1")
    expect(page.locator("[data-household-summary]")).to_contain_text("吴海")
    fill_barthel(page, {item: scores[0] for item, scores in BARTHEL_ITEMS.items()})
    page.set_input_files("input[data-photo]", photo_file(tmp_path, 1200, 900))
    expect(page.locator("[data-photo-list]")).to_have_attribute("data-count", "1")
    page.click("#survey-form button[type=submit]")
    page.wait_for_url(f"**/households/{household}")
    expect_pending(page, 3)

    fresh_phone.go_online()
    expect(page.locator("#outbox-status")).to_have_attribute("data-unsent", "0")
    assert [url.split("/")[0] for url in order] == ["households", "records", "records"]
    assert order[2].endswith("/photos")
    assert count_rows(live_app, Household, uuid=household) == 1
    [record] = records_of(live_app, household)
    assert count_rows(live_app, Record, uuid=record.uuid) == 1
    assert count_rows(live_app, Photo, record_id=record.id) == 1


def test_a_list_sent_before_the_household_arrived_does_not_drop_it(
    fresh_phone, live_app, worker
):
    """A household typed offline and delivered while the refresh that reconnecting
    started was on its way stays on the phone: the list predates it."""
    page = fresh_phone.context.new_page()
    log_in(page, worker.username)
    wait_until_offline_ready(page)
    older = household_list_now(page)
    fresh_phone.go_offline()
    uuid = register_household(page, "北大村", "黎明")
    expect_pending(page, 1)

    reconnect_with_an_older_list(fresh_phone, page, older)
    assert count_rows(live_app, Household, uuid=uuid) == 1

    fresh_phone.go_offline()
    page.goto(f"/households/{uuid}")
    expect(page.locator("[data-offline-title]")).to_have_text("黎明")
