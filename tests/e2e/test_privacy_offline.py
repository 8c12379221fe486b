"""What stays on the phone holds no full number and no birth date: the kept
households are masked, and pages that show full numbers are never cached."""

import re

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from fieldapp.domain.ids import mask_card, mask_id, mask_phone
from fieldapp.extensions import db
from tests.e2e.helpers import log_in, register_household, wait_until_offline_ready
from tests.factories import make_id

KEPT_HOUSEHOLDS_JS = """async () => {
    const { allHouseholds } = await import('/static/js/households.js');
    return allHouseholds();
}"""
CACHED_URLS_JS = """async () => {
    const urls = [];
    for (const name of await caches.keys()) {
        const cache = await caches.open(name);
        for (const request of await cache.keys()) urls.push(request.url);
    }
    return urls;
}"""
MASKED_ID = re.compile(r"[0-9]{6}\*{8}[0-9]{3}[0-9X]")


def assert_masked(member: dict) -> None:
    assert "birth_date" not in member
    assert MASKED_ID.fullmatch(member["id_number"]), member["id_number"]
    assert member["age"] is not None and member["sex"] in ("M", "F")
    assert "*" in member["phone"] or member["phone"] == ""


def test_kept_households_are_masked_even_when_typed_on_the_phone(fresh_phone, worker):
    page = fresh_phone.context.new_page()
    log_in(page, worker.username)
    wait_until_offline_ready(page)
    kept = page.evaluate(KEPT_HOUSEHOLDS_JS)
    assert kept and all(assert_masked(m) is None for h in kept for m in h["members"])

    fresh_phone.go_offline()
    id_number = make_id()
    uuid = register_household(
        page,
        "北大村",
        "黎明",
        id_number=id_number,
        disability_card=id_number + "41",
        phone="13912345678",
    )

    expect(page.locator("[data-offline-members]")).to_contain_text(mask_id(id_number))
    assert id_number not in page.content()
    [typed] = [h for h in page.evaluate(KEPT_HOUSEHOLDS_JS) if h["uuid"] == uuid]
    member = typed["members"][0]
    assert_masked(member)
    assert member["disability_card"] == mask_card(id_number + "41")
    assert member["phone"] == "139****5678"
    assert (member["disability_category"], member["disability_level"]) == (4, 1)


def test_copies_kept_by_the_old_version_are_masked_on_upgrade(page):
    page.goto("/static/css/app.css")  # same origin, no app script opens the database
    page.evaluate(
        """([household]) => new Promise((resolve, reject) => {
            const open = indexedDB.open('fieldapp', 1);
            open.onupgradeneeded = () => {
                const db = open.result;
                for (const name of ['outbox', 'drafts', 'households'])
                    db.createObjectStore(name, { keyPath: 'uuid' });
                db.createObjectStore('meta');
            };
            open.onsuccess = () => {
                const tx = open.result.transaction('households', 'readwrite');
                tx.objectStore('households').put(household);
                tx.oncomplete = () => { open.result.close(); resolve(); };
                tx.onerror = () => reject(tx.error);
            };
        })""",
        [
            {
                "uuid": "0b8f6c1e-3c55-4d1e-9a8e-2f1f3c0d9e11",
                "village": "东岭村",
                "members": [
                    {
                        "uuid": "1b8f6c1e-3c55-4d1e-9a8e-2f1f3c0d9e11",
                        "name": "王大明",
                        "relation": "head",
                        "id_number": "469006196005121231",
                        "disability_card": "46900619600512123141",
                        "phone": "13800001234",
                        "birth_date": "1960-05-12",
                    }
                ],
            }
        ],
    )
    [kept] = page.evaluate(KEPT_HOUSEHOLDS_JS)
    member = kept["members"][0]
    assert member["id_number"] == "469006********1231"
    assert member["disability_card"] == "469006********123141"
    assert member["phone"] == "138****1234"
    assert "birth_date" not in member and member["sex"] == "M"


