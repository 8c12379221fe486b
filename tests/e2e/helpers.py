"""Steps the browser tests share: log in, wait until the phone is ready offline."""

import re
from typing import NamedTuple

from playwright.sync_api import Page, expect
from sqlalchemy import func, select

from fieldapp.extensions import db
from tests.e2e.conftest import PASSWORD
from tests.factories import make_id


def log_in(page: Page, username: str, remember: bool = False) -> None:
    """Log in through the form; `remember` ticks 记住我 (off unless ticked), which a
    worker on her own phone does to stay logged in when the browser restarts."""
    page.goto("/login")
    page.fill("#username", username)
    page.fill("#password", PASSWORD)
    if remember:
        page.check("#remember")
    page.click("form button[type=submit]")
    page.wait_for_url("**/")


def wait_until_offline_ready(page: Page) -> None:
    """The worker controls the page, the pages are kept and the households cached."""
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")
    expect(page.locator("#outbox-status")).to_have_attribute("data-offline-ready", "1")


def expect_pending(page: Page, count: int) -> None:
    """The status bar shows `count` items waiting to be sent."""
    expect(page.locator("#outbox-status")).to_have_attribute("data-pending", str(count))


def outbox_after(page: Page, uuid: str) -> str | None:
    """The key of the item an outbox item waits for (its `after`)."""
    return page.evaluate(
        """async (uuid) => {
            const { getItem } = await import('/static/js/outbox.js');
            return (await getItem(uuid)).after;
        }""",
        uuid,
    )


HOUSEHOLD_LIST = re.compile(r"/api/v1/households\?")


def household_list_now(page: Page) -> str:
    """The phone's household list as the server sends it at this moment (JSON)."""
    return page.evaluate(
        """async () => (await fetch('/api/v1/households?per_page=200&page=1',
            { credentials: 'same-origin', cache: 'no-store' })).text()"""
    )


def reconnect_with_an_older_list(phone, page: Page, older: str) -> None:
    """Signal back, with the household refresh that reconnecting starts answered
    `older` (a list sent before the outbox delivered), and only once the outbox
    is empty; returns when the phone has written that list."""
    written_before = page.evaluate(
        """async () => {
            const { refreshedAt } = await import('/static/js/households.js');
            return (await refreshedAt()) ?? 0;
        }"""
    )
    held = []
    page.route(HOUSEHOLD_LIST, lambda route: held.append(route))
    phone.go_online()
    expect_pending(page, 0)
    assert held, "reconnecting did not ask for the household list"
    held[0].fulfill(status=200, content_type="application/json", body=older)
    page.unroute(HOUSEHOLD_LIST)
    page.evaluate(
        """async (before) => {
            const { refreshedAt } = await import('/static/js/households.js');
            const deadline = Date.now() + 5000;
            while (((await refreshedAt()) ?? 0) <= before) {
                if (Date.now() > deadline) throw new Error('the list was not written');
                await new Promise((resolve) => setTimeout(resolve, 50));
            }
        }""",
        written_before,
    )


def register_household(page: Page, village: str, name: str, **member) -> str:
    """Register a household of one member on the phone's form (in 万城镇, with a
    new ID number unless `id_number` is given, and any other member fields such
    as `disability_card` or `phone`); its uuid, once on the household's page."""
    page.goto("/households/new")
    form = page.locator("form[data-outbox]")
    expect(form).to_have_attribute("data-outbox-ready", "1")
    page.select_option("#town_code", "469006100")
    page.fill("#village", village)
    page.fill("#members-0-name", name)
    member.setdefault("id_number", make_id())
    for field, value in member.items():
        page.fill(f"#members-0-{field}", value)
    form.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(r"/households/[0-9a-f-]{36}$"))
    return page.url.rsplit("/", 1)[1]


def count_rows(app, model, **filters) -> int:
    """Rows of `model` in the live app's database matching equality filters."""
    with app.app_context():
        stmt = select(func.count()).select_from(model).filter_by(**filters)
        found = db.session.scalar(stmt)
        db.session.remove()
        return found


def photo_file(folder, width: int = 3000, height: int = 2000):
    """A phone-camera-sized JPEG (a gradient, so it decodes like a real photo)."""
    from PIL import Image

    path = folder / "camera.jpg"
    gradient = Image.linear_gradient("L").resize((width, height))
    Image.merge("RGB", (gradient, gradient.rotate(90), gradient)).save(path, quality=90)
    return path


def fill_barthel(page, scores: dict[str, int]) -> None:
    """Tap one score per Barthel item."""
    for item, score in scores.items():
        page.check(f"input[name='data-barthel-{item}'][value='{score}']")


# Polls IndexedDB in the page: wait_for_function does not await a promise. The
# condition is written into the function's text (the pages' CSP forbids eval and
# `new Function`; a function Playwright sends is compiled by the browser itself).
WAIT_FOR_DRAFT_JS = """async ([timeoutMs]) => {
    const { listDrafts } = await import('/static/js/drafts.js');
    const value = (d, name) => {
        const hit = d.fields.find(([n, , on]) => n === name && on !== false);
        return hit ? hit[1] : undefined;
    };
    const check = (d, field) => (CONDITION);
    const holds = async () =>
        (await listDrafts()).some((d) => check(d, (name) => value(d, name)));
    const deadline = Date.now() + timeoutMs;
    while (!(await holds())) {
        if (Date.now() > deadline) throw new Error(`no draft: ${check}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
    }
}"""


def wait_for_draft(page, condition: str, timeout_ms: int = 5000) -> None:
    """Wait until a draft on the phone satisfies `condition` (JS, with `d` the draft
    and `field(name)` the saved value of a field, or of a ticked radio)."""
    page.evaluate(WAIT_FOR_DRAFT_JS.replace("CONDITION", condition), [timeout_ms])


def open_respite_form(page, worker) -> None:
    """The respite assessment of the head of household, from the household page."""
    page.goto(f"/surveys/respite_assessment/new?household={worker.household}")
    expect(page.locator("#survey-form")).to_have_attribute("data-outbox-ready", "1")
    page.select_option("#person_uuid", worker.head)


def submit_form(page, worker) -> None:
    """Submit the survey and land on the household page."""
    page.click("#survey-form button[type=submit]")
    page.wait_for_url(f"**/households/{worker.household}")


class StoredRecord(NamedTuple):
    """What a browser test checks of a record the server stored."""

    id: int
    uuid: str
    person_uuid: str | None
    data: dict
    computed: dict


def records_of(app, household_uuid: str, kind: str | None = None) -> list:
    """The records stored for a household (of one kind, if given), in the order
    they were stored, as StoredRecord tuples."""
    from fieldapp.models import Household, Record

    with app.app_context():
        query = (
            db.session.query(Record)
            .join(Household)
            .filter(Household.uuid == household_uuid)
            .order_by(Record.id)
        )
        if kind is not None:
            query = query.filter(Record.kind == kind)
        found = [
            StoredRecord(
                r.id,
                r.uuid,
                r.person.uuid if r.person is not None else None,
                dict(r.data),
                dict(r.computed or {}),
            )
            for r in query.all()
        ]
        db.session.remove()
        return found


def submit_and_open_record(page, submit) -> None:
    """Submit a survey the way every survey goes (saved on the phone, then sent by
    the outbox), wait until it is sent, and open the stored record's page.
    `submit` clicks or taps the submit button."""
    uuid = page.input_value("#survey-form input[name=uuid]")
    submit()
    page.wait_for_url(re.compile(r"/households/[0-9a-f-]{36}$"))
    expect(page.locator("#outbox-status")).to_have_attribute("data-unsent", "0")
    page.goto(f"/records/{uuid}")