def test_pages_with_full_numbers_are_never_kept_by_the_worker(
    fresh_phone, worker, live_user
):
    page = fresh_phone.context.new_page()
    log_in(page, worker.username)
    wait_until_offline_ready(page)
    for path in (
        f"/households/{worker.household}",
        f"/households/{worker.household}/edit",
    ):
        response = page.goto(path)
        assert response.ok
    assert "no-store" in response.headers["cache-control"]
    page.goto("/")  # leave the edit page; the worker may store what it fetched
    urls = page.evaluate(CACHED_URLS_JS)
    assert any(u.endswith(f"/households/{worker.household}") for u in urls)
    assert not [u for u in urls if "/edit" in u or "unmasked" in u]


def test_unmasked_case_file_is_never_kept(fresh_phone, worker, live_user):
    from tests.e2e.conftest import PASSWORD

    username, _password = live_user("supervisor", password=PASSWORD)
    page = fresh_phone.context.new_page()
    log_in(page, username)
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")
    path = f"/households/{worker.household}/casefile?unmasked=1"
    response = page.goto(path)
    assert response.ok and "no-store" in response.headers["cache-control"]
    page.goto("/")
    urls = page.evaluate(CACHED_URLS_JS)
    assert not [u for u in urls if re.search(r"/households/[^/]+/casefile|unmasked", u)]


@pytest.mark.parametrize(
    "value",
    [
        "469006196005121231",
        "46900619600512124x",
        " 469006 196005121231 ",
        "469006196005121",
        "12345",
        "",
        "46900619600512123141",
        "13800001234",
        "138 0000 1234",
        "0898-62212345",
        "+8613800001234",
        "6221234",
    ],
)
def test_phone_masks_are_the_servers_masks(page, live_server, value):
    page.goto("/static/css/app.css")
    got = page.evaluate(
        """async (value) => {
            const m = await import('/static/js/masks.js');
            return [m.maskId(value), m.maskCard(value), m.maskPhone(value)];
        }""",
        value,
    )
    assert got == [mask_id(value), mask_card(value), mask_phone(value)]


def stored_numbers(live_app, household_uuid: str) -> list[tuple]:
    """(ID, card, phone) of each stored member of the household, in order."""
    from fieldapp.models import Household

    with live_app.app_context():
        stored = db.session.scalars(
            select(Household).where(Household.uuid == household_uuid)
        ).one()
        numbers = [(p.id_number, p.disability_card, p.phone) for p in stored.members]
        db.session.remove()
    return numbers


def test_the_edit_page_keeps_masked_numbers_through_an_added_member(
    fresh_phone, worker, live_app
):
    """A worker edits a household without ever being sent its full numbers:
    the added member's row starts blank, and the stored numbers are kept."""
    before = stored_numbers(live_app, worker.household)
    page = fresh_phone.context.new_page()
    log_in(page, worker.username)
    response = page.goto(f"/households/{worker.household}/edit")
    html = response.text()
    assert not [n for numbers in before for n in numbers if n and n in html]
    expect(page.locator(".member-row").first).to_contain_text(mask_id(before[0][0]))
    expect(page.locator(".member-row").first).to_contain_text(mask_card(before[0][1]))
    expect(page.locator(".member-row").first).to_contain_text(mask_phone(before[0][2]))
    page.click("#add-member")
    added = page.locator(".member-row").last
    expect(added.locator(".hint", has_text="已登记")).to_have_count(0)
    expect(added.locator("input[type=checkbox]")).to_have_count(0)
    expect(added.locator("select[name$='-status']")).to_have_value("active")
    expect(added.locator("select[name$='-relation']")).to_have_value("other")
    rows = page.locator(".member-row")
    blank = rows.nth(rows.count() - 2)  # the page's own blank row, then the added one
    blank.locator("input[name$='-name']").fill("陈小海")
    blank.locator("select[name$='-relation']").select_option("child")
    new_id = make_id(seq=463)
    blank.locator("input[name$='-id_number']").fill(new_id)
    page.click("#household-form button[type=submit]")
    page.wait_for_url(f"**/households/{worker.household}")
    after = stored_numbers(live_app, worker.household)
    assert after[:2] == before and after[2][0] == new_id and len(after) == 3
